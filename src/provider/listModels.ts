// The models an OpenAI-compatible server offers, from GET /v1/models, with each one's context length where the server
// tells it: in the list itself (vLLM's `max_model_len`, `context_length`, llama.cpp's `meta.n_ctx_train`), or from
// short extra requests whose failure never fails the listing (llama.cpp's GET /props, Ollama's POST /api/show).
import { normalizeBaseUrl } from './baseUrl';
import { NO_MODEL_LIST, ProviderError, toProviderError } from './errors';
import { send, transportOptions, type HttpRequest, type TransportOptions } from './http';
import { buildOpenAiModelsRequest } from './openAiRequest';
import type { ListModelsOptions } from './types';

export interface ModelInfo {
  id: string;
  /** How many tokens, prompt and reply together, the server takes for this model, when it says. */
  contextLength?: number;
}

type Entry = Record<string, unknown> & { id: string };

/** The extra requests together end after this long; each gives up after DETAIL_IDLE_MS without a byte. */
const DETAILS_DEADLINE_MS = 3_000;
const DETAIL_IDLE_MS = 2_000;
/** An answer about one model is a few kilobytes; a larger one is not read. */
const DETAIL_BODY_LIMIT = 1024 * 1024;
/** Ollama is asked about this many models at most, all at once (it answers from its disk). */
const MAX_SHOWN = 16;
/** Larger "context lengths" are not believed. */
const MAX_CONTEXT = 100_000_000;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function tokens(value: unknown): number | undefined {
  return Number.isSafeInteger(value) && (value as number) > 0 && (value as number) <= MAX_CONTEXT
    ? (value as number)
    : undefined;
}

async function readText(body: AsyncIterable<unknown>, limit = Infinity): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    chunks.push(chunk as Buffer);
    size += (chunk as Buffer).length;
    if (size > limit) throw new ProviderError('protocol', 'answer too large');
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** What the list entry says: vLLM's served length, a `context_length`, else what llama.cpp's model was trained for. */
function listedContext(entry: Entry): number | undefined {
  const meta = isRecord(entry.meta) ? entry.meta : {};
  return tokens(entry.max_model_len) ?? tokens(entry.context_length) ?? tokens(meta.n_ctx_train);
}

/** The JSON answer to an extra request, or `undefined` whatever went wrong: these requests only add detail. */
async function detailJson(request: HttpRequest, transport: TransportOptions): Promise<unknown> {
  try {
    return JSON.parse(await readText(await send(request, 'application/json', transport), DETAIL_BODY_LIMIT));
  } catch {
    return undefined;
  }
}

/** The window llama-server runs with (its -c), which may be smaller than what the model was trained for. */
async function llamaCppContext(
  root: string,
  models: HttpRequest,
  transport: TransportOptions,
): Promise<number | undefined> {
  const props = await detailJson({ ...models, url: new URL(`${root}/props`) }, transport);
  return isRecord(props) && isRecord(props.default_generation_settings)
    ? tokens(props.default_generation_settings.n_ctx)
    : undefined;
}

/** A Modelfile's `num_ctx`, the window Ollama runs the model with, else the context length the model was built for. */
async function ollamaContext(
  root: string,
  id: string,
  models: HttpRequest,
  transport: TransportOptions,
): Promise<number | undefined> {
  const show = await detailJson(
    {
      ...models,
      url: new URL(`${root}/api/show`),
      method: 'POST',
      headers: { ...models.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ model: id }),
    },
    transport,
  );
  if (!isRecord(show)) return undefined;
  const numCtx = typeof show.parameters === 'string' ? /^num_ctx\s+(\d+)\s*$/m.exec(show.parameters)?.[1] : undefined;
  const info = isRecord(show.model_info) ? show.model_info : {};
  const architecture = info['general.architecture'];
  const built = typeof architecture === 'string' ? info[`${architecture}.context_length`] : undefined;
  return tokens(numCtx === undefined ? undefined : Number(numCtx)) ?? tokens(built);
}

/**
 * Asks the server for what its list left out. llama-server lists its one model with `meta` (owned by "llamacpp");
 * Ollama lists models of its library namespace as owned by "library". Other servers are asked nothing more.
 */
async function addServerDetails(
  models: ModelInfo[],
  entries: readonly Entry[],
  base: string,
  modelsRequest: HttpRequest,
  transport: TransportOptions,
): Promise<void> {
  const llamaCpp = entries.length === 1 && (isRecord(entries[0].meta) || entries[0].owned_by === 'llamacpp');
  const ollama = entries.some((entry) => entry.owned_by === 'library');
  if (!llamaCpp && !ollama) return;
  const root = base.endsWith('/v1') ? base.slice(0, -'/v1'.length) : base;
  const signals = [AbortSignal.timeout(DETAILS_DEADLINE_MS), ...(transport.signal ? [transport.signal] : [])];
  const details: TransportOptions = {
    ...transport,
    signal: AbortSignal.any(signals),
    idleTimeoutMs: Math.min(transport.idleTimeoutMs, DETAIL_IDLE_MS),
  };
  if (llamaCpp) {
    const served = await llamaCppContext(root, modelsRequest, details);
    if (served !== undefined) models[0].contextLength = served;
    return;
  }
  const unknown = models.filter((model) => model.contextLength === undefined).slice(0, MAX_SHOWN);
  await Promise.all(
    unknown.map(async (model) => {
      const length = await ollamaContext(root, model.id, modelsRequest, details);
      if (length !== undefined) model.contextLength = length;
    }),
  );
}

/** OpenAI-compatible servers only: the models from GET {baseUrl}/v1/models, in the server's order. */
export async function listModels(options: ListModelsOptions): Promise<ModelInfo[]> {
  if (options.protocol !== 'openai-compatible') {
    throw new ProviderError('protocol', 'the Vitalentum protocol has no model list', { code: NO_MODEL_LIST });
  }
  const transport = transportOptions(options);
  const base = normalizeBaseUrl(options.baseUrl);
  const request = buildOpenAiModelsRequest(options, base);
  const body = await send(request, 'application/json', transport);
  let text: string;
  try {
    text = await readText(body);
  } catch (error) {
    throw toProviderError(error, transport.signal, transport.idleTimeoutMs);
  }
  let list: unknown;
  try {
    list = JSON.parse(text);
  } catch {
    throw new ProviderError('protocol', 'model list is not valid JSON');
  }
  if (!isRecord(list) || !Array.isArray(list.data)) {
    throw new ProviderError('protocol', 'model list has no "data" array');
  }
  const entries = list.data.filter((entry): entry is Entry => isRecord(entry) && typeof entry.id === 'string');
  const models = entries.map((entry): ModelInfo => {
    const contextLength = listedContext(entry);
    return contextLength === undefined ? { id: entry.id } : { id: entry.id, contextLength };
  });
  await addServerDetails(models, entries, base, request, transport);
  return models;
}
