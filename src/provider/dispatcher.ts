// The undici dispatcher a request goes through: a proxy from the settings or the environment, or a direct one.
import type { Dispatcher } from 'undici';
import { httpUrlProblem } from './baseUrl';
import { ProviderError, type UrlSource } from './errors';

type Undici = typeof import('undici');
let undiciModule: Undici | undefined;

/**
 * undici, loaded on the first request rather than with the extension: with node:http, node:http2 and its HTTP
 * parser it would cost more activation time than all of the extension's own code. The shipped build has it in a bundle
 * of its own (`undici.js`, see esbuild.js), so that activation does not even compile it.
 */
function undici(): Undici {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  undiciModule ??= require('undici') as Undici;
  return undiciModule;
}

export interface ProxyConfig {
  proxy?: string;
  httpProxySetting?: string;
  strictSSL?: boolean;
  dispatcher?: Dispatcher;
}

type Environment = Record<string, string | undefined>;

// One dispatcher per configuration, so connections are pooled and reused across requests.
const dispatchers = new Map<string, Dispatcher>();

function setting(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function cached(key: string, create: () => Dispatcher): Dispatcher {
  let dispatcher = dispatchers.get(key);
  if (dispatcher === undefined) {
    dispatcher = create();
    dispatchers.set(key, dispatcher);
  }
  return dispatcher;
}

/** The proxy URL itself stays out of the error: it may carry credentials. */
function validProxyUrl(value: string, urlSource: UrlSource): string {
  const code = httpUrlProblem(value);
  if (code !== undefined) {
    throw new ProviderError('network', `proxy URL from ${urlSource}: ${code}`, { code, urlSource });
  }
  return value;
}

/**
 * The dispatcher for a request: the caller's own, else a proxy from the extension's setting, else VS Code's
 * http.proxy, else the https_proxy/http_proxy/no_proxy environment, else a direct connection. strictSSL decides
 * whether certificates of the server and of an https proxy must verify.
 *
 * Plain http targets go through an http proxy as ordinary forwarded requests; https targets are tunnelled with
 * CONNECT, as browsers do.
 */
export function dispatcherFor(config: ProxyConfig, env: Environment = process.env): Dispatcher {
  if (config.dispatcher) return config.dispatcher;
  const strictSSL = config.strictSSL ?? true;
  const tls = { rejectUnauthorized: strictSSL };
  const ownProxy = setting(config.proxy);
  const vscodeProxy = setting(config.httpProxySetting);
  const explicit = ownProxy ?? vscodeProxy;
  if (explicit !== undefined) {
    const uri = validProxyUrl(explicit, ownProxy !== undefined ? 'proxy' : 'httpProxySetting');
    return cached(
      `proxy|${strictSSL}|${uri}`,
      () => new (undici().ProxyAgent)({ uri, proxyTunnel: false, requestTls: tls, proxyTls: tls }),
    );
  }
  const httpsProxy = setting(env.https_proxy ?? env.HTTPS_PROXY);
  const httpProxy = setting(env.http_proxy ?? env.HTTP_PROXY);
  if (httpsProxy !== undefined || httpProxy !== undefined) {
    if (httpsProxy !== undefined) validProxyUrl(httpsProxy, 'https_proxy');
    if (httpProxy !== undefined) validProxyUrl(httpProxy, 'http_proxy');
    const noProxy = env.no_proxy ?? env.NO_PROXY ?? '';
    return cached(
      `env|${strictSSL}|${httpsProxy ?? ''}|${httpProxy ?? ''}|${noProxy}`,
      () =>
        new (undici().EnvHttpProxyAgent)({
          httpProxy,
          httpsProxy,
          noProxy,
          proxyTunnel: false,
          connect: tls,
          requestTls: tls,
          proxyTls: tls,
        }),
    );
  }
  return cached(`direct|${strictSSL}`, () => new (undici().Agent)({ connect: tls }));
}
