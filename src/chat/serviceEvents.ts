// What the chat service reports to the views that show its conversations, and the context they may change.
import type { ChatMessageView } from '../shared/protocol';
import type { ContextItem } from './contextItems';

/** The context pinned to a conversation, as a view's change to it receives and returns it. */
export type PinnedContext = ContextItem[];

export type ChatEvent =
  | { type: 'delta'; conversationId: string; messageId: string; text: string }
  | { type: 'reasoningDelta'; conversationId: string; messageId: string; text: string }
  | { type: 'messageUpdated'; conversationId: string; message: ChatMessageView }
  /** Messages were added or removed: views showing the conversation rebuild from the full state. */
  | { type: 'conversationChanged'; conversationId: string }
  /** The pinned context changed: views showing the conversation refresh their chips. */
  | { type: 'contextChanged'; conversationId: string }
  | { type: 'conversationDeleted'; conversationId: string }
  | { type: 'historyChanged' }
  | { type: 'streamingChanged'; streaming: boolean };
