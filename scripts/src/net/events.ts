// What the transport tells as it happens (a rate-limit wait, a timed-out create and its retry), as data,
// and the seed's lines for each (Troubleshooting §3 "Network/Timeout Issues", §5 "API Limits"). The
// transport emits; a command prints them to stderr in text mode or keeps them as --json fields.

export type NetEvent =
  | {
      type: 'rate-limit-wait';
      service: string;
      /** From the response headers, when they say it. */
      limit?: number;
      per?: 'minute' | 'hour';
      waitMs: number;
    }
  | { type: 'rate-limit-fallback'; service: string; later: string }
  | { type: 'timeout'; service: string; action: string; seconds: number; reason: 'timeout' | 'reset' }
  | { type: 'retry'; service: string; action: string; outcome: 'adopted' | 'sent' | 'failed'; detail?: string };

export type NetEventSink = (event: NetEvent) => void;

const secondsText = (ms: number) => {
  const s = Math.max(1, Math.ceil(ms / 1000));
  return `${s} second${s === 1 ? '' : 's'}`;
};

/** The lines a person reads for one event. */
export function eventLines(e: NetEvent): string[] {
  switch (e.type) {
    case 'rate-limit-wait':
      return [
        `Warning: ${e.service} API rate limit exceeded`,
        ...(e.limit ? [`Limit: ${e.limit} requests${e.per ? `/${e.per}` : ''}`] : []),
        `Retry after: ${secondsText(e.waitMs)}`,
        '',
        'Delaying sync... will retry automatically.',
      ];
    case 'rate-limit-fallback':
      return ['Error: Rate limit exceeded, retry failed', 'Continuing with local workflow.', `Sync manually later: ${e.later}`];
    case 'timeout':
      return [e.reason === 'timeout' ? `Request to ${e.service} API timed out after ${e.seconds}s` : `Connection to ${e.service} API dropped before the answer (${e.action})`, 'Retrying once...'];
    case 'retry':
      if (e.outcome === 'adopted') return [`✓ ${e.service}: the first attempt had arrived; using ${e.detail ?? 'the item it created'}`];
      if (e.outcome === 'sent') return [`✓ ${e.service}: retry succeeded${e.detail ? ` (${e.detail})` : ''}`];
      return ['', 'Error: Retry failed - network timeout', 'Continuing with local workflow only.'];
  }
}

/** A countdown line for a TTY (`\r`-rewritten each second). */
export function countdownLine(service: string, remainingMs: number): string {
  return `\rWaiting for ${service} rate limit: ${Math.max(0, Math.ceil(remainingMs / 1000))}s left `;
}

/** `1m 05s`, `45s`: how long a run spent waiting, for the final report. */
export function waitedText(ms: number): string {
  const s = Math.round(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}
