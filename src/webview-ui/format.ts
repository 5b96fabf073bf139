// Plain-language text for reply statuses and statistics.
import type { MessageStatus, ReplyStats } from '../shared/protocol';

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
  const rows: [string, string][] = [['Protocol', stats.protocol]];
  if (stats.model !== undefined && stats.model !== '') rows.push(['Model', stats.model]);
  if (stats.firstChunkMs !== undefined) rows.push(['First chunk after', formatDuration(stats.firstChunkMs)]);
  rows.push(['Duration', formatDuration(stats.durationMs)]);
  rows.push(['Chunks', String(stats.chunks)]);
  rows.push(['Characters', String(stats.chars)]);
  if (stats.durationMs > 0) rows.push(['Speed', `${Math.round(stats.chars / (stats.durationMs / 1000))} chars/s`]);
  return rows;
}
