// What callers pass to the provider and get back: messages, options with their defaults, the reply stream.
import type { Dispatcher } from 'undici';

export interface ChatMessage {
  role: 'user' | 'assistant' | 'system';
  content: string;
}

/** The wire protocols the provider speaks. */
export const PROTOCOLS = ['vitalentum', 'openai-compatible'] as const;

export type Protocol = (typeof PROTOCOLS)[number];

/** The temperature a request asks for when none is given; the settings' default too. */
export const DEFAULT_TEMPERATURE = 0.7;

export interface ProviderWarning {
  kind: 'malformed-event';
  message: string;
  line: string;
}

export interface StreamOptions {
  baseUrl: string;
  /** Default 'vitalentum'. */
  protocol?: Protocol;
  /** Sent by the OpenAI-compatible protocol only; the Vitalentum endpoint serves one model. */
  model?: string;
  /** OpenAI-compatible: sent as `Authorization: Bearer <apiKey>`. Never appears in any error message. */
  apiKey?: string;
  /** Default DEFAULT_TEMPERATURE. */
  temperature?: number;
  /** Merged into the top level of the body after temperature, so its keys win. */
  extraBody?: Record<string, unknown>;
  /** The extension's own proxy setting; wins over httpProxySetting and the environment. */
  proxy?: string;
  /** VS Code's http.proxy, passed in by the host. */
  httpProxySetting?: string;
  /** Default true (VS Code's http.proxyStrictSSL). */
  strictSSL?: boolean;
  signal?: AbortSignal;
  /** No byte for this long, before the headers or within the body, ends the request. Default DEFAULT_IDLE_TIMEOUT_MS. */
  idleTimeoutMs?: number;
  /** Used as is instead of a dispatcher built from the proxy settings. */
  dispatcher?: Dispatcher;
  onWarning?: (warning: ProviderWarning) => void;
  /**
   * The model's reasoning, apart from its answer, as it arrives: `reasoning_content` or `reasoning` deltas, or a
   * `<think>…</think>` block at the very start of the content. Never part of what the stream yields.
   */
  onReasoning?: (text: string) => void;
}

/** Why the server ended the reply, as it said: 'length' means it was cut at the token limit. */
export type FinishReason = 'stop' | 'length' | 'content_filter' | 'tool_calls' | (string & {});

/** Token counts the server reported for one request. */
export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
}

export type ListModelsOptions = Omit<StreamOptions, 'onWarning' | 'temperature' | 'extraBody' | 'model'>;

/**
 * Iterating yields text chunks the moment their event is complete (the text of all events completed by one network
 * read comes as one chunk). After iteration ends normally, endReason says 'done' (end marker seen) or 'end-of-body'
 * (body ended without [DONE]: the reply may be cut short). A stream can be iterated once.
 */
export interface ChatStream extends AsyncIterable<string> {
  readonly endReason: 'done' | 'end-of-body' | undefined;
  /** After iteration: the server's finish reason, undefined when it gave none. */
  readonly finishReason: FinishReason | undefined;
  /** After iteration: the token usage, when the server reported it. */
  readonly usage: TokenUsage | undefined;
}
