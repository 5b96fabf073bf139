// Every message between the extension host and the chat webview. Both bundles import this module; the host
// validates everything it receives with `parseWebviewMessage` before acting on it.

/** Why a reply failed, as the UI explains it. Mirrors the provider's error kinds plus host-side ones. */
export type ReplyErrorKind =
  'http' | 'rate-limited' | 'blocked' | 'network' | 'timeout' | 'protocol' | 'aborted' | 'auth' | 'config';

/** What the user can do about a failed reply, offered as a button beside the explanation. */
export type ErrorAction = 'retry' | 'setApiKey' | 'openSettings';

export interface ReplyError {
  kind: ReplyErrorKind;
  /** One plain sentence for the user: what happened and what to do. */
  message: string;
  action?: ErrorAction;
  /** Technical detail (status, body excerpt), shown on demand. */
  detail?: string;
  retryAfterSeconds?: number;
}

export interface ReplyStats {
  backend: string;
  model?: string;
  /** Milliseconds from sending the request to the first chunk. */
  firstChunkMs?: number;
  durationMs: number;
  chunks: number;
  chars: number;
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
}

export interface ConversationSummary {
  id: string;
  title: string;
  updatedAt: number;
  messageCount: number;
}

/** Code selected in the editor, offered as context for the next message. */
export interface SelectionContext {
  fileName: string;
  languageId: string;
  text: string;
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
  /** Id of the assistant message that is streaming, if any. */
  streamingId?: string;
  history: ConversationSummary[];
  backend: BackendInfo;
  context?: SelectionContext;
}

export type HostToWebviewMessage =
  | { type: 'state'; state: ChatState }
  /** Text appended to a streaming reply since the previous delta (coalesced: at most about one per frame). */
  | { type: 'delta'; conversationId: string; messageId: string; text: string }
  /** The authoritative final form of a message (a reply that ended, failed or was stopped). */
  | { type: 'messageUpdated'; conversationId: string; message: ChatMessageView }
  | { type: 'history'; history: ConversationSummary[] }
  | { type: 'context'; context?: SelectionContext }
  | { type: 'backend'; backend: BackendInfo }
  | { type: 'focusInput' }
  /** Text to put into the input box (for example the last user message, for editing). */
  | { type: 'setInput'; text: string };

export type WebviewToHostMessage =
  | { type: 'ready' }
  | { type: 'send'; text: string; includeContext: boolean }
  | { type: 'stop' }
  | { type: 'newChat' }
  | { type: 'retry' }
  | { type: 'regenerate' }
  | { type: 'continue' }
  | { type: 'editLast' }
  | { type: 'openConversation'; id: string }
  | { type: 'deleteConversation'; id: string }
  | { type: 'copyCode'; code: string }
  | { type: 'insertCode'; code: string }
  | { type: 'openLink'; href: string }
  | { type: 'dismissContext' }
  | { type: 'export' }
  | { type: 'selectModel' }
  | { type: 'errorAction'; action: ErrorAction };

/** The longest message text the host accepts; the webview refuses longer input before sending it. */
export const MAX_MESSAGE_LENGTH = 1_000_000;

function isString(value: unknown, max = MAX_MESSAGE_LENGTH): value is string {
  return typeof value === 'string' && value.length <= max;
}

/** Returns the message when it is well-formed, `undefined` otherwise. Never throws. */
export function parseWebviewMessage(value: unknown): WebviewToHostMessage | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const m = value as Record<string, unknown>;
  switch (m.type) {
    case 'ready':
    case 'stop':
    case 'newChat':
    case 'retry':
    case 'regenerate':
    case 'continue':
    case 'editLast':
    case 'dismissContext':
    case 'export':
    case 'selectModel':
      return { type: m.type };
    case 'send':
      return isString(m.text) && m.text.trim() !== '' && typeof m.includeContext === 'boolean'
        ? { type: 'send', text: m.text, includeContext: m.includeContext }
        : undefined;
    case 'openConversation':
    case 'deleteConversation':
      return isString(m.id, 200) && m.id !== '' ? { type: m.type, id: m.id } : undefined;
    case 'copyCode':
    case 'insertCode':
      return isString(m.code) ? { type: m.type, code: m.code } : undefined;
    case 'errorAction':
      return m.action === 'retry' || m.action === 'setApiKey' || m.action === 'openSettings'
        ? { type: 'errorAction', action: m.action }
        : undefined;
    case 'openLink':
      return isString(m.href, 8192) ? { type: 'openLink', href: m.href } : undefined;
    default:
      return undefined;
  }
}
