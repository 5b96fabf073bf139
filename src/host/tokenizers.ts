// Loads gpt-tokenizer's encodings from the files the build puts beside the extension's bundle (dist/tokenizers/),
// each once and only when a model needs it: they are megabytes that most users, on other models, never load.
import path from 'node:path';
import { countedMessageTokens, type Encoding, type MessageTokens } from '../chat/tokenCounter';
import type { ChatLog } from '../common/log';

/** What an encoding's file exports, of gpt-tokenizer's API. */
interface EncodingFile {
  countTokens(text: string, options: { disallowedSpecial: Set<string> }): number;
}

/**
 * Text the user pasted may hold a special token's spelling (`<|endoftext|>`); gpt-tokenizer refuses such text unless
 * told to read it as plain text, which is how the server reads a message's content too.
 */
const PLAIN_TEXT = { disallowedSpecial: new Set<string>() };

/** The folder of the encodings' files in an installed extension. */
export function tokenizerFolder(extensionPath: string): string {
  return path.join(extensionPath, 'dist', 'tokenizers');
}

/**
 * Message costs in an encoding, from its file in `folder`. A file that cannot be loaded leaves the estimate in place
 * (`undefined`), and is logged once.
 */
export function tokenizerLoader(
  folder: string,
  log: ChatLog,
): (encoding: Encoding) => Promise<MessageTokens | undefined> {
  const loaded = new Map<Encoding, MessageTokens | undefined>();
  return async (encoding) => {
    if (loaded.has(encoding)) return loaded.get(encoding);
    let tokens: MessageTokens | undefined;
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- a file beside the bundle, not a module of it
      const { countTokens } = require(path.join(folder, `${encoding}.js`)) as EncodingFile;
      tokens = countedMessageTokens((text) => countTokens(text, PLAIN_TEXT));
    } catch (error) {
      log.warn(`The ${encoding} tokenizer could not be loaded, so prompts are estimated: ${String(error)}`);
    }
    loaded.set(encoding, tokens);
    return tokens;
  };
}
