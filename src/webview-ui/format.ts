// Plain-language text for reply statuses and statistics.
import { isCutAtTokenLimit, type ChatMessageView, type ReplyStats } from '../shared/protocol';
import { t } from '../shared/l10n';

/** A note for replies that ended early without an error, or `undefined` when there is nothing to say. */
export function statusNotice(message: Pick<ChatMessageView, 'status' | 'stats'>): string | undefined {
  if (isCutAtTokenLimit(message)) {
    return t('The reply was cut off at the server’s token limit. Continue asks the model to go on.');
  }
  switch (message.status) {
    case 'stopped':
      return t('Stopped. The partial reply is kept.');
    case 'incomplete':
      return t('The server ended the reply without its end marker; it may be cut short.');
    default:
      return undefined;
  }
}

/** Says that earlier messages were left out of the reply's request, or `undefined` when none were. */
export function droppedNotice(message: Pick<ChatMessageView, 'dropped'>): string | undefined {
  const { dropped } = message;
  if (!dropped) return undefined;
  return dropped.messages === 1
    ? t('1 earlier message was not sent: it did not fit the {0}-token context window.', dropped.windowTokens)
    : t(
        '{0} earlier messages were not sent: they did not fit the {1}-token context window.',
        dropped.messages,
        dropped.windowTokens,
      );
}

/** Says that the server probably cut the reply's prompt to its context size, and how to stop it, or `undefined`. */
export function promptCutNotice(message: Pick<ChatMessageView, 'promptCut'>): string | undefined {
  const { promptCut } = message;
  if (!promptCut) return undefined;
  // The sent size is an estimate, so it is shown rounded; the server's count is exact.
  const sent = Number(promptCut.sentTokens.toPrecision(2)).toLocaleString('en-US');
  return t(
    'The server counted {0} prompt tokens of about {1} sent: it probably cut the prompt to its context size. Raise the server’s context size (Ollama: num_ctx) or lower {2}.',
    promptCut.countedTokens.toLocaleString('en-US'),
    sent,
    'vitalentum.contextWindowTokens',
  );
}

export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** Label/value rows describing how a reply arrived. */
export function statsRows(stats: ReplyStats): [string, string][] {
  const rows: [string, string][] = [[t('Protocol'), stats.protocol]];
  if (stats.model !== undefined && stats.model !== '') rows.push([t('Model'), stats.model]);
  if (stats.firstChunkMs !== undefined) rows.push([t('First chunk after'), formatDuration(stats.firstChunkMs)]);
  rows.push([t('Duration'), formatDuration(stats.durationMs)]);
  rows.push([t('Chunks'), String(stats.chunks)]);
  rows.push([t('Characters'), String(stats.chars)]);
  if (stats.durationMs > 0) {
    rows.push([t('Speed'), t('{0} chars/s', Math.round(stats.chars / (stats.durationMs / 1000)))]);
  }
  const { promptTokens, completionTokens } = stats;
  if (promptTokens !== undefined && completionTokens !== undefined) {
    rows.push([t('Prompt tokens'), String(promptTokens)], [t('Completion tokens'), String(completionTokens)]);
    if (stats.durationMs > 0) {
      rows.push([t('Tokens per second'), (completionTokens / (stats.durationMs / 1000)).toFixed(1)]);
    }
  }
  if (stats.finishReason !== undefined) rows.push([t('Finish reason'), stats.finishReason]);
  return rows;
}
