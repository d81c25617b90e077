// Secrets never reach output, logs or state files: every text that leaves the process passes here.
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length < 4) continue;
    out = out.split(secret).join('[hidden]');
    const basic = Buffer.from(secret).toString('base64');
    if (basic.length >= 8) out = out.split(basic).join('[hidden]');
  }
  // Whatever the scheme, the credential after it goes; the scheme (Basic, Bearer…) may stay.
  return out.replace(/(authorization["']?\s*[:=]\s*["']?)(?:(basic|bearer|token)\s+)?[^\s"',;}]+/gi, (_all, head: string, scheme?: string) => `${head}${scheme ? `${scheme} ` : ''}[hidden]`);
}
