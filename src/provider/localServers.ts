// Finds OpenAI-compatible servers running on this machine: asks each default port of the usual local servers for its
// model list (the model list's own client), all at once, with a short deadline each, and keeps those that answer one.
import { dispatcherFor } from './dispatcher';
import { listModels, type ModelInfo } from './listModels';

/** Where a local server of one kind listens unless told otherwise. */
export interface LocalServerKind {
  /** The server's name as people know it. */
  name: string;
  port: number;
}

/** The default ports of Ollama, LM Studio, llama.cpp's server and vLLM. */
export const LOCAL_SERVER_KINDS: readonly LocalServerKind[] = [
  { name: 'Ollama', port: 11434 },
  { name: 'LM Studio', port: 1234 },
  { name: 'llama.cpp', port: 8080 },
  { name: 'vLLM', port: 8000 },
];

/** Both names of this machine: a server may listen on IPv4 only, or on ::1 that only `localhost` reaches. */
export const LOCAL_HOSTS: readonly string[] = ['127.0.0.1', 'localhost'];

/**
 * Long enough for a server on a busy machine to list its models, short enough for a port that takes connections and
 * never answers. A closed port refuses at once, so the deadline costs nothing where no server listens.
 */
const PROBE_TIMEOUT_MS = 3_000;

export interface ProbeOptions {
  kinds?: readonly LocalServerKind[];
  hosts?: readonly string[];
  /** Each probe, connection, model list and details together, ends after this long. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface FoundServer {
  /** The kind whose default port answered (another server may of course listen there). */
  name: string;
  /** The base URL that answered, as `vitalentum.baseUrl` takes it. */
  baseUrl: string;
  models: ModelInfo[];
}

/** Why a probe found nothing, one line per address, for the log. */
export interface ProbeMiss {
  baseUrl: string;
  reason: string;
}

export interface ProbeResult {
  found: FoundServer[];
  missed: ProbeMiss[];
}

function urlHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/**
 * Probes every host on every kind's port in parallel. A server that answers on both names with the same models is
 * listed once, under the first host; the order is the kinds' order, then the hosts'.
 */
export async function probeLocalServers(options: ProbeOptions = {}): Promise<ProbeResult> {
  const { kinds = LOCAL_SERVER_KINDS, hosts = LOCAL_HOSTS, timeoutMs = PROBE_TIMEOUT_MS } = options;
  // Loopback requests never go through a proxy, whatever the settings or the environment say.
  const dispatcher = dispatcherFor({}, {});
  const targets = kinds.flatMap((kind) =>
    hosts.map((host) => ({ kind, baseUrl: `http://${urlHost(host)}:${kind.port}` })),
  );
  const outcomes = await Promise.all(
    targets.map(async ({ kind, baseUrl }) => {
      const signals = [AbortSignal.timeout(timeoutMs), ...(options.signal ? [options.signal] : [])];
      try {
        const models = await listModels({
          baseUrl,
          protocol: 'openai-compatible',
          dispatcher,
          signal: AbortSignal.any(signals),
          idleTimeoutMs: timeoutMs,
        });
        return { kind, baseUrl, models, reason: undefined };
      } catch (error) {
        return { kind, baseUrl, models: undefined, reason: error instanceof Error ? error.message : String(error) };
      }
    }),
  );
  const found: FoundServer[] = [];
  const missed: ProbeMiss[] = [];
  for (const outcome of outcomes) {
    if (outcome.models === undefined) {
      missed.push({ baseUrl: outcome.baseUrl, reason: outcome.reason });
      continue;
    }
    const ids = outcome.models.map((model) => model.id).join('\n');
    const twin = found.find(
      (server) =>
        new URL(server.baseUrl).port === String(outcome.kind.port) &&
        server.models.map((model) => model.id).join('\n') === ids,
    );
    if (!twin) found.push({ name: outcome.kind.name, baseUrl: outcome.baseUrl, models: outcome.models });
  }
  return { found, missed };
}
