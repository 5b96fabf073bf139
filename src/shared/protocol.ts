// What the extension host and the chat webview both know: conversations as the webview shows them, the state it
// renders. The messages that carry them are declared in ./messages.

/**
 * Why a reply failed: the provider's error kinds, then 'config' for a request the host could not make. Shared code
 * may not import the provider, so the list is written out here and a unit test holds it equal to the provider's.
 */
export const REPLY_ERROR_KINDS = [
  'http',
  'rate-limited',
  'blocked',
  'network',
  'timeout',
  'protocol',
  'aborted',
  'auth',
  'server',
  'config',
] as const;

export type ReplyErrorKind = (typeof REPLY_ERROR_KINDS)[number];

/** What the user can do about a failed reply, offered as a button beside the explanation. */
export const ERROR_ACTIONS = ['retry', 'setApiKey', 'openSettings'] as const;

export type ErrorAction = (typeof ERROR_ACTIONS)[number];

export interface ReplyError {
  kind: ReplyErrorKind;
  /** The one plain sentence the user reads: what happened and what to do. */
  message: string;
  action?: ErrorAction;
  /** Technical detail (status, code, the provider's own line, body excerpt), shown on demand. */
  detail?: string;
  retryAfterSeconds?: number;
  /**
   * No server was reached at all (connection refused, no route, a name that does not resolve): the chat offers its
   * setup card. Not stored with the conversation.
   */
  serverUnreachable?: true;
}

export interface ReplyStats {
  protocol: string;
  model?: string;
  /** Milliseconds from sending the request to the first chunk. */
  firstChunkMs?: number;
  durationMs: number;
  chunks: number;
  chars: number;
  /** Token counts the server reported, for every request of the reply together; absent when one did not report. */
  promptTokens?: number;
  completionTokens?: number;
  /** Why the server ended the reply's last request, as it said ('length': cut at the token limit). */
  finishReason?: string;
}

/** The model's reasoning before its answer; shown apart from the answer and never sent back to the model. */
export interface ReplyReasoning {
  text: string;
  /** Milliseconds from the first to the last reasoning text, over every request of the reply. */
  durationMs?: number;
}

/**
 * `streaming`: still arriving; `complete`: ended normally; `stopped`: the user pressed Stop;
 * `incomplete`: the server ended without its end marker (may be cut short); `error`: failed, see `error`.
 */
export type MessageStatus = 'streaming' | 'complete' | 'stopped' | 'incomplete' | 'error';

export interface ChatMessageView {
  id: string;
  role: 'user' | 'assistant';
  text: string;
  status: MessageStatus;
  createdAt: number;
  error?: ReplyError;
  stats?: ReplyStats;
  reasoning?: ReplyReasoning;
  /** Earlier messages left out of the reply's last request because they did not fit the context window. */
  dropped?: DroppedMessages;
  /** The server counted far fewer prompt tokens than the reply's last request sent: it probably cut the prompt. */
  promptCut?: PromptCut;
}

export interface DroppedMessages {
  messages: number;
  windowTokens: number;
}

export interface PromptCut {
  /** The prompt's estimated size, as the context window was filled by. */
  sentTokens: number;
  /** What the server said it read. */
  countedTokens: number;
}

/** The server ended the reply because it reached the token limit, not because the answer was done. */
export function isCutAtTokenLimit(message: Pick<ChatMessageView, 'status' | 'stats'>): boolean {
  return (message.status === 'complete' || message.status === 'incomplete') && message.stats?.finishReason === 'length';
}

/** Whether the model can be asked to go on from where this reply ended: it failed, was stopped or was cut short. */
export function canContinue(message: Pick<ChatMessageView, 'status' | 'stats'>): boolean {
  return (
    message.status === 'error' ||
    message.status === 'stopped' ||
    message.status === 'incomplete' ||
    isCutAtTokenLimit(message)
  );
}

export interface ConversationSummary {
  id: string;
  title: string;
  updatedAt: number;
  messageCount: number;
}

export interface BackendInfo {
  protocol: 'vitalentum' | 'openai-compatible';
  baseUrl: string;
  model?: string;
}

/** The whole state a webview needs to render; sent after `ready` and whenever the view must be rebuilt. */
export interface ChatState {
  conversationId: string;
  title: string;
  messages: ChatMessageView[];
  /**
   * Present when the webview shows this conversation already: the ids of its messages in order (after the first
   * `orderKept`), and `messages` holds only those that changed since the last state (the others are as the webview
   * has them).
   */
  order?: string[];
  /**
   * How many of the messages the webview has, from the first, keep their places (those of the last state; messages
   * a `messageUpdated` added come after them). Left out: none.
   */
  orderKept?: number;
  /**
   * By message id, for messages in `messages` whose text continues what the webview holds (a reply streaming in): the
   * message's text is what follows the first that many characters of the text the webview holds for it.
   */
  textFrom?: Record<string, number>;
  /** Id of the assistant message that is streaming, if any. */
  streamingId?: string;
  /**
   * How many messages at the conversation's start are left out of this state, so that a long conversation's end shows
   * at once: the webview asks for them (`showEarlier`) once it has painted these, and they come a page per state.
   */
  earlier?: number;
  history: ConversationSummary[];
  backend: BackendInfo;
}
