// The wait for the first word as a model gives it: a question sent, the model's time to first token, then its reply at
// a model's pace (test/bench/replyServer.ts, paceNext). Measured from the server's first content byte to the frame
// that shows that text, nothing typed meanwhile. The first words of a reply sent whole at once, right as the request
// arrives, are measured in the streamed runs too (long.firstTokenToScreenMs): there they share the machine with the
// question's own work and with the rest of the reply.
import type { Page } from 'playwright-core';
import type { ChatView } from '../support/ui';
import { startStreamProbe, stopStreamProbe, waitForNewReply } from './longProbes';
import type { ReplyServer } from './replyServer';

/** One question answered at a model's pace: the server's first content byte to its text on screen, in ms. */
export async function measureFirstToken(page: Page, chat: ChatView, replies: ReplyServer): Promise<number> {
  const previous = await chat.lastReply().getAttribute('data-message-id');
  const run = replies.requests() + 1;
  await chat.input.click();
  await chat.input.fill(`First token run ${run}`);
  await startStreamProbe(chat.frame, `Streamed reply ${run} begins here.`);
  replies.paceNext();
  await page.keyboard.press('Enter');
  await waitForNewReply(chat, previous);
  const probe = await stopStreamProbe(chat.frame);
  if (probe.firstShownAt === undefined) throw new Error('the first text of the reply was not seen');
  return probe.firstShownAt - replies.firstByteAt();
}
