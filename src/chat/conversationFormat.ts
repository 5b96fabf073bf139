// The conversation file format: versioned types of its own, read from every version ever written and mapped to and
// from the conversation the chat works with, so the view model can change without breaking anyone's history.
import {
  ERROR_ACTIONS,
  REPLY_ERROR_KINDS,
  type ChatMessageView,
  type PromptCut,
  type ReplyError,
  type ReplyReasoning,
  type ReplyStats,
} from '../shared/protocol';
import { settleInterruptedReplies, type Conversation } from './conversation';
import type { ContextItem } from './contextItems';
import { readContextItems, toStoredContext, type StoredContextItem } from './contextFormat';

/**
 * The version this code writes. Versions 1 (no `version` field: files written before it existed) and 2 name the
 * stats' protocol `backend`; 3 renamed it, so older code, which would drop it, leaves these files alone. 4 added the
 * reply's reasoning and the stats' token counts and finish reason, which version 3 code would drop on saving. 5 added
 * the conversation's pinned context (files, selections, problems), which version 4 code would drop. 6 added the note
 * that the server cut a reply's prompt, which version 5 code would drop. 7 added a problems chip's captured problems,
 * which version 6 code would drop.
 */
export const FORMAT_VERSION = 7;

/** The versions this code reads: every one ever written. */
const READABLE_VERSIONS: readonly unknown[] = [1, 2, 3, 4, 5, 6, FORMAT_VERSION];

const ID_PATTERN = /^[A-Za-z0-9-]{1,100}$/;
const STATUSES = ['streaming', 'complete', 'stopped', 'incomplete', 'error'] as const;

type StoredStatus = (typeof STATUSES)[number];

export interface StoredError {
  kind: (typeof REPLY_ERROR_KINDS)[number];
  message: string;
  action?: (typeof ERROR_ACTIONS)[number];
  detail?: string;
  retryAfterSeconds?: number;
}

export interface StoredStats {
  protocol: string;
  model?: string;
  firstChunkMs?: number;
  durationMs: number;
  chunks: number;
  chars: number;
  promptTokens?: number;
  completionTokens?: number;
  finishReason?: string;
}

export interface StoredReasoning {
  text: string;
  durationMs?: number;
}

export interface StoredPromptCut {
  sentTokens: number;
  countedTokens: number;
}

export interface StoredMessage {
  id: string;
  role: 'user' | 'assistant';
  text: string;
  status: StoredStatus;
  createdAt: number;
  error?: StoredError;
  stats?: StoredStats;
  reasoning?: StoredReasoning;
  promptCut?: StoredPromptCut;
}

export interface StoredConversation {
  version: typeof FORMAT_VERSION;
  id: string;
  title: string;
  createdAt: number;
  updatedAt: number;
  messages: StoredMessage[];
  context?: StoredContextItem[];
}

