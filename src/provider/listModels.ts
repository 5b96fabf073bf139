// The models an OpenAI-compatible server offers, from GET /v1/models.
import { normalizeBaseUrl } from './baseUrl';
import { NO_MODEL_LIST, ProviderError, toProviderError } from './errors';
import { send, transportOptions } from './http';
import { buildOpenAiModelsRequest } from './openAiRequest';
import type { ListModelsOptions } from './types';

interface ModelList {
  data?: Array<{ id?: unknown } | null>;
}

async function readText(body: AsyncIterable<unknown>): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** OpenAI-compatible servers only: the ids from GET {baseUrl}/v1/models, in the server's order. */
export async function listModels(options: ListModelsOptions): Promise<string[]> {
  if (options.protocol !== 'openai-compatible') {
    throw new ProviderError('protocol', 'the Vitalentum protocol has no model list', { code: NO_MODEL_LIST });
  }
  const transport = transportOptions(options);
  const body = await send(
    buildOpenAiModelsRequest(options, normalizeBaseUrl(options.baseUrl)),
    'application/json',
    transport,
  );
  let text: string;
  try {
    text = await readText(body);
  } catch (error) {
    throw toProviderError(error, transport.signal, transport.idleTimeoutMs);
  }
  let list: ModelList;
  try {
    list = JSON.parse(text) as ModelList;
  } catch {
    throw new ProviderError('protocol', 'model list is not valid JSON');
  }
  if (!Array.isArray(list.data)) {
    throw new ProviderError('protocol', 'model list has no "data" array');
  }
  return list.data.flatMap((model) => (typeof model?.id === 'string' ? [model.id] : []));
}
