// Every failure the provider reports is a ProviderError: a kind and the facts behind it. Its message is a short
// technical line for logs; the chat's error presenter writes what the user reads.

/** Every kind of failure, declared once; the webview's list of reply error kinds is checked against it. */
export const PROVIDER_ERROR_KINDS = [
  'http',
  'rate-limited',
  'blocked',
  'network',
  'timeout',
  'protocol',
  'aborted',
  'auth',
  'server',
] as const;

export type ProviderErrorKind = (typeof PROVIDER_ERROR_KINDS)[number];

/** Where a URL the provider refused came from: a StreamOptions field or a proxy environment variable. */
export type UrlSource = 'baseUrl' | 'proxy' | 'httpProxySetting' | 'https_proxy' | 'http_proxy';

/** Codes for failures the provider detects itself, beside the errno, TLS and undici codes it passes on. */
export const INVALID_URL = 'ERR_INVALID_URL';
export const INVALID_URL_SCHEME = 'ERR_INVALID_URL_SCHEME';
export const NO_MODEL_LIST = 'ERR_NO_MODEL_LIST';

/** The facts of one failure; which of them are set depends on the kind. */
export interface ProviderErrorFacts {
  /** The HTTP status of the answer. */
  status?: number;
  /** From the Retry-After header of a 429. */
  retryAfterSeconds?: number;
  /** A short, tag-free excerpt of the answer's body, with the API key removed. */
  bodyExcerpt?: string;
  /** The errno, TLS or undici code of a failed connection, or one of the provider's own codes above. */
  code?: string;
  /** The content type received ('' for none) when it is not the expected one. */
  contentType?: string;
  expectedContentType?: string;
  /** The idle time after which a silent server was given up. */
  idleTimeoutMs?: number;
  /** Where a refused URL came from. */
  urlSource?: UrlSource;
  /** The refused URL, for the base URL only: a proxy URL may carry credentials. */
  url?: string;
  /** What an error event inside the stream said, as the server wrote it (plain text, the API key removed). */
  serverMessage?: string;
  /** The code that error event gave, when it gave one. */
  serverCode?: string;
  cause?: unknown;
}

export class ProviderError extends Error {
  override readonly name = 'ProviderError';
  readonly kind: ProviderErrorKind;
  declare readonly status?: number;
  declare readonly retryAfterSeconds?: number;
  declare readonly bodyExcerpt?: string;
  declare readonly code?: string;
  declare readonly contentType?: string;
  declare readonly expectedContentType?: string;
  declare readonly idleTimeoutMs?: number;
  declare readonly urlSource?: UrlSource;
  declare readonly url?: string;
  declare readonly serverMessage?: string;
  declare readonly serverCode?: string;

  constructor(kind: ProviderErrorKind, message: string, facts: ProviderErrorFacts = {}) {
    const { cause, ...known } = facts;
    super(message, cause === undefined ? undefined : { cause });
    this.kind = kind;
    // Only the facts that apply become properties, so a logged or compared error shows no empty ones.
    for (const [name, value] of Object.entries(known)) {
      if (value !== undefined) Object.defineProperty(this, name, { value, enumerable: true });
    }
  }
}

const EXCERPT_LENGTH = 300;
const ENTITIES: Record<string, string> = { nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };

/** A short, readable excerpt of an error body: tags, scripts and styles dropped, whitespace collapsed. */
export function excerptOf(body: string): string {
  const text = body
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(nbsp|amp|lt|gt|quot|#39);/g, (_entity, name: string) => ENTITIES[name] ?? ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > EXCERPT_LENGTH ? `${text.slice(0, EXCERPT_LENGTH - 1)}…` : text;
}

/** The text with the secret (the API key) replaced wherever it occurs, so a server echoing it cannot leak it. */
export function redact(text: string, secret: string | undefined): string {
  return secret ? text.split(secret).join('***') : text;
}

// Long enough for any real error sentence; a server could send pages of text in its place.
const SERVER_MESSAGE_LENGTH = 500;

/** An error event the server sent inside the stream: what it said, kept as plain text, and its code. */
export function serverError(message: string, code: string | undefined, secret: string | undefined): ProviderError {
  const text = redact(message, secret).trim();
  const serverMessage = text.length > SERVER_MESSAGE_LENGTH ? `${text.slice(0, SERVER_MESSAGE_LENGTH - 1)}…` : text;
  const serverCode = code === undefined ? undefined : redact(code, secret);
  const line = `error event in the stream${serverCode === undefined ? '' : ` (${serverCode})`}: ${serverMessage}`;
  return new ProviderError('server', line, { serverMessage, serverCode });
}

/** Retry-After is either delay-seconds or an HTTP date; a date in the past means "now". */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

/** The most specific coded error along the cause chain: a socket's own code beats undici's generic socket error. */
function codedError(error: unknown): NodeJS.ErrnoException | undefined {
  let generic: NodeJS.ErrnoException | undefined;
  for (let current: unknown = error; current instanceof Error; current = current.cause) {
    const code = (current as NodeJS.ErrnoException).code;
    if (typeof code !== 'string') continue;
    if (code !== 'UND_ERR_SOCKET') return current;
    generic = current;
  }
  return generic;
}

/** Maps whatever undici or the socket threw into a ProviderError; an aborted signal always wins. */
export function toProviderError(error: unknown, signal: AbortSignal | undefined, idleTimeoutMs: number): ProviderError {
  if (error instanceof ProviderError) return error;
  if (signal?.aborted) return new ProviderError('aborted', 'request aborted', { cause: error });
  const coded = codedError(error);
  const code = coded?.code;
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
    return new ProviderError('timeout', `no data for ${idleTimeoutMs} ms (${code})`, {
      code,
      idleTimeoutMs,
      cause: error,
    });
  }
  if (code === 'UND_ERR_ABORTED') {
    return new ProviderError('aborted', `request aborted (${code})`, { code, cause: error });
  }
  const message = coded?.message ?? (error instanceof Error ? error.message : String(error));
  const line = code === undefined || message.includes(code) ? message : `${message} (${code})`;
  return new ProviderError('network', line, { code, cause: error });
}