/** Ids come from the webview too; only these can name a file in the store's folder. */
export function isValidConversationId(id: string): boolean {
  return ID_PATTERN.test(id);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optional<T>(value: unknown, type: 'string' | 'number'): T | undefined {
  return typeof value === type ? (value as T) : undefined;
}

/** Only the fields this version knows are copied, in one order, so equal messages serialize equally. */
function toStoredError(error: ReplyError | StoredError): StoredError {
  const { kind, message, action, detail, retryAfterSeconds } = error;
  return {
    kind,
    message,
    ...(action === undefined ? {} : { action }),
    ...(detail === undefined ? {} : { detail }),
    ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
  };
}

function toStoredStats(stats: ReplyStats | StoredStats): StoredStats {
  const { protocol, model, firstChunkMs, durationMs, chunks, chars, promptTokens, completionTokens, finishReason } =
    stats;
  return {
    protocol,
    ...(model === undefined ? {} : { model }),
    ...(firstChunkMs === undefined ? {} : { firstChunkMs }),
    durationMs,
    chunks,
    chars,
    ...(promptTokens === undefined ? {} : { promptTokens }),
    ...(completionTokens === undefined ? {} : { completionTokens }),
    ...(finishReason === undefined ? {} : { finishReason }),
  };
}

function toStoredReasoning({ text, durationMs }: ReplyReasoning | StoredReasoning): StoredReasoning {
  return { text, ...(durationMs === undefined ? {} : { durationMs }) };
}

function toStoredPromptCut({ sentTokens, countedTokens }: PromptCut | StoredPromptCut): StoredPromptCut {
  return { sentTokens, countedTokens };
}

export function toStoredMessage(message: ChatMessageView): StoredMessage {
  const { id, role, text, status, createdAt, error, stats, reasoning, promptCut } = message;
  return {
    id,
    role,
    text,
    status,
    createdAt,
    ...(error ? { error: toStoredError(error) } : {}),
    ...(stats ? { stats: toStoredStats(stats) } : {}),
    ...(reasoning ? { reasoning: toStoredReasoning(reasoning) } : {}),
    ...(promptCut ? { promptCut: toStoredPromptCut(promptCut) } : {}),
  };
}

export function toStored(conversation: Conversation): StoredConversation {
  const { id, title, createdAt, updatedAt, messages, context } = conversation;
  return {
    version: FORMAT_VERSION,
    id,
    title,
    createdAt,
    updatedAt,
    messages: messages.map(toStoredMessage),
    ...(context && context.length > 0 ? { context: context.map(toStoredContext) } : {}),
  };
}

/**
 * The conversation as the chat sees it. A reply stored while still arriving has no stream behind it in the window
 * that reads it: it is shown as incomplete, and can be continued.
 */
export function fromStored(stored: StoredConversation): Conversation {
  const { id, title, createdAt, updatedAt } = stored;
  const messages = stored.messages.map((message): ChatMessageView => ({
    ...message,
    ...(message.error ? { error: { ...message.error } } : {}),
    ...(message.stats ? { stats: { ...message.stats } } : {}),
    ...(message.reasoning ? { reasoning: { ...message.reasoning } } : {}),
    ...(message.promptCut ? { promptCut: { ...message.promptCut } } : {}),
  }));
  const context = stored.context?.map((item): ContextItem => ({ ...item }));
  const conversation = { id, title, createdAt, updatedAt, messages, ...(context ? { context } : {}) };
  settleInterruptedReplies(conversation);
  return conversation;
}

function readError(value: unknown): StoredError | undefined {
  if (!isRecord(value) || typeof value.message !== 'string') return undefined;
  const kind = REPLY_ERROR_KINDS.find((k) => k === value.kind);
  if (!kind) return undefined;
  return toStoredError({
    kind,
    message: value.message,
    action: ERROR_ACTIONS.find((a) => a === value.action),
    detail: optional<string>(value.detail, 'string'),
    retryAfterSeconds: optional<number>(value.retryAfterSeconds, 'number'),
  });
}

function readStats(value: unknown): StoredStats | undefined {
  if (!isRecord(value)) return undefined;
  // Versions 1 and 2 named it `backend`.
  const protocol = value.protocol ?? value.backend;
  const { durationMs, chunks, chars } = value;
  if (typeof protocol !== 'string') return undefined;
  if (typeof durationMs !== 'number' || typeof chunks !== 'number' || typeof chars !== 'number') return undefined;
  return toStoredStats({
    protocol,
    model: optional<string>(value.model, 'string'),
    firstChunkMs: optional<number>(value.firstChunkMs, 'number'),
    durationMs,
    chunks,
    chars,
    promptTokens: optional<number>(value.promptTokens, 'number'),
    completionTokens: optional<number>(value.completionTokens, 'number'),
    finishReason: optional<string>(value.finishReason, 'string'),
  });
}

function readReasoning(value: unknown): StoredReasoning | undefined {
  if (!isRecord(value) || typeof value.text !== 'string') return undefined;
  return toStoredReasoning({ text: value.text, durationMs: optional<number>(value.durationMs, 'number') });
}

function readPromptCut(value: unknown): StoredPromptCut | undefined {
  if (!isRecord(value)) return undefined;
  const { sentTokens, countedTokens } = value;
  if (typeof sentTokens !== 'number' || typeof countedTokens !== 'number') return undefined;
  return toStoredPromptCut({ sentTokens, countedTokens });
}

/** A message of any version this code knows. Details that fail to read are dropped; the message is kept. */
function readMessage(value: unknown): StoredMessage | undefined {
  if (!isRecord(value)) return undefined;
  const { id, role, text, createdAt } = value;
  const status = STATUSES.find((s) => s === value.status);
  if (typeof id !== 'string' || (role !== 'user' && role !== 'assistant') || typeof text !== 'string') return undefined;
  if (!status || typeof createdAt !== 'number') return undefined;
  const error = value.error === undefined ? undefined : readError(value.error);
  const stats = value.stats === undefined ? undefined : readStats(value.stats);
  const reasoning = value.reasoning === undefined ? undefined : readReasoning(value.reasoning);
  const promptCut = value.promptCut === undefined ? undefined : readPromptCut(value.promptCut);
  return {
    id,
    role,
    text,
    status,
    createdAt,
    ...(error ? { error } : {}),
    ...(stats ? { stats } : {}),
    ...(reasoning ? { reasoning } : {}),
    ...(promptCut ? { promptCut } : {}),
  };
}

/** A file written by a later version of this format: it may hold what this code would drop, so it is not rewritten. */
export function isNewerFormat(value: unknown): boolean {
  return isRecord(value) && typeof value.version === 'number' && value.version > FORMAT_VERSION;
}

/**
 * Reads a parsed conversation file of any version this code knows (version 1 has no `version` field, as written
 * before the format had one). `undefined` when the value is not a conversation of any of them.
 */
export function readStoredConversation(value: unknown): StoredConversation | undefined {
  if (!isRecord(value)) return undefined;
  const version = value.version ?? 1;
  if (!READABLE_VERSIONS.includes(version)) return undefined;
  const { id, title, createdAt, updatedAt } = value;
  if (typeof id !== 'string' || !isValidConversationId(id)) return undefined;
  if (typeof title !== 'string' || typeof createdAt !== 'number' || typeof updatedAt !== 'number') return undefined;
  if (!Array.isArray(value.messages)) return undefined;
  const messages = value.messages.map(readMessage);
  if (!messages.every((m): m is StoredMessage => m !== undefined)) return undefined;
  const context = readContextItems(value.context);
  return { version: FORMAT_VERSION, id, title, createdAt, updatedAt, messages, ...(context ? { context } : {}) };
}
