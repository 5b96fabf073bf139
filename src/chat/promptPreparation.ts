// Turns the conversation's history into the request a reply is streamed from: the settings read fresh, the
// instructions and the context chips put first (read now, never left out), and the whole fitted into the model's
// context window (or refused, with the reason). The same reading gives the composer its chips and its meter.
import { SETTING_KEYS } from '../config/settings';
import { INSTRUCTIONS_FILE, SETTINGS_SECTION } from '../config/ids';
import { requestOptions, type RequestConfig, type RequestOptions } from '../config/requestOptions';
import type { ContextView } from '../shared/contextView';
import type { DroppedMessages, ReplyError } from '../shared/protocol';
import { DEFAULT_CONTEXT_WINDOW, fitToWindow } from './contextBudget';
import { contextChip, formatContextItem, readContextItem, type ContextItem, type ContextReader } from './contextItems';
import { isSent, type Conversation, type PromptMessage } from './conversation';
import { encodingFor, estimateMessageTokens, type Encoding, type MessageTokens } from './tokenCounter';
import { configError } from './errorPresenter';
import { t } from '../shared/l10n';
import { describeError } from '../shared/errorText';

/**
 * Where the pieces of a request come from; the host plugs them in. Each is asked at send time since each can change
 * (the host may answer from what it kept, as long as it hears of every change).
 */
export interface PromptSources {
  requestConfig: () => Promise<RequestConfig>;
  /** The workspace's instructions file, `undefined` when there is none or it may not be read (restricted mode). */
  workspaceInstructions?: () => Promise<string | undefined>;
  /** Why the workspace's instructions file was not read, when it was not (a restricted workspace). */
  instructionsNotice?: () => string | undefined;
  /** The server's context length for the request's model, `undefined` when it does not say. */
  contextLength?: (request: RequestOptions) => Promise<number | undefined>;
  /** Reads the files and problems the user pinned; nothing else is ever read. */
  readContext?: ContextReader;
  /** Message costs in an encoding a model uses; without it, or for other models, every text is estimated. */
  tokenizer?: (encoding: Encoding) => Promise<MessageTokens | undefined>;
}

export type PreparedPrompt =
  | {
      ready: true;
      request: RequestOptions;
      messages: PromptMessage[];
      dropped?: DroppedMessages;
      /** The prompt's size as counted (or estimated), to check the server's own count against. */
      promptTokens: number;
    }
  | { ready: false; problem: ReplyError };

const WINDOW_SETTING = `${SETTINGS_SECTION}.${SETTING_KEYS.contextWindowTokens}`;

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

interface Pinned {
  request: RequestOptions;
  windowTokens: number;
  /** The model's tokenizer, or the estimate. */
  tokens: MessageTokens;
  instructions: string;
  /** The context blocks that are sent, in the chips' order. */
  blocks: string[];
  chips: ContextView['chips'];
}

/** Reads everything a request starts with: settings, window, instructions, and each pinned item's current text. */
async function readPinned(sources: PromptSources, context: readonly ContextItem[]): Promise<Pinned | ReplyError> {
  let config: RequestConfig;
  let workspace: string | undefined;
  try {
    config = await sources.requestConfig();
  } catch (error) {
    return configError(t('The chat settings or the API key could not be read: {0}', describeError(error)));
  }
  try {
    workspace = await sources.workspaceInstructions?.();
  } catch (error) {
    return configError(t('The workspace’s instructions could not be read: {0}', describeError(error)));
  }
  const request = requestOptions(config);
  const windowTokens = await contextWindow(config, request, sources);
  const encoding = encodingFor(request.model);
  const tokens = (encoding && (await sources.tokenizer?.(encoding))) || estimateMessageTokens;
  const instructions = joinInstructions(config.settings.systemPrompt, workspace);
  const notice = sources.instructionsNotice?.();
  const chips: ContextView['chips'] =
    instructions === '' && notice === undefined
      ? []
      : [
          {
            kind: 'instructions',
            label: t('Instructions'),
            title: t('{0}, then the workspace’s {1}', `${SETTINGS_SECTION}.systemPrompt`, INSTRUCTIONS_FILE),
            ...(instructions === '' ? {} : { tokens: tokens(instructions) }),
            ...(notice === undefined ? {} : { problem: notice }),
          },
        ];
  const blocks: string[] = [];
  for (const item of context) {
    const read = await readContextItem(item, sources.readContext);
    chips.push(contextChip(item, read, tokens));
    if (!('problem' in read)) blocks.push(formatContextItem(item, read));
  }
  return { request, windowTokens, tokens, instructions, blocks, chips };
}

/** The instructions, then each context block: the one system message, which is never left out. */
function pinnedText(pinned: Pinned): string {
  const context = pinned.blocks.length === 0 ? [] : [`Context the user added:\n\n${pinned.blocks.join('\n\n')}`];
  return [pinned.instructions, ...context].filter((text) => text !== '').join('\n\n');
}

/** `history` ends with the question being asked; it is never left out, nor are the instructions or the context. */
export async function preparePrompt(
  sources: PromptSources,
  history: readonly PromptMessage[],
  context: readonly ContextItem[] = [],
): Promise<PreparedPrompt> {
  const pinned = await readPinned(sources, context);
  if (!('request' in pinned)) return { ready: false, problem: pinned };
  const { request, windowTokens } = pinned;
  const budget = fitToWindow(pinnedText(pinned), history, windowTokens, pinned.tokens);
  if (!budget.fits) {
    const facts = [budget.neededTokens, windowTokens, Math.max(0, budget.allowanceTokens), WINDOW_SETTING] as const;
    const message =
      pinned.blocks.length === 0
        ? t(
            'Not sent: the instructions and your message need about {0} tokens, but the {1}-token context window leaves {2} after room for the answer. Shorten them, or raise {3} if the model takes more.',
            ...facts,
          )
        : t(
            'Not sent: the instructions, the context and your message need about {0} tokens, but the {1}-token context window leaves {2} after room for the answer. Remove context or shorten them, or raise {3} if the model takes more.',
            ...facts,
          );
    return { ready: false, problem: configError(message) };
  }
  const { messages, droppedMessages, promptTokens } = budget;
  return {
    ready: true,
    request,
    messages,
    promptTokens,
    ...(droppedMessages > 0 ? { dropped: { messages: droppedMessages, windowTokens } } : {}),
  };
}

/** The chips and the meter for a conversation: what its next request would carry, before the text being typed. */
export async function describeContext(
  sources: PromptSources,
  conversation: Conversation,
): Promise<ContextView | undefined> {
  const pinned = await readPinned(sources, conversation.context ?? []);
  if (!('request' in pinned)) return undefined;
  const text = pinnedText(pinned);
  const { tokens } = pinned;
  // Counted from the messages, not from their prompt form: the meter is refreshed after every reply, and building
  // the prompt of a conversation of thousands of messages for it allocated hundreds of kilobytes each time.
  let baseTokens = text === '' ? 0 : tokens(text);
  for (const message of conversation.messages) if (isSent(message)) baseTokens += tokens(message.text);
  return { conversationId: conversation.id, chips: pinned.chips, baseTokens, windowTokens: pinned.windowTokens };
}
