// Helpers for the provider's tests: a stream read to its end as the chat reads it, and SSE text parsed into events.
import { ProviderError, type ChatStream } from '../../../src/provider';
import { SseParser } from '../../../src/provider/sseParser';

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

/** The data of every event an SSE parser finds in `pieces`, fed one after another, then ended. */
export function parse(pieces: string[]): string[] {
  const events: string[] = [];
  const parser = new SseParser((data) => {
    events.push(data);
    return 'continue';
  });
  for (const piece of pieces) parser.feed(piece);
  parser.end();
  return events;
}
