// How many tokens a message costs: counted with the model's own tokenizer where one fits the model (OpenAI's models,
// through gpt-tokenizer's encodings), else estimated (../shared/tokenEstimate). The host loads the encodings, which
// are large, only when a model needs one.
import { estimateTextTokens, MESSAGE_OVERHEAD_TOKENS } from '../shared/tokenEstimate';

/** Tokens a message with this text costs, its role and separators included. */
export type MessageTokens = (text: string) => number;

/** The gpt-tokenizer encodings a model may use; each ships as its own file beside the extension's bundle. */
export type Encoding = 'o200k_base' | 'cl100k_base';

/** Counts the tokens of plain text in one encoding (gpt-tokenizer's countTokens). */
export type CountTokens = (text: string) => number;

/** The estimate, for models whose tokenizer is not known. */
export const estimateMessageTokens: MessageTokens = estimateTextTokens;

/**
 * The encoding of an OpenAI model by its name (as OpenAI's tokenizer tables map them; a provider prefix such as
 * `openai/` is ignored), or `undefined` for every other model, whose text is then estimated.
 */
export function encodingFor(model: string | undefined): Encoding | undefined {
  const name = (model ?? '')
    .trim()
    .toLowerCase()
    .replace(/^openai\//, '');
  if (/^(?:gpt-4o|gpt-4\.1|gpt-4\.5|gpt-5|gpt-oss|chatgpt-4o|o1|o3|o4)(?:\b|-|$)/.test(name)) return 'o200k_base';
  if (/^(?:gpt-4|gpt-3\.5|text-embedding-3|text-embedding-ada)(?:\b|-|$)/.test(name)) return 'cl100k_base';
  return undefined;
}

/** Texts shorter than this are counted afresh; longer ones are remembered, since the history is counted often. */
const REMEMBER_FROM_CHARS = 256;
const REMEMBERED_TEXTS = 4000;

/**
 * Message costs counted with `count`. A conversation's earlier messages are counted again for every request and
 * meter refresh, so the counts of long texts are kept (the oldest forgotten first) instead of tokenizing them again.
 */
export function countedMessageTokens(count: CountTokens): MessageTokens {
  const remembered = new Map<string, number>();
  return (text) => {
    const known = remembered.get(text);
    if (known !== undefined) return known;
    const tokens = count(text) + MESSAGE_OVERHEAD_TOKENS;
    if (text.length >= REMEMBER_FROM_CHARS) {
      if (remembered.size >= REMEMBERED_TEXTS) remembered.delete(remembered.keys().next().value as string);
      remembered.set(text, tokens);
    }
    return tokens;
  };
}
