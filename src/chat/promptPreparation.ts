// Turns the conversation's history into the request a reply is streamed from: the settings read fresh, the
// instructions put first, and the whole fitted into the model's context window (or refused, with the reason).
import { SETTING_KEYS } from '../config/settings';
import { SETTINGS_SECTION } from '../config/ids';
import { requestOptions, type RequestConfig, type RequestOptions } from '../config/requestOptions';
import type { DroppedMessages, ReplyError } from '../shared/protocol';
import { DEFAULT_CONTEXT_WINDOW, fitToWindow } from './contextBudget';
import type { PromptMessage } from './conversation';
import { configError } from './errorPresenter';

/** Where the pieces of a request come from; the host plugs them in, each read at send time since each can change. */
export interface PromptSources {
  requestConfig: () => Promise<RequestConfig>;
  /** The workspace's instructions file, `undefined` when there is none or it may not be read (restricted mode). */
  workspaceInstructions?: () => Promise<string | undefined>;
  /** The server's context length for the request's model, `undefined` when it does not say. */
  contextLength?: (request: RequestOptions) => Promise<number | undefined>;
}

export type PreparedPrompt =
  | { ready: true; request: RequestOptions; messages: PromptMessage[]; dropped?: DroppedMessages }
  | { ready: false; problem: ReplyError };

const WINDOW_SETTING = `${SETTINGS_SECTION}.${SETTING_KEYS.contextWindowTokens}`;

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The system prompt setting, then the workspace's file, each left out when blank. */
export function joinInstructions(systemPrompt: string, workspace: string | undefined): string {
  return [systemPrompt, workspace ?? '']
    .map((text) => text.trim())
    .filter((text) => text !== '')
    .join('\n\n');
}

/** The setting when it is set, else what the server says (a failed lookup is no answer), else the default. */
async function contextWindow(config: RequestConfig, request: RequestOptions, sources: PromptSources): Promise<number> {
  if (config.settings.contextWindowTokens > 0) return config.settings.contextWindowTokens;
  const served = await sources.contextLength?.(request).catch(() => undefined);
  return served ?? DEFAULT_CONTEXT_WINDOW;
}

/** `history` ends with the question being asked; it is never left out, nor are the instructions. */
export async function preparePrompt(
  sources: PromptSources,
  history: readonly PromptMessage[],
): Promise<PreparedPrompt> {
  let config: RequestConfig;
  let workspace: string | undefined;
  try {
    config = await sources.requestConfig();
  } catch (error) {
    return {
      ready: false,
      problem: configError(`The chat settings or the API key could not be read: ${describe(error)}`),
    };
  }
  try {
    workspace = await sources.workspaceInstructions?.();
  } catch (error) {
    return { ready: false, problem: configError(`The workspace's instructions could not be read: ${describe(error)}`) };
  }
  const request = requestOptions(config);
  const windowTokens = await contextWindow(config, request, sources);
  const budget = fitToWindow(joinInstructions(config.settings.systemPrompt, workspace), history, windowTokens);
  if (!budget.fits) {
    const message =
      `Not sent: the instructions and your message need about ${budget.neededTokens} tokens, but the ` +
      `${windowTokens}-token context window leaves ${Math.max(0, budget.allowanceTokens)} after room for the answer. ` +
      `Shorten them, or raise ${WINDOW_SETTING} if the model takes more.`;
    return { ready: false, problem: configError(message) };
  }
  const { messages, droppedMessages } = budget;
  return {
    ready: true,
    request,
    messages,
    ...(droppedMessages > 0 ? { dropped: { messages: droppedMessages, windowTokens } } : {}),
  };
}
