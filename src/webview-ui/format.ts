// Plain-language text for reply errors, statuses and statistics.
import type { MessageStatus, ReplyErrorKind, ReplyStats } from '../shared/protocol';

const ERROR_TITLES: Record<ReplyErrorKind, string> = {
  http: 'The server returned an error.',
  'rate-limited': 'The server is limiting requests.',
  blocked: 'The request was blocked.',
  network: 'Could not reach the server.',
  timeout: 'The server stopped responding.',
  protocol: "The server's reply could not be read.",
  aborted: 'The reply was cancelled.',
  auth: 'The server did not accept the credentials.',
  config: 'The settings need attention.',
};

export function errorTitle(kind: ReplyErrorKind): string {
  return ERROR_TITLES[kind];
}

export function retryAfterText(seconds: number): string {
  return seconds === 1 ? 'You can retry in 1 second.' : `You can retry in ${Math.ceil(seconds)} seconds.`;
}

/** A note for replies that ended early without an error, or `undefined` when there is nothing to say. */
export function statusNotice(status: MessageStatus): string | undefined {
  switch (status) {
    case 'stopped':
      return 'Stopped. The partial reply is kept.';
    case 'incomplete':
      return 'The server ended the reply without its end marker; it may be cut short.';
    default:
      return undefined;
  }
}

export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** Label/value rows describing how a reply arrived. */
export function statsRows(stats: ReplyStats): [string, string][] {
  const rows: [string, string][] = [['Backend', stats.backend]];
  if (stats.model !== undefined && stats.model !== '') rows.push(['Model', stats.model]);
  if (stats.firstChunkMs !== undefined) rows.push(['First chunk after', formatDuration(stats.firstChunkMs)]);
  rows.push(['Duration', formatDuration(stats.durationMs)]);
  rows.push(['Chunks', String(stats.chunks)]);
  rows.push(['Characters', String(stats.chars)]);
  if (stats.durationMs > 0) rows.push(['Speed', `${Math.round(stats.chars / (stats.durationMs / 1000))} chars/s`]);
  return rows;
}
