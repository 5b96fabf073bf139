// The one place that words a failure: the facts of what ended a reply become the sentence the user reads, the action
// offered beside it and the technical detail shown on demand.
import { SETTINGS_SECTION } from '../config/ids';
import { INVALID_URL, INVALID_URL_SCHEME, NO_MODEL_LIST, ProviderError, type UrlSource } from '../provider';
import type { ErrorAction, ReplyError } from '../shared/protocol';

interface Words {
  message: string;
  action: ErrorAction;
}

const retry = (message: string): Words => ({ message, action: 'retry' });
const openSettings = (message: string): Words => ({ message, action: 'openSettings' });

/** Connection failures by errno or undici code. */
const NETWORK_WORDS: Record<string, Words> = {
  ECONNREFUSED: retry('The chat server refused the connection; check the base URL and that the server is running.'),
  ECONNRESET: retry('The connection to the chat server was reset.'),
  EPIPE: retry('The connection to the chat server was closed while the request was being sent.'),
  ENOTFOUND: openSettings('The chat server’s host name could not be found; check the base URL and your network.'),
  EAI_AGAIN: retry('The chat server’s host name could not be resolved right now; check your network.'),
  ETIMEDOUT: retry('The connection to the chat server timed out.'),
  EHOSTUNREACH: retry('The chat server’s host cannot be reached from this network.'),
  ENETUNREACH: retry('The network is unreachable; check your connection.'),
  UND_ERR_SOCKET: retry('The connection to the chat server closed unexpectedly.'),
  UND_ERR_CLOSED: retry('The connection to the chat server closed unexpectedly.'),
  UND_ERR_CONNECT_TIMEOUT: retry(
    'Connecting to the chat server took too long; check the base URL, the proxy and your network.',
  ),
};

/** A connection that never reached a server: refused, no route, or a name that does not resolve. */
const UNREACHABLE_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** What a refused URL is called, by where it came from. */
function urlSubject(source: UrlSource | undefined, url: string | undefined): string {
  switch (source) {
    case 'proxy':
      return `The proxy URL in the ${SETTINGS_SECTION}.proxy setting`;
    case 'httpProxySetting':
      return 'The proxy URL in the http.proxy setting';
    case 'https_proxy':
    case 'http_proxy':
      return `The proxy URL in the ${source} environment variable`;
    default:
      return url === undefined ? 'The base URL' : `The base URL “${url}”`;
  }
}

/** What the user was waiting for, by the content type the request expected. */
const EXPECTED: Record<string, string> = { 'text/event-stream': 'a chat reply', 'application/json': 'a model list' };

function isCertificateProblem(code: string): boolean {
  return /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/.test(code);
}

function seconds(count: number): string {
  return count === 1 ? '1 second' : `${count} seconds`;
}

function retryWhen(retryAfterSeconds: number | undefined): string {
  if (retryAfterSeconds === undefined) return 'in a little while';
  if (retryAfterSeconds < 90) return `in ${seconds(Math.max(1, Math.ceil(retryAfterSeconds)))}`;
  return `in ${Math.ceil(retryAfterSeconds / 60)} minutes`;
}

function networkWords({ code, urlSource, url }: ProviderError): Words {
  if (code === INVALID_URL) return openSettings(`${urlSubject(urlSource, url)} is not a valid URL.`);
  if (code === INVALID_URL_SCHEME) {
    return openSettings(`${urlSubject(urlSource, url)} must start with http:// or https://.`);
  }
  if (code !== undefined && isCertificateProblem(code)) {
    return openSettings(
      `The chat server’s TLS certificate was not accepted (${code}); if a proxy or private CA is in use, check the proxy settings or http.proxyStrictSSL.`,
    );
  }
  return (
    (code === undefined ? undefined : NETWORK_WORDS[code]) ??
    retry('The request to the chat server failed; check the base URL, the proxy and your network.')
  );
}

function protocolWords({ code, contentType, expectedContentType }: ProviderError): Words {
  if (code === NO_MODEL_LIST) {
    return openSettings(
      'The Vitalentum protocol serves a single model and has no model list; switch the protocol to openai-compatible to choose a model.',
    );
  }
  if (contentType === undefined) {
    return openSettings('The chat server’s answer could not be read; check the base URL and the protocol setting.');
  }
  const received = contentType.split(';')[0].trim() || 'an answer without a content type';
  const expected = EXPECTED[expectedContentType ?? ''] ?? expectedContentType ?? 'a chat reply';
  return openSettings(
    `The chat server sent ${received} instead of ${expected}; check the base URL and the protocol setting.`,
  );
}

function words(error: ProviderError): Words {
  const { status } = error;
  switch (error.kind) {
    case 'rate-limited':
      return retry(`The chat server is limiting requests; try again ${retryWhen(error.retryAfterSeconds)}.`);
    case 'blocked':
      return retry('The chat server answered with a bot-check page instead of a reply, so it is blocking this client.');
    case 'auth': {
      const why = status === undefined ? '' : ` (HTTP ${status})`;
      return {
        message: `The chat server refused the API key${why}; set a valid key for this server.`,
        action: 'setApiKey',
      };
    }
    case 'http':
      if (status === 404) {
        return openSettings(
          'The chat server has nothing at this address (HTTP 404); check the base URL and the protocol setting.',
        );
      }
      return retry(
        status === undefined
          ? 'The chat server answered with an error.'
          : `The chat server answered with HTTP status ${status}.`,
      );
    case 'timeout': {
      const idle = error.idleTimeoutMs === undefined ? 'a while' : seconds(Math.round(error.idleTimeoutMs / 100) / 10);
      return retry(`The chat server sent nothing for ${idle}, so the reply was given up.`);
    }
    case 'protocol':
      return protocolWords(error);
    case 'aborted':
      return retry('The request was stopped before the reply was complete.');
    case 'network':
      return networkWords(error);
    case 'server':
      // The server's own words, shown as plain text.
      return retry(`The chat server reported an error: ${error.serverMessage ?? error.message}`);
  }
}

/** The status, the code, the provider's technical line and the body excerpt, each once. */
function technicalDetail({ status, code, message, bodyExcerpt }: ProviderError): string {
  return [
    status === undefined || message.includes(`HTTP ${status}`) ? undefined : `HTTP ${status}`,
    code === undefined || message.includes(code) ? undefined : code,
    message,
    bodyExcerpt ? `Response: ${bodyExcerpt}` : undefined,
  ]
    .filter((line): line is string => line !== undefined && line !== '')
    .join('\n');
}

/** What the user sees for whatever ended a reply or a request. */
export function presentError(error: unknown): ReplyError {
  if (!(error instanceof ProviderError)) {
    return {
      kind: 'protocol',
      message: 'The reply could not be read because of an unexpected error.',
      action: 'retry',
      detail: error instanceof Error ? error.message : String(error),
    };
  }
  const detail = technicalDetail(error);
  return {
    kind: error.kind,
    ...words(error),
    ...(detail === '' ? {} : { detail }),
    ...(error.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: error.retryAfterSeconds }),
    ...(error.kind === 'network' && UNREACHABLE_CODES.has(error.code ?? '') ? { serverUnreachable: true } : {}),
  };
}

/** A setting or missing piece that keeps the host from making a request at all. */
export function configError(message: string): ReplyError {
  return { kind: 'config', message, action: 'openSettings' };
}
