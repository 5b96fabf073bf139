// Plain-language text for reply statuses and statistics.
import { isCutAtTokenLimit, type ChatMessageView, type ReplyStats } from '../shared/protocol';

/** A note for replies that ended early without an error, or `undefined` when there is nothing to say. */
export function statusNotice(message: Pick<ChatMessageView, 'status' | 'stats'>): string | undefined {
  if (isCutAtTokenLimit(message)) {
    return 'The reply was cut off at the server’s token limit. Continue asks the model to go on.';
  }
  switch (message.status) {
    case 'stopped':
      return 'Stopped. The partial reply is kept.';
    case 'incomplete':
      return 'The server ended the reply without its end marker; it may be cut short.';
    default:
      return undefined;
  }
}

/** Says that earlier messages were left out of the reply's request, or `undefined` when none were. */
export function droppedNotice(message: Pick<ChatMessageView, 'dropped'>): string | undefined {
  const { dropped } = message;
  if (!dropped) return undefined;
  const count = dropped.messages === 1 ? '1 earlier message was' : `${dropped.messages} earlier messages were`;
  const pronoun = dropped.messages === 1 ? 'it' : 'they';
  return `${count} not sent: ${pronoun} did not fit the ${dropped.windowTokens}-token context window.`;
}

/** Says that the server probably cut the reply's prompt to its context size, and how to stop it, or `undefined`. */
export function promptCutNotice(message: Pick<ChatMessageView, 'promptCut'>): string | undefined {
  const { promptCut } = message;
  if (!promptCut) return undefined;
  // The sent size is an estimate, so it is shown rounded; the server's count is exact.
  const sent = Number(promptCut.sentTokens.toPrecision(2)).toLocaleString('en-US');
  return (
    `The server counted ${promptCut.countedTokens.toLocaleString('en-US')} prompt tokens of about ${sent} sent: ` +
    'it probably cut the prompt to its context size. Raise the server’s context size (Ollama: num_ctx) or lower ' +
    'vitalentum.contextWindowTokens.'
  );
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
  const { promptTokens, completionTokens } = stats;
  if (promptTokens !== undefined && completionTokens !== undefined) {
    rows.push(['Prompt tokens', String(promptTokens)], ['Completion tokens', String(completionTokens)]);
    if (stats.durationMs > 0) {
      rows.push(['Tokens per second', (completionTokens / (stats.durationMs / 1000)).toFixed(1)]);
    }
  }
  if (stats.finishReason !== undefined) rows.push(['Finish reason', stats.finishReason]);
  return rows;
}
