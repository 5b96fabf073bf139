// Fits a prompt into the model's context window: the instructions and the last question always go, and the oldest
// turns are left out until the rest fits with room for the answer.
import type { PromptMessage } from './conversation';

/** The window assumed when neither the settings nor the server say how large it is. */
export const DEFAULT_CONTEXT_WINDOW = 8192;

/** Tokens each message costs beyond its text: its role and the separators chat templates wrap around it. */
export const MESSAGE_OVERHEAD_TOKENS = 4;

/** The answer is left a quarter of the window, and never less than this. */
export const MIN_ANSWER_TOKENS = 512;
const ANSWER_SHARE = 0.25;

/**
 * An estimate, not a count: a tokenizer per model would not fit the extension's bundle, and English text and code
 * average about four characters per token in the common tokenizers. So: characters / 4, rounded up, plus
 * MESSAGE_OVERHEAD_TOKENS per message.
 */
export function estimateTokens(messages: readonly PromptMessage[]): number {
  return messages.reduce((sum, m) => sum + Math.ceil(m.content.length / 4) + MESSAGE_OVERHEAD_TOKENS, 0);
}

/** What the prompt may use of a window: all of it but the room kept for the answer. */
export function promptAllowance(windowTokens: number): number {
  return windowTokens - Math.max(MIN_ANSWER_TOKENS, Math.ceil(windowTokens * ANSWER_SHARE));
}

export type BudgetResult =
  | { fits: true; messages: PromptMessage[]; droppedMessages: number; promptTokens: number }
  /** Even the instructions and the last question need more than the allowance. */
  | { fits: false; neededTokens: number; allowanceTokens: number };

/**
 * Splits the history before the last question into turns: a question with the replies after it. Messages before the
 * first question (an imported conversation may start with a reply) form a turn of their own.
 */
function turns(history: readonly PromptMessage[]): PromptMessage[][] {
  const result: PromptMessage[][] = [];
  for (const message of history) {
    const current = result.at(-1);
    if (message.role === 'user' || current === undefined) result.push([message]);
    else current.push(message);
  }
  return result;
}

/**
 * The prompt for `history` (whose last message is the question being asked) under a window of `windowTokens`:
 * the instructions as a system message first, then as many of the most recent turns as fit, whole, then the question.
 */
export function fitToWindow(
  instructions: string,
  history: readonly PromptMessage[],
  windowTokens: number,
): BudgetResult {
  const allowance = promptAllowance(windowTokens);
  const system: PromptMessage[] = instructions === '' ? [] : [{ role: 'system', content: instructions }];
  const question = history.slice(-1);
  const kept = [...system, ...question];
  let used = estimateTokens(kept);
  if (used > allowance) return { fits: false, neededTokens: used, allowanceTokens: allowance };
  const earlier = turns(history.slice(0, -1));
  let firstKept = earlier.length;
  while (firstKept > 0) {
    const cost = estimateTokens(earlier[firstKept - 1]);
    if (used + cost > allowance) break;
    used += cost;
    firstKept--;
  }
  const droppedMessages = earlier.slice(0, firstKept).reduce((sum, turn) => sum + turn.length, 0);
  return {
    fits: true,
    messages: [...system, ...earlier.slice(firstKept).flat(), ...question],
    droppedMessages,
    promptTokens: used,
  };
}
