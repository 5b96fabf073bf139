// The transport: sends one request through undici and turns every answer that is not the expected one into a
// ProviderError carrying its facts.
import type { Dispatcher } from 'undici';
import { dispatcherFor } from './dispatcher';
import { excerptOf, parseRetryAfter, ProviderError, redact, toProviderError } from './errors';
import type { ListModelsOptions } from './types';

/** What a protocol module asks the transport to send. */
export interface HttpRequest {
  url: URL;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  /** A non-HTML 403 means a refused API key (OpenAI-compatible servers) rather than a plain HTTP error. */
  forbiddenMeansAuth: boolean;
  /** Removed from every excerpt, so a server echoing the key cannot leak it into the UI. */
  secret?: string;
}

export interface TransportOptions {
  dispatcher: Dispatcher;
  signal?: AbortSignal;
  idleTimeoutMs: number;
}

export type ResponseBody = Dispatcher.ResponseData['body'];

const ERROR_BODY_LIMIT = 64 * 1024;

async function readLimited(body: ResponseBody, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    chunks.push(chunk as Buffer);
    size += (chunk as Buffer).length;
    if (size >= limit) break;
  }
  return Buffer.concat(chunks).toString('utf8');
}

function header(headers: Dispatcher.ResponseData['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function looksLikeHtml(contentType: string | undefined, body: string): boolean {
  return /html/i.test(contentType ?? '') || /^\s*<(!doctype|html)/i.test(body);
}

function statusError(
  status: number,
  headers: Dispatcher.ResponseData['headers'],
  body: string,
  req: HttpRequest,
): ProviderError {
  const bodyExcerpt = redact(excerptOf(body), req.secret);
  if (status === 429) {
    const retryAfterSeconds = parseRetryAfter(header(headers, 'retry-after'));
    return new ProviderError('rate-limited', `HTTP ${status}`, { status, retryAfterSeconds, bodyExcerpt });
  }
  if (status === 403 && looksLikeHtml(header(headers, 'content-type'), body)) {
    return new ProviderError('blocked', `HTTP ${status} with an HTML page`, { status, bodyExcerpt });
  }
  const kind = status === 401 || (status === 403 && req.forbiddenMeansAuth) ? 'auth' : 'http';
  return new ProviderError(kind, `HTTP ${status}`, { status, bodyExcerpt });
}

/**
 * Sends the request and returns the body of a 2xx answer whose content type is `expectedType`; every other outcome
 * is a ProviderError. No byte for idleTimeoutMs, before the headers or between body reads, is a 'timeout'.
 */
export async function send(req: HttpRequest, expectedType: string, options: TransportOptions): Promise<ResponseBody> {
  const { signal, idleTimeoutMs } = options;
  if (signal?.aborted) throw new ProviderError('aborted', 'request aborted');
  try {
    const response = await options.dispatcher.request({
      origin: req.url.origin,
      path: `${req.url.pathname}${req.url.search}`,
      method: req.method,
      headers: req.headers,
      body: req.body,
      signal,
      headersTimeout: idleTimeoutMs,
      bodyTimeout: idleTimeoutMs,
    });
    const { statusCode, headers, body } = response;
    if (statusCode < 200 || statusCode > 299) {
      throw statusError(statusCode, headers, await readLimited(body, ERROR_BODY_LIMIT), req);
    }
    const contentType = header(headers, 'content-type') ?? '';
    if (!contentType.toLowerCase().startsWith(expectedType)) {
      const bodyExcerpt = redact(excerptOf(await readLimited(body, ERROR_BODY_LIMIT)), req.secret);
      throw new ProviderError(
        'protocol',
        `HTTP ${statusCode}, content-type ${contentType || 'none'}, expected ${expectedType}`,
        { status: statusCode, contentType, expectedContentType: expectedType, bodyExcerpt },
      );
    }
    return body;
  } catch (error) {
    throw toProviderError(error, signal, idleTimeoutMs);
  }
}

export const DEFAULT_IDLE_TIMEOUT_MS = 60_000;

export function transportOptions(options: ListModelsOptions): TransportOptions {
  return {
    dispatcher: dispatcherFor(options),
    signal: options.signal,
    idleTimeoutMs: options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS,
  };
}
