// The chat as a person sees it in one webview (the panel or the sidebar): the input, the buttons, the messages.
import type { Frame, Locator } from 'playwright-core';
import type { VSCodeSession } from './uiSession';

const byTestId = (id: string) => `[data-testid="${id}"]`;

/**
 * The text a person sees in `target` (its innerText), read after the webview's next frame: a message lays out only
 * from the frame after it is added (content-visibility), and until then innerText reads it as empty.
 */
export async function renderedText(target: Locator): Promise<string> {
  return target.evaluate(async (element) => {
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    return (element as HTMLElement).innerText;
  });
}

/** `renderedText` of every element `targets` matches, in document order. */
export async function renderedTexts(targets: Locator): Promise<string[]> {
  return targets.evaluateAll(async (elements) => {
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    return elements.map((element) => (element as HTMLElement).innerText);
  });
}

/** The chat as a person sees it in one webview: the input, the buttons, the rendered messages. */
export class ChatView {
  constructor(readonly frame: Frame) {}

  /**
   * Waits for the chat webview (panel or sidebar) to show its input and the host's state, and returns it. Until the
   * state, a webview shown anew lists none of the conversation's messages, and a reply that arrives with the state
   * would pass for the answer to a question asked before it.
   */
  static async find(
    session: VSCodeSession,
    where: 'panel' | 'sidebar' | 'any' = 'any',
    timeoutMs?: number,
  ): Promise<ChatView> {
    const frame = await session.webviewFrame(byTestId('input'), where, timeoutMs);
    await frame.waitForSelector(`${byTestId('message-list')}:not([aria-busy])`, { timeout: 20_000 });
    return new ChatView(frame);
  }

  by(testId: string) {
    return this.frame.locator(byTestId(testId));
  }

  get input() {
    return this.by('input');
  }

  messages(role?: 'user' | 'assistant') {
    return this.frame.locator(role ? `${byTestId('message')}[data-role="${role}"]` : byTestId('message'));
  }

  lastReply() {
    return this.messages('assistant').last();
  }

  /** Types as a person would and presses Enter. */
  async send(text: string): Promise<void> {
    await this.input.click();
    await this.input.fill(text);
    await this.input.press('Enter');
  }

  /**
   * Sends `text` and waits until the reply to it (not the one on screen before) has settled in `status`; returns
   * its text. `waitForReply` alone would return at once when the previous reply already has that status.
   */
  async sendAndWait(text: string, status = 'complete', timeoutMs = 60_000): Promise<string> {
    const previous =
      (await this.messages('assistant').count()) > 0 ? await this.lastReply().getAttribute('data-message-id') : null;
    await this.send(text);
    return this.waitForNewReply(previous, status, timeoutMs);
  }

  /** Waits until the last reply is another than `previousId` (a new or regenerated one) and has `status`. */
  async waitForNewReply(previousId: string | null, status: string, timeoutMs = 60_000): Promise<string> {
    await this.frame.waitForFunction(
      ([id, wanted]) => {
        const replies = document.querySelectorAll('[data-testid="message"][data-role="assistant"]');
        const last = replies[replies.length - 1];
        return (
          last !== undefined &&
          last.getAttribute('data-message-id') !== id &&
          last.getAttribute('data-status') === wanted
        );
      },
      [previousId, status] as const,
      { timeout: timeoutMs },
    );
    return this.replyText();
  }

  async replyText(reply = this.lastReply()): Promise<string> {
    return renderedText(reply.locator(byTestId('message-body')));
  }

  /** Waits until the last reply has `status` (one of ChatMessageView's statuses) and returns its visible text. */
  async waitForReply(status: string | RegExp, timeoutMs = 20_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    const wanted = (s: string | null) => (typeof status === 'string' ? s === status : status.test(s ?? ''));
    for (;;) {
      const reply = this.lastReply();
      const current = (await reply.count()) > 0 ? await reply.getAttribute('data-status') : null;
      if (wanted(current)) return this.replyText(reply);
      if (Date.now() > deadline) throw new Error(`the last reply is "${current}" after ${timeoutMs} ms, not ${status}`);
      await this.frame.waitForTimeout(50);
    }
  }

  /** The visible text of the reply each time it changes, until it stops streaming. */
  async watchReply(timeoutMs = 20_000): Promise<{ snapshots: string[]; status: string }> {
    const snapshots: string[] = [];
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const reply = this.lastReply();
      const status = (await reply.count()) > 0 ? ((await reply.getAttribute('data-status')) ?? '') : '';
      if (status !== '') {
        const text = await this.replyText(reply);
        if (snapshots.at(-1) !== text) snapshots.push(text);
        if (status !== 'streaming') return { snapshots, status };
      }
      if (Date.now() > deadline) throw new Error(`the reply was still streaming after ${timeoutMs} ms`);
      await this.frame.waitForTimeout(30);
    }
  }
}
