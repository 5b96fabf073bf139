// Every failure the provider reports is a ProviderError whose kind tells the UI what to explain and what to offer
// (retry later, fix the key, check the proxy). Messages are sentences a user can read.

export type ProviderErrorKind =
  'http' | 'rate-limited' | 'blocked' | 'network' | 'timeout' | 'protocol' | 'aborted' | 'auth';

export interface ProviderErrorDetails {
  status?: number;
  retryAfterSeconds?: number;
  bodyExcerpt?: string;
  cause?: unknown;
}

export class ProviderError extends Error {
  override readonly name = 'ProviderError';
  readonly kind: ProviderErrorKind;
  readonly status?: number;
  readonly retryAfterSeconds?: number;
  readonly bodyExcerpt?: string;

  constructor(kind: ProviderErrorKind, message: string, details: ProviderErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.kind = kind;
    if (details.status !== undefined) this.status = details.status;
    if (details.retryAfterSeconds !== undefined) this.retryAfterSeconds = details.retryAfterSeconds;
    if (details.bodyExcerpt !== undefined) this.bodyExcerpt = details.bodyExcerpt;
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

/** Retry-After is either delay-seconds or an HTTP date; a date in the past means "now". */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

const NETWORK_MESSAGES: Record<string, string> = {
  ECONNREFUSED: 'The chat server refused the connection. Check the base URL and that the server is running.',
  ECONNRESET: 'The connection to the chat server was reset.',
  EPIPE: 'The connection to the chat server was closed while sending the request.',
  ENOTFOUND: 'The chat server’s host name could not be found. Check the base URL and your network.',
  EAI_AGAIN: 'The chat server’s host name could not be resolved right now. Check your network.',
  ETIMEDOUT: 'The connection to the chat server timed out.',
  EHOSTUNREACH: 'The chat server’s host cannot be reached from this network.',
  ENETUNREACH: 'The network is unreachable.',
  UND_ERR_SOCKET: 'The connection to the chat server was closed unexpectedly.',
  UND_ERR_CLOSED: 'The connection to the chat server was closed unexpectedly.',
  UND_ERR_CONNECT_TIMEOUT:
    'Connecting to the chat server took too long. Check the base URL, the proxy and your network.',
};

/** The most specific error code along the cause chain: a socket's own code beats undici's generic socket error. */
function errorCode(error: unknown): string | undefined {
  let generic: string | undefined;
  for (let current: unknown = error; current instanceof Error; current = current.cause) {
    const code = (current as NodeJS.ErrnoException).code;
    if (typeof code !== 'string') continue;
    if (code !== 'UND_ERR_SOCKET') return code;
    generic = code;
  }
  return generic;
}

function isCertificateProblem(code: string): boolean {
  return /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/.test(code);
}

/** Maps whatever undici or the socket threw into a ProviderError; an aborted signal always wins. */
export function toProviderError(error: unknown, signal: AbortSignal | undefined, idleTimeoutMs: number): ProviderError {
  if (error instanceof ProviderError) return error;
  if (signal?.aborted) return new ProviderError('aborted', 'The request was stopped.', { cause: error });
  const code = errorCode(error);
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
    const seconds = Math.round(idleTimeoutMs / 100) / 10;
    return new ProviderError(
      'timeout',
      `The chat server sent nothing for ${seconds} seconds, so the request was given up.`,
      {
        cause: error,
      },
    );
  }
  if (code === 'UND_ERR_ABORTED') return new ProviderError('aborted', 'The request was stopped.', { cause: error });
  if (code !== undefined && isCertificateProblem(code)) {
    return new ProviderError(
      'network',
      `The chat server’s TLS certificate was not accepted (${code}). If a proxy or private CA is in use, check the proxy settings or http.proxyStrictSSL.`,
      { cause: error },
    );
  }
  const known = code === undefined ? undefined : NETWORK_MESSAGES[code];
  if (known !== undefined) return new ProviderError('network', known, { cause: error });
  const detail = error instanceof Error ? error.message : String(error);
  return new ProviderError('network', `The request to the chat server failed: ${detail}`, { cause: error });
}
