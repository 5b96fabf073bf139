// Streams one chat reply: builds the request for the protocol, sends it and decodes the events as they arrive.
import { normalizeBaseUrl } from './baseUrl';
import { ChatEventDecoder } from './chatEvents';
import { toProviderError } from './errors';
import { send, transportOptions, type ResponseBody, type TransportOptions } from './http';
import { asksForUsage, buildOpenAiChatRequest, recordStreamOptionsRefusal } from './openAiRequest';
import type { ChatMessage, ChatStream, FinishReason, StreamOptions, TokenUsage } from './types';
import { buildVitalentumRequest } from './vitalentumRequest';

const EVENT_STREAM = 'text/event-stream';

// What follows the end marker is read and dropped (up to a limit) rather than cutting the connection, so the
// connection can serve the next request. The reply is complete at this point: a failure while discarding only
// costs that connection, which undici then closes.
const DISCARD_LIMIT = 64 * 1024;
function discardRest(body: ResponseBody): void {
  body.dump({ limit: DISCARD_LIMIT }).catch(() => undefined);
}

class ChatReplyStream implements ChatStream {
  private reason: 'done' | 'end-of-body' | undefined;
  private started = false;
  private decoder: ChatEventDecoder | undefined;

  constructor(
    private readonly messages: readonly ChatMessage[],
    private readonly options: StreamOptions,
  ) {}

  get endReason(): 'done' | 'end-of-body' | undefined {
    return this.reason;
  }

  get finishReason(): FinishReason | undefined {
    return this.decoder?.finishReason;
  }

  get usage(): TokenUsage | undefined {
    return this.decoder?.usage;
  }

  [Symbol.asyncIterator](): AsyncIterator<string> {
    if (this.started) throw new Error('A chat stream can be iterated only once.');
    this.started = true;
    return this.read();
  }

  /**
   * Sends the request. An OpenAI-compatible server that refuses the usage request is asked again without it, once,
   * and remembered; the caller never sees that failure.
   */
  private async open(transport: TransportOptions): Promise<ResponseBody> {
    const base = normalizeBaseUrl(this.options.baseUrl);
    if (this.options.protocol !== 'openai-compatible') {
      return send(buildVitalentumRequest(this.messages, this.options, base), EVENT_STREAM, transport);
    }
    const askUsage = asksForUsage(this.options, base);
    try {
      return await send(buildOpenAiChatRequest(this.messages, this.options, base, askUsage), EVENT_STREAM, transport);
    } catch (error) {
      if (!askUsage || !recordStreamOptionsRefusal(error, base)) throw error;
      return send(buildOpenAiChatRequest(this.messages, this.options, base, false), EVENT_STREAM, transport);
    }
  }

  private async *read(): AsyncGenerator<string, void, undefined> {
    const transport = transportOptions(this.options);
    const body = await this.open(transport);
    const { onWarning, onReasoning, apiKey } = this.options;
    const decoder = new ChatEventDecoder({ onWarning, onReasoning, secret: apiKey });
    this.decoder = decoder;
    try {
      for await (const bytes of body) {
        const text = decoder.push(bytes as Buffer);
        if (decoder.error) {
          // The text before the error event is part of the reply, which the error then ends.
          if (text.length > 0) yield text;
          throw decoder.error;
        }
        if (decoder.done) {
          this.reason = 'done';
          discardRest(body);
          if (text.length > 0) yield text;
          return;
        }
        if (text.length > 0) yield text;
      }
      const tail = decoder.finish();
      if (!decoder.error) this.reason = decoder.done ? 'done' : 'end-of-body';
      if (tail.length > 0) yield tail;
      if (decoder.error) throw decoder.error;
    } catch (error) {
      throw toProviderError(error, transport.signal, transport.idleTimeoutMs);
    } finally {
      // Stopping early (a consumer's break, an error) must release the socket at once.
      if (!this.reason && !body.readableEnded) body.destroy();
    }
  }
}

/** Streams the reply to `messages`; see ChatStream. Failures are ProviderErrors thrown from the iteration. */
export function streamChat(messages: ChatMessage[], options: StreamOptions): ChatStream {
  return new ChatReplyStream([...messages], options);
}
