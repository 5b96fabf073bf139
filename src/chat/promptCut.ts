// Notices when the server read far less of a prompt than was sent: Ollama keeps only the end of a prompt longer than
// its context size and still answers, so the user would otherwise never learn that the start was cut.
import type { ChatMessageView, DroppedMessages, PromptCut } from '../shared/protocol';

/**
 * Below this share of the estimate, the server's count means it cut the prompt. The estimate (about four characters
 * a token) is off by well under half for ordinary text and code, so a count below half is no tokenizer difference.
 */
export const PROMPT_CUT_SHARE = 0.5;

/**
 * The warning for a prompt of about `estimatedTokens` the server says it read `reportedTokens` of, or `undefined`.
 * A missing count says nothing, nor does 0: a server that cut the prompt still counts what it kept, while some
 * servers report 0 when they do not count at all.
 */
export function promptCutWarning(estimatedTokens: number, reportedTokens: number | undefined): PromptCut | undefined {
  if (reportedTokens === undefined || reportedTokens <= 0) return undefined;
  if (reportedTokens >= estimatedTokens * PROMPT_CUT_SHARE) return undefined;
  return { sentTokens: estimatedTokens, countedTokens: reportedTokens };
}

/** Marks the reply with what its new request left out; the marks of an earlier request no longer apply. */
export function markFitted(reply: ChatMessageView, dropped: DroppedMessages | undefined): void {
  if (dropped) reply.dropped = dropped;
  else delete reply.dropped;
  delete reply.promptCut;
}
