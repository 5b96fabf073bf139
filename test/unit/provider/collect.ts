import { ProviderError, type ChatStream } from '../../../src/provider';

export interface Collected {
  chunks: string[];
  text: string;
  error: ProviderError | undefined;
}

/** Reads a stream to its end, keeping what arrived before a failure, as the chat UI does. */
export async function collect(stream: ChatStream): Promise<Collected> {
  const chunks: string[] = [];
  try {
    for await (const chunk of stream) chunks.push(chunk);
  } catch (error) {
    if (!(error instanceof ProviderError)) throw error;
    return { chunks, text: chunks.join(''), error };
  }
  return { chunks, text: chunks.join(''), error: undefined };
}
