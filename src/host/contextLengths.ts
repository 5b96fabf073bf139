// The server's context length for a model, which the chat fits its requests into, asked of the server once.
import type { RequestOptions } from '../config/requestOptions';
import type { ChatLog } from '../common/log';
import { listModels } from '../provider';

/**
 * The context length the server gives for the request's model (the only model it lists, when the settings name
 * none), from the model list. Asked once per server and model until `forget`: listing can take a few seconds.
 */
export class ContextLengths {
  private readonly known = new Map<string, Promise<number | undefined>>();

  constructor(private readonly log: () => ChatLog) {}

  get(request: RequestOptions): Promise<number | undefined> {
    // The Vitalentum protocol has no model list to ask.
    if (request.protocol !== 'openai-compatible') return Promise.resolve(undefined);
    const key = `${request.baseUrl} ${request.model ?? ''}`;
    let length = this.known.get(key);
    if (!length) {
      length = listModels(request).then(
        (models) =>
          (request.model ? models.find((m) => m.id === request.model) : models.length === 1 ? models[0] : undefined)
            ?.contextLength,
        (error: unknown) => {
          // The default window serves instead; the list is asked again after the settings change.
          this.log().warn(
            `No context length from ${request.baseUrl}'s model list: ${error instanceof Error ? error.message : String(error)}`,
          );
          return undefined;
        },
      );
      this.known.set(key, length);
    }
    return length;
  }

  /** The settings changed: the server or its model may have too. */
  forget(): void {
    this.known.clear();
  }
}
