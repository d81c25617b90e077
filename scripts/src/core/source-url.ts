// Where a repository file can be read on the web, from the `git remote` URL: GitHub and GitLab hosts
// only (their /blob/ URL shapes are known); anything else gets no URL and the note names the path.
// `HEAD` in the URL follows the default branch, so the link stays right as the file changes.

/** `git@github.com:o/r.git`, `https://github.com/o/r`, `ssh://git@gitlab.example.com/g/s/r.git` → `{host, path}`. */
export function parseRemote(remote: string): { host: string; repoPath: string } | undefined {
  const text = remote.trim();
  let host: string | undefined;
  let path: string | undefined;
  const scp = /^(?:[\w.-]+@)?([\w.-]+):(?!\/\/)(.+)$/.exec(text);
  if (scp && !/^[a-z]+:\/\//i.test(text)) {
    host = scp[1];
    path = scp[2];
  } else {
    try {
      const u = new URL(text);
      if (!['https:', 'http:', 'ssh:', 'git:'].includes(u.protocol)) return undefined;
      host = u.hostname;
      path = u.pathname.replace(/^\/+/, '');
    } catch {
      return undefined;
    }
  }
  const repoPath = (path ?? '').replace(/\.git$/, '').replace(/\/+$/, '');
  if (!host || !repoPath.includes('/')) return undefined;
  return { host: host.toLowerCase(), repoPath };
}

/** The web URL of `file` (a repository-relative path), or undefined for a host we do not know. */
export function fileUrl(remote: string | undefined, file: string): string | undefined {
  if (!remote) return undefined;
  const r = parseRemote(remote);
  if (!r) return undefined;
  const rel = file.split('/').map(encodeURIComponent).join('/');
  if (/(^|\.)github\b|^github\./.test(r.host) || r.host === 'github.com') return `https://${r.host}/${r.repoPath}/blob/HEAD/${rel}`;
  if (/(^|\.)gitlab\b|^gitlab\./.test(r.host) || r.host === 'gitlab.com') return `https://${r.host}/${r.repoPath}/-/blob/HEAD/${rel}`;
  return undefined;
}
