// Conversations stored with many exchanges, for the tests of what is saved beside a conversation's file.
import path from 'node:path';
import { addReply, addUserMessage, createConversation, type Conversation } from '../../../src/chat/conversation';
import { ConversationStore } from '../../../src/chat/conversationStore';
import { RecordingLog } from './helpers';

/** A conversation of `turns` settled exchanges, saved, and a reply streaming at its end. */
export async function streamingInto(dir: string, turns: number) {
  const store = new ConversationStore(dir, new RecordingLog());
  const conversation = createConversation(1000);
  for (let turn = 0; turn < turns; turn++) {
    addUserMessage(conversation, `Question ${turn}`, 1000 + turn);
    const answer = addReply(conversation, 1000 + turn);
    answer.text = `Answer ${turn} `.repeat(50);
    answer.status = 'complete';
  }
  addUserMessage(conversation, 'Last question', 5000);
  await store.save(conversation);
  const reply = addReply(conversation, 5001);
  return { store, conversation, reply, file: path.join(dir, `${conversation.id}.json`) };
}

export function lastText(conversation: Conversation | undefined): string | undefined {
  return conversation?.messages.at(-1)?.text;
}

/** Asks `question` at `at` and saves it, then saves a reply holding `partial` so far, as the chat saves them. */
export async function askAndStream(
  store: ConversationStore,
  conversation: Conversation,
  question: string,
  partial: string,
  at: number,
) {
  await store.saveLatest(conversation, addUserMessage(conversation, question, at));
  const reply = addReply(conversation, at + 1);
  reply.text = partial;
  await store.saveLatest(conversation, reply);
  return reply;
}
