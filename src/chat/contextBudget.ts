// Fits a prompt into the model's context window: the instructions, the context chips and the last question always go,
// and the oldest turns are left out until the rest fits with room for the answer.
import type { PromptMessage } from './conversation';
import { estimateMessageTokens, type MessageTokens } from './tokenCounter';

export { MESSAGE_OVERHEAD_TOKENS } from '../shared/tokenEstimate';

/** The window assumed when neither the settings nor the server say how large it is. */
export const DEFAULT_CONTEXT_WINDOW = 8192;

/** The answer is left a quarter of the window, and never less than this. */
export const MIN_ANSWER_TOKENS = 512;
const ANSWER_SHARE = 0.25;

/** The messages' cost: counted by `tokens`, the estimate of ../shared/tokenEstimate unless the model's is known. */
export function estimateTokens(messages: readonly PromptMessage[], tokens = estimateMessageTokens): number {
  return messages.reduce((sum, m) => sum + tokens(m.content), 0);
}

/** What the prompt may use of a window: all of it but the room kept for the answer. */
export function promptAllowance(windowTokens: number): number {
  return windowTokens - Math.max(MIN_ANSWER_TOKENS, Math.ceil(windowTokens * ANSWER_SHARE));
}

export type BudgetResult =
  | { fits: true; messages: PromptMessage[]; droppedMessages: number; promptTokens: number }
  /** Even the pinned text and the last question need more than the allowance. */
  | { fits: false; neededTokens: number; allowanceTokens: number };

/**
 * The prompt for `history` (whose last message is the question being asked) under a window of `windowTokens`:
 * the pinned text (the instructions, then the context chips) as a system message first, never left out, then as
 * many of the most recent turns as fit, whole, then the question. A turn is a question with the replies after it;
 * messages before the first question (an imported conversation may start with a reply) form a turn of their own.
 * The history is read from its end and only as far as the turns kept and the one that does not fit: a request in a
 * conversation of thousands of messages costs what it sends.
 */
export function fitToWindow(
  pinned: string,
  history: readonly PromptMessage[],
  windowTokens: number,
  tokens: MessageTokens = estimateMessageTokens,
): BudgetResult {
  const allowance = promptAllowance(windowTokens);
  const system: PromptMessage[] = pinned === '' ? [] : [{ role: 'system', content: pinned }];
  const question = history.slice(-1);
  let used = estimateTokens([...system, ...question], tokens);
  if (used > allowance) return { fits: false, neededTokens: used, allowanceTokens: allowance };
  // The first message kept (the question when no turn before it fits), and the cost of the turn being read.
  let firstKept = history.length - question.length;
  let turnCost = 0;
  for (let index = firstKept - 1; index >= 0; index--) {
    turnCost += tokens(history[index].content);
    if (history[index].role !== 'user' && index > 0) continue;
    if (used + turnCost > allowance) break;
    used += turnCost;
    turnCost = 0;
    firstKept = index;
  }
  return {
    fits: true,
    messages: [...system, ...history.slice(firstKept)],
    droppedMessages: firstKept,
    promptTokens: used,
  };
}
