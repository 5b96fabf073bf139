// Every message between the extension host and the chat webview, declared once. The webview's requests are a table of
// fields, from which come their types, the host's validator and the shape of its dispatch; each request carries an
// id and the host answers it with a reply, so the webview can await the outcome. The host's notifications are one
// interface, from which come their union and the shape of the webview's dispatch.
import type { ContextView } from './contextView';
import type { SetupCardView } from './setupCardView';
import { list, oneOf, readFields, text, type Fields, type FieldValues } from './messageFields';
import {
  ERROR_ACTIONS,
  type BackendInfo,
  type ChatMessageView,
  type ChatState,
  type ConversationSummary,
} from './protocol';

/** The most files one drop pins; the webview sends no more than these. */
export const MAX_DROPPED_FILES = 100;

/** The longest message text the host accepts; the webview refuses longer input before sending it. */
export const MAX_MESSAGE_LENGTH = 1_000_000;

const conversationId = text(200, { nonBlank: true });
const code = text(MAX_MESSAGE_LENGTH);

/** What the webview may ask of the host, with each request's fields. */
export const WEBVIEW_REQUESTS = {
  /** The webview is listening: the host answers with the full state. */
  ready: {},
  send: { text: text(MAX_MESSAGE_LENGTH, { nonBlank: true }) },
  stop: {},
  newChat: {},
  retry: {},
  regenerate: {},
  continue: {},
  /** Puts the last question back into the input and removes it with its reply. */
  editLast: {},
  openConversation: { id: conversationId },
  /** The messages a state left out (`ChatState.earlier`): the host posts them as states of changes, a page each. */
  showEarlier: { conversationId },
  deleteConversation: { id: conversationId },
  copyCode: { code },
  insertCode: { code },
  /** Shows the code as a diff against its target (a file the block names, the pinned selection, the editor). */
  applyCode: { code, info: text(1000) },
  /** Opened by the host only when the scheme is openable (see ./links). */
  openLink: { href: text(8192) },
  /** Opens the Add Context picker; what the user picks is pinned to the conversation. */
  addContext: {},
  removeContext: { id: text(200, { nonBlank: true }) },
  /** Files dropped on the chat from VS Code's Explorer or editor tabs, as URIs; they are pinned as file chips. */
  dropFiles: { uris: list(text(8192, { nonBlank: true }), MAX_DROPPED_FILES) },
  /** Shows a context chip's file. */
  openContext: { id: text(200, { nonBlank: true }) },
  export: {},
  selectModel: {},
  errorAction: { action: oneOf(...ERROR_ACTIONS) },
  /** The setup card's choices: a local server it found with one of its models, a URL of the user's, or Vitalentum. */
  useLocalServer: { baseUrl: text(2048, { nonBlank: true }), model: text(1000, { nonBlank: true }) },
  useCustomUrl: {},
  keepVitalentum: {},
  /** Something the view fell back from (its code highlighter's worker would not start): the host logs it. */
  reportProblem: { message: text(2000) },
  /** Looks for local servers again. */
  findServers: {},
} as const satisfies Record<string, Fields>;

export type WebviewRequestType = keyof typeof WEBVIEW_REQUESTS;
export type RequestFields<K extends WebviewRequestType> = FieldValues<(typeof WEBVIEW_REQUESTS)[K]>;

/** A request as it travels: its type, its fields, and the id its reply will carry (none: no reply is wanted). */
export type WebviewToHostMessage = {
  [K in WebviewRequestType]: { type: K; requestId?: number } & RequestFields<K>;
}[WebviewRequestType];

/** How the host acts on each request; a handler that throws makes the reply an error. */
export type RequestHandlers = {
  [K in WebviewRequestType]: (request: RequestFields<K>) => Promise<void> | void;
};

/** What the host tells the webview, by message type. */
export interface HostNotifications {
  /** The whole state to render; sent after `ready` and whenever the view must be rebuilt. */
  state: { state: ChatState };
  /** Text appended to a streaming reply since the previous delta (coalesced: at most about one per frame). */
  delta: { conversationId: string; messageId: string; text: string };
  /** Reasoning appended to a streaming reply since the previous one, coalesced as deltas are. */
  reasoningDelta: { conversationId: string; messageId: string; text: string };
  /**
   * The authoritative final form of a message (a reply that ended, failed or was stopped). With `textFrom`, the
   * message's text is what follows the first `textFrom` characters of the text the webview holds for it (the states
   * and deltas posted to it): a long reply that streamed in is not posted again whole.
   */
  messageUpdated: { conversationId: string; message: ChatMessageView; textFrom?: number };
  history: { history: ConversationSummary[] };
  /** The conversation's context chips and the meter's figures, read afresh. */
  contextView: { view: ContextView };
  backend: { backend: BackendInfo };
  focusInput: Record<never, never>;
  /** Text to put into the input box (for example the last user message, for editing). */
  setInput: { text: string };
  /** The setup card to show, or none. */
  setupCard: { card?: SetupCardView };
  /** The outcome of the request with this id: done, or failed with the reason. */
  reply: { requestId: number; error?: string };
}

export type HostToWebviewMessage = {
  [K in keyof HostNotifications]: { type: K } & HostNotifications[K];
}[keyof HostNotifications];

/** How the webview acts on each notification. */
export type NotificationHandlers = {
  [K in keyof HostNotifications]: (message: HostNotifications[K]) => void;
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isRequestType(type: unknown): type is WebviewRequestType {
  return typeof type === 'string' && Object.hasOwn(WEBVIEW_REQUESTS, type);
}

/** The request when it is well-formed, `undefined` otherwise; fields it does not declare are dropped. Never throws. */
export function parseWebviewMessage(value: unknown): WebviewToHostMessage | undefined {
  if (!isRecord(value) || !isRequestType(value.type)) return undefined;
  const { type, requestId } = value;
  if (requestId !== undefined && !(Number.isSafeInteger(requestId) && (requestId as number) >= 0)) return undefined;
  const fields = readFields<Fields>(WEBVIEW_REQUESTS[type], value);
  if (!fields) return undefined;
  return { ...fields, type, ...(requestId === undefined ? {} : { requestId }) } as WebviewToHostMessage;
}

/** The id a malformed message asked to be answered under, so its sender can be told it was refused. */
export function requestIdOf(value: unknown): number | undefined {
  return isRecord(value) && Number.isSafeInteger(value.requestId) ? (value.requestId as number) : undefined;
}
