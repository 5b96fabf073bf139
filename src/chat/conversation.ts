// The conversation as the host keeps it, and the operations the chat performs on it. Plain data, so it renders in
// the webview without conversion; its file format is conversationFormat.ts, so the two can change apart.
import type { ChatMessageView, ConversationSummary, MessageStatus, ReplyError } from '../shared/protocol';
import type { ContextItem } from './contextItems';
import { t } from '../shared/l10n';

export interface Conversation {
  id: string;
  title: string;
  createdAt: number;
  updatedAt: number;
  messages: ChatMessageView[];
  /** Pinned context, sent with every request of the conversation; absent when none was added. */
  context?: ContextItem[];
}

/** The role/content pair a model receives; `system` carries the instructions. */
export interface PromptMessage {
  role: 'user' | 'assistant' | 'system';
  content: string;
}

/** The title of a conversation with no question yet, in the display language at the time it is given. */
export function untitled(): string {
  return t('New chat');
}
const TITLE_LENGTH = 60;

/**
 * A copy of the conversation that later changes to it do not reach. Its texts are shared (strings do not change),
 * so the copy costs little however long the conversation; a message's parts (error, stats, reasoning...) are flat.
 */
export function snapshotOf(conversation: Conversation): Conversation {
  const copy: Conversation = { ...conversation, messages: conversation.messages.map(copyMessage) };
  if (conversation.context) copy.context = structuredClone(conversation.context);
  return copy;
}

/** A copy of a message that later changes to the message (a reply streaming in) do not reach. */
export function copyMessage(message: ChatMessageView): ChatMessageView {
  const copy = { ...message };
  if (message.error) copy.error = { ...message.error };
  if (message.stats) copy.stats = { ...message.stats };
  if (message.reasoning) copy.reasoning = { ...message.reasoning };
  if (message.dropped) copy.dropped = { ...message.dropped };
  if (message.promptCut) copy.promptCut = { ...message.promptCut };
  return copy;
}

export function createConversation(now: number): Conversation {
  return { id: crypto.randomUUID(), title: untitled(), createdAt: now, updatedAt: now, messages: [] };
}

/** A short title from the first line of the first thing the user asked. */
export function titleFromText(text: string): string {
  const firstLine = text.split('\n').find((line) => line.trim() !== '') ?? '';
  const collapsed = firstLine.replace(/\s+/g, ' ').trim();
  if (collapsed === '') return untitled();
  return collapsed.length <= TITLE_LENGTH ? collapsed : `${collapsed.slice(0, TITLE_LENGTH - 1)}…`;
}

export function addUserMessage(conversation: Conversation, text: string, now: number): ChatMessageView {
  const message: ChatMessageView = { id: crypto.randomUUID(), role: 'user', text, status: 'complete', createdAt: now };
  if (!conversation.messages.some((m) => m.role === 'user')) conversation.title = titleFromText(text);
  conversation.messages.push(message);
  conversation.updatedAt = now;
  return message;
}

/** Adds an empty assistant message that a stream will fill. */
export function addReply(conversation: Conversation, now: number): ChatMessageView {
  const message: ChatMessageView = {
    id: crypto.randomUUID(),
    role: 'assistant',
    text: '',
    status: 'streaming',
    createdAt: now,
  };
  conversation.messages.push(message);
  conversation.updatedAt = now;
  return message;
}

/** Gives a reply its final status (and the error that ended it, if any): the conversation changed then. */
export function settleReply(
  conversation: Conversation,
  reply: ChatMessageView,
  now: number,
  status: MessageStatus,
  error?: ReplyError,
): void {
  reply.status = status;
  if (error) reply.error = error;
  else delete reply.error;
  conversation.updatedAt = now;
}

/**
 * Adds reasoning text to a reply and returns what was added. A continued reply's new reasoning starts a paragraph of
 * its own (`startsRequest`: the request's first reasoning text), so it does not run on from the earlier reasoning.
 */
export function appendReasoning(reply: ChatMessageView, text: string, startsRequest: boolean): string {
  const earlier = reply.reasoning?.text ?? '';
  const added = startsRequest && earlier !== '' ? `\n\n${text}` : text;
  reply.reasoning = { ...reply.reasoning, text: earlier + added };
  return added;
}

export function lastMessage(conversation: Conversation): ChatMessageView | undefined {
  return conversation.messages[conversation.messages.length - 1];
}

/** Removes the final assistant reply, if the conversation ends with one; returns it. */
export function removeTrailingReply(conversation: Conversation): ChatMessageView | undefined {
  const last = lastMessage(conversation);
  if (last?.role !== 'assistant') return undefined;
  conversation.messages.pop();
  return last;
}

/**
 * Removes the last user message and everything after it (its reply) and returns that message's text, so the user
 * can edit and resend it. `undefined` when there is no user message.
 */
export function removeLastExchange(conversation: Conversation, now: number): string | undefined {
  let index = conversation.messages.length - 1;
  while (index >= 0 && conversation.messages[index].role !== 'user') index--;
  if (index < 0) return undefined;
  const text = conversation.messages[index].text;
  conversation.messages.splice(index);
  conversation.updatedAt = now;
  if (conversation.messages.length === 0) conversation.title = untitled();
  return text;
}

/**
 * What the model is sent: every message in order, except assistant replies that carry no text (a reply that failed
 * before its first chunk says nothing the model should see). A reply's reasoning is never sent back: it is the
 * model's scratch work, and servers ask for it to be left out of the history.
 */
export function toPromptMessages(messages: readonly ChatMessageView[]): PromptMessage[] {
  return messages.filter(isSent).map((m) => ({ role: m.role, content: m.text }));
}

/** Whether a message goes into the prompt (`toPromptMessages`): every question, and the replies with text. */
export function isSent(message: ChatMessageView): boolean {
  return message.role === 'user' || message.text !== '';
}

/**
 * A stored conversation may have been saved while a reply was still arriving (the window closed mid-reply). No
 * stream is behind it any more: it is kept as an incomplete reply the user can continue.
 */
export function settleInterruptedReplies(conversation: Conversation): void {
  for (const message of conversation.messages) {
    if (message.status === 'streaming') message.status = 'incomplete';
  }
}

export function toSummary(conversation: Conversation): ConversationSummary {
  return {
    id: conversation.id,
    title: conversation.title,
    updatedAt: conversation.updatedAt,
    messageCount: conversation.messages.length,
  };
}
