// The one place that words a failure: the facts of what ended a reply become the sentence the user reads, the action
// offered beside it and the technical detail shown on demand.
import { SETTINGS_SECTION } from '../config/ids';
import { INVALID_URL, INVALID_URL_SCHEME, NO_MODEL_LIST, ProviderError, type UrlSource } from '../provider';
import { t } from '../shared/l10n';
import type { ErrorAction, ReplyError } from '../shared/protocol';

interface Words {
  message: string;
  action: ErrorAction;
}

const retry = (message: string): Words => ({ message, action: 'retry' });
const openSettings = (message: string): Words => ({ message, action: 'openSettings' });

/** Connection failures by errno or undici code; worded when they happen, in the display language. */
const NETWORK_WORDS: Record<string, () => Words> = {
  ECONNREFUSED: () =>
    retry(t('The chat server refused the connection; check the base URL and that the server is running.')),
  ECONNRESET: () => retry(t('The connection to the chat server was reset.')),
  EPIPE: () => retry(t('The connection to the chat server was closed while the request was being sent.')),
  ENOTFOUND: () =>
    openSettings(t('The chat server’s host name could not be found; check the base URL and your network.')),
  EAI_AGAIN: () => retry(t('The chat server’s host name could not be resolved right now; check your network.')),
  ETIMEDOUT: () => retry(t('The connection to the chat server timed out.')),
  EHOSTUNREACH: () => retry(t('The chat server’s host cannot be reached from this network.')),
  ENETUNREACH: () => retry(t('The network is unreachable; check your connection.')),
  UND_ERR_SOCKET: () => retry(t('The connection to the chat server closed unexpectedly.')),
  UND_ERR_CLOSED: () => retry(t('The connection to the chat server closed unexpectedly.')),
  UND_ERR_CONNECT_TIMEOUT: () =>
    retry(t('Connecting to the chat server took too long; check the base URL, the proxy and your network.')),
};

/** A connection that never reached a server: refused, no route, or a name that does not resolve. */
const UNREACHABLE_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** What a refused URL is called, by where it came from: the subject of the sentence that refuses it. */
function urlSubject(source: UrlSource | undefined, url: string | undefined): string {
  switch (source) {
    case 'proxy':
      return t('The proxy URL in the {0} setting', `${SETTINGS_SECTION}.proxy`);
    case 'httpProxySetting':
      return t('The proxy URL in the {0} setting', 'http.proxy');
    case 'https_proxy':
    case 'http_proxy':
      return t('The proxy URL in the {0} environment variable', source);
    default:
      return url === undefined ? t('The base URL') : t('The base URL “{0}”', url);
  }
}

function isCertificateProblem(code: string): boolean {
  return /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/.test(code);
}

function retryWhen(retryAfterSeconds: number | undefined): string {
  if (retryAfterSeconds === undefined) return t('The chat server is limiting requests; try again in a little while.');
  if (retryAfterSeconds < 90) {
    const count = Math.max(1, Math.ceil(retryAfterSeconds));
    return count === 1
      ? t('The chat server is limiting requests; try again in 1 second.')
      : t('The chat server is limiting requests; try again in {0} seconds.', count);
  }
  return t('The chat server is limiting requests; try again in {0} minutes.', Math.ceil(retryAfterSeconds / 60));
}

function idleWords(idleTimeoutMs: number | undefined): string {
  if (idleTimeoutMs === undefined) return t('The chat server sent nothing for a while, so the reply was given up.');
  const count = Math.round(idleTimeoutMs / 100) / 10;
  return count === 1
    ? t('The chat server sent nothing for 1 second, so the reply was given up.')
    : t('The chat server sent nothing for {0} seconds, so the reply was given up.', count);
}

function networkWords({ code, urlSource, url }: ProviderError): Words {
  if (code === INVALID_URL) return openSettings(t('{0} is not a valid URL.', urlSubject(urlSource, url)));
  if (code === INVALID_URL_SCHEME) {
    return openSettings(t('{0} must start with http:// or https://.', urlSubject(urlSource, url)));
  }
  if (code !== undefined && isCertificateProblem(code)) {
    return openSettings(
      t(
        'The chat server’s TLS certificate was not accepted ({0}); if a proxy or private CA is in use, check the proxy settings or http.proxyStrictSSL.',
        code,
      ),
    );
  }
  return (
    (code === undefined ? undefined : NETWORK_WORDS[code]?.()) ??
    retry(t('The request to the chat server failed; check the base URL, the proxy and your network.'))
  );
}

/** The sentence for an answer of the wrong content type, by what the request expected. */
function wrongTypeWords(received: string | undefined, expectedContentType: string | undefined): string {
  const sent = received ?? t('an answer without a content type');
  switch (expectedContentType) {
    case 'application/json':
      return t('The chat server sent {0} instead of a model list; check the base URL and the protocol setting.', sent);
    case undefined:
    case 'text/event-stream':
      return t('The chat server sent {0} instead of a chat reply; check the base URL and the protocol setting.', sent);
    default:
      return t(
        'The chat server sent {0} instead of {1}; check the base URL and the protocol setting.',
        sent,
        expectedContentType,
      );
  }
}

function protocolWords({ code, contentType, expectedContentType }: ProviderError): Words {
  if (code === NO_MODEL_LIST) {
    return openSettings(
      t(
        'The Vitalentum protocol serves a single model and has no model list; switch the protocol to openai-compatible to choose a model.',
      ),
    );
  }
  if (contentType === undefined) {
    return openSettings(t('The chat server’s answer could not be read; check the base URL and the protocol setting.'));
  }
  const received = contentType.split(';')[0].trim();
  return openSettings(wrongTypeWords(received === '' ? undefined : received, expectedContentType));
}

function words(error: ProviderError): Words {
  const { status } = error;
  switch (error.kind) {
    case 'rate-limited':
      return retry(retryWhen(error.retryAfterSeconds));
    case 'blocked':
      return retry(
        t('The chat server answered with a bot-check page instead of a reply, so it is blocking this client.'),
      );
    case 'auth':
      return {
        message:
          status === undefined
            ? t('The chat server refused the API key; set a valid key for this server.')
            : t('The chat server refused the API key (HTTP {0}); set a valid key for this server.', status),
        action: 'setApiKey',
      };
    case 'http':
      if (status === 404) {
        return openSettings(
          t('The chat server has nothing at this address (HTTP 404); check the base URL and the protocol setting.'),
        );
      }
      return retry(
        status === undefined
          ? t('The chat server answered with an error.')
          : t('The chat server answered with HTTP status {0}.', status),
      );
    case 'timeout':
      return retry(idleWords(error.idleTimeoutMs));
    case 'protocol':
      return protocolWords(error);
    case 'aborted':
      return retry(t('The request was stopped before the reply was complete.'));
    case 'network':
      return networkWords(error);
    case 'server':
      // The server's own words, shown as plain text.
      return retry(t('The chat server reported an error: {0}', error.serverMessage ?? error.message));
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
      message: t('The reply could not be read because of an unexpected error.'),
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
