// The token estimate, shared so the composer's meter counts typed text exactly as the host counts the prompt.

/** Tokens each message costs beyond its text: its role and the separators chat templates wrap around it. */
export const MESSAGE_OVERHEAD_TOKENS = 4;

/**
 * An estimate, not a count, for models whose tokenizer the extension does not ship (all but OpenAI's, which
 * ../chat/tokenCounter.ts counts exactly) and for the text being typed: English text and code average about four
 * characters per token in the common tokenizers. So: characters / 4, rounded up, plus MESSAGE_OVERHEAD_TOKENS for the
 * message that carries the text.
 */
export function estimateTextTokens(text: string): number {
  return Math.ceil(text.length / 4) + MESSAGE_OVERHEAD_TOKENS;
}

/** A token count as the meter and the chips show it: 812, 3.1k, 12k. */
export function formatTokens(tokens: number): string {
  if (tokens < 1000) return String(tokens);
  return `${Number((tokens / 1000).toFixed(tokens < 10_000 ? 1 : 0))}k`;
}

/** A context window as model cards name it, in binary thousands: 8192 tokens is "8k", 131072 is "128k". */
export function formatWindowTokens(tokens: number): string {
  const mega = 1024 * 1024;
  if (tokens >= mega) return `${Number((tokens / mega).toFixed(1))}M`;
  return tokens >= 1024 ? `${Math.round(tokens / 1024)}k` : String(tokens);
}
