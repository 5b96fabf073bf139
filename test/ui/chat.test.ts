// The chat as a person uses it: the palette, typing, Enter, watching the answer stream, Stop, a window reload,
// Explain Selection, the sidebar, code-block actions. Every assertion is on what the chat shows or what the local
// server received.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe } from 'node:test';
import { STOP_DEADLINE_MS } from '../support/deadline';
import type { ProtocolServer } from '../support/protocolServer';
import { ChatView, it, renderedText, renderedTexts, useChatSuite, type VSCodeSession } from '../support/ui';
import { waitForFile } from '../support/waitForFile';

function lastHumanText(server: ProtocolServer): string {
  const history = server.requests.filter((r) => r.path === '/api/converse-edge').at(-1)?.history ?? [];
  return history.filter((h) => h.speaker === 'human').at(-1)?.text ?? '';
}

describe('chatting in the panel', () => {
  const suite = useChatSuite('chat', { server: { paceMs: 2 }, openChat: false });

  it('opens from the palette with the input focused', async () => {
    await suite.vscode.runCommand('Ask Vitalentum');
    suite.chat = await ChatView.find(suite.vscode, 'panel');
    await suite.chat.frame.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'input');
    assert.equal(await suite.vscode.page.locator('.tab.active').innerText(), 'Vitalentum');
  });

  it('streams the answer into the chat as it arrives', async () => {
    await suite.chat.send('How do I compute Fibonacci numbers? [pace:25]');
    assert.match(await renderedText(suite.chat.messages('user').last()), /How do I compute/);
    const { snapshots, status } = await suite.chat.watchReply();
    assert.equal(status, 'complete');
    // The answer grew on screen in several steps, each a prefix of the next.
    assert.ok(snapshots.length >= 4, `only ${snapshots.length} distinct states were seen`);
    assert.ok(snapshots[0].length < snapshots.at(-1)!.length);
    const final = snapshots.at(-1)!;
    assert.match(final, /Fibonacci/);
    // Rendered markdown: a list and a highlighted code block with its buttons.
    const reply = suite.chat.lastReply();
    assert.ok((await reply.locator('li').count()) >= 2);
    assert.match(await reply.locator('pre code').first().innerText(), /function fibonacci/);
    assert.ok((await reply.locator('pre code .hljs-keyword').count()) > 0, 'the code block is not highlighted');
    assert.equal(await reply.locator('[data-testid="code-copy"]').count(), 1);
    assert.equal(lastHumanText(suite.server), 'How do I compute Fibonacci numbers? [pace:25]');
    await suite.vscode.screenshot('chat-panel-dark');
  });

  it('highlights a long code block as it streams, and checks it whole in its worker once the reply ends', async () => {
    // A piece at a time on the main thread (src/webview-ui/markdown/streamingCode.ts), then whole in the worker.
    const code = Array.from({ length: 200 }, (_, i) => `const value${i} = compute(${i});`).join('\n');
    await suite.chat.sendAndWait(`[pace:0] [echo] \`\`\`ts\n${code}\n\`\`\``);
    const block = suite.chat.lastReply().locator('pre code');
    await block.locator('.hljs-keyword').first().waitFor({ timeout: 10_000 });
    assert.equal((await block.textContent())?.trim(), code);
    // Had the worker not started (the page's policy, say), the chat would say so in its log and highlight here.
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.doesNotMatch(suite.vscode.chatLog(), /highlighted on the chat's main thread/);
  });

  it('adds the lines of a streaming code block to it, and never renders again the lines it shows', async () => {
    const code = Array.from({ length: 150 }, (_, i) => `let value${i} = compute(${i}); // line ${i}`).join('\n');
    // Counts the highlighted tokens taken out of the page while the reply streams: each frame rendered the open block
    // again whole, every token of it, before its lines were added a piece at a time.
    await suite.chat.frame.evaluate(() => {
      const probe = window as unknown as { removedTokens: number; tokenProbe: MutationObserver };
      probe.removedTokens = 0;
      probe.tokenProbe = new MutationObserver((records) => {
        for (const node of records.flatMap((record) => [...record.removedNodes])) {
          if (!(node instanceof Element)) continue;
          probe.removedTokens +=
            node.querySelectorAll('[class^="hljs-"]').length + (node.matches('[class^="hljs-"]') ? 1 : 0);
        }
      });
      probe.tokenProbe.observe(document.body, { childList: true, subtree: true });
    });
    const previous = await suite.chat.lastReply().getAttribute('data-message-id');
    await suite.chat.send(`[pace:1] [echo] \`\`\`ts\n${code}\n\`\`\``);
    await suite.chat.lastReply().locator('pre code .code-lines').nth(20).waitFor({ timeout: 10_000 });
    await suite.vscode.screenshot('chat-code-block-streaming');
    await suite.chat.waitForNewReply(previous, 'complete');
    const removed = await suite.chat.frame.evaluate(() => {
      const probe = window as unknown as { removedTokens: number; tokenProbe: MutationObserver };
      probe.tokenProbe.disconnect();
      return probe.removedTokens;
    });
    const block = suite.chat.lastReply().locator('pre code');
    assert.equal((await block.textContent())?.trim(), code);
    assert.equal(await block.locator('.hljs-keyword').count(), 150);
    assert.equal(removed, 0, `${removed} highlighted tokens were rendered again`);
  });

  it('Stop ends the reply at once and keeps what arrived', async () => {
    // A word every 5 s, 40 s in all: with no word due within STOP_DEADLINE_MS of the click, only a Stop that aborts
    // the request can end the reply and free its socket in time.
    await suite.chat.send('A slow one please [chunks:8] [pace:5000]');
    await suite.chat.frame.waitForFunction(() => {
      const replies = document.querySelectorAll('[data-testid="message"][data-role="assistant"]');
      const last = replies[replies.length - 1];
      return last?.getAttribute('data-status') === 'streaming' && (last.textContent ?? '').includes('w0');
    });
    await suite.chat.by('stop').click();
    const kept = await suite.chat.waitForReply('stopped', STOP_DEADLINE_MS);
    assert.match(kept, /^w0/);
    assert.ok(!kept.includes('w7'), 'the reply ran to the end although it was stopped');
    await suite.server.allConnectionsClosed(STOP_DEADLINE_MS);
    await suite.chat.frame.waitForTimeout(300);
    assert.equal(await suite.chat.replyText(), kept, 'text kept arriving after Stop');
    assert.equal(await suite.chat.by('stop').isVisible(), false);
  });

  it('keeps the conversation across a window reload', async () => {
    const before = await renderedTexts(suite.chat.messages());
    await suite.vscode.reload();
    suite.chat = await ChatView.find(suite.vscode, 'panel');
    await suite.chat
      .messages()
      .nth(before.length - 1)
      .waitFor();
    const after = await renderedTexts(suite.chat.messages());
    assert.equal(after.length, before.length);
    assert.match(after[1], /Fibonacci/);
    assert.match(after.at(-1)!, /w0/);
    assert.equal(await suite.chat.lastReply().getAttribute('data-status'), 'stopped');
  });

  it('shows after a reload the conversation it showed last, though it changed just before', async () => {
    // A browser reload can come before VS Code has stored the webview's latest state; the panel keeps its own record.
    for (const question of ['A second conversation [echo] second', 'A third one [echo] third']) {
      await suite.chat.by('new-chat').click();
      await suite.chat.by('message').first().waitFor({ state: 'detached' });
      await suite.chat.sendAndWait(question);
    }
    await suite.vscode.reload('page');
    suite.chat = await ChatView.find(suite.vscode, 'panel');
    await suite.chat.messages().first().waitFor();
    const shown = await renderedTexts(suite.chat.messages());
    assert.equal(shown.length, 2, shown.join(' | '));
    assert.match(shown[0], /A third one/);
  });

  it('Explain Selection pins the selected code as a chip, sent with its file name and language', async () => {
    await suite.vscode.openFile('fibonacci.ts');
    await suite.vscode.page.keyboard.press('Control+A');
    const requestsBefore = suite.server.requests.length;
    await suite.vscode.runCommand('Vitalentum: Explain Selection');
    suite.chat = await ChatView.find(suite.vscode, 'panel');
    // The conversation ends with the explain question and its finished answer; the code is in a chip.
    await suite.chat.frame.waitForFunction(() => {
      const messages = [...document.querySelectorAll('[data-testid="message"]')];
      const [question, answer] = messages.slice(-2);
      return (
        question?.textContent?.includes('Explain this code.') && answer?.getAttribute('data-status') === 'complete'
      );
    });
    await suite.chat.by('context-item').filter({ hasText: 'fibonacci.ts:1-7' }).waitFor();
    assert.equal(suite.server.requests.length, requestsBefore + 1);
    assert.equal(lastHumanText(suite.server), 'Explain this code.');
    // The selection goes ahead of the history, so a follow-up question still has it.
    const prompt = suite.server.requests.at(-1)?.history?.[0]?.text ?? '';
    assert.match(prompt, /fibonacci\.ts \(lines 1-7\)/);
    assert.match(prompt, /typescript/);
    assert.ok(prompt.includes('```'), 'the code is not fenced');
    assert.ok(prompt.includes(readFileSync(path.join(suite.vscode.workspace, 'fibonacci.ts'), 'utf8').trim()));
  });

  it('Explain Selection without a selection says so and sends nothing', async () => {
    await suite.vscode.openFile('fibonacci.ts');
    await suite.vscode.page.keyboard.press('Control+Home');
    const requestsBefore = suite.server.requests.length;
    await suite.vscode.runCommand('Vitalentum: Explain Selection');
    const toast = suite.vscode.page.locator('.notifications-toasts .notification-toast', { hasText: /select/i });
    await toast.first().waitFor();
    await suite.vscode.page.waitForTimeout(300);
    assert.equal(suite.server.requests.length, requestsBefore);
  });

  it('Insert at Cursor puts a code block into the editor; Copy puts it on the clipboard', async () => {
    await suite.vscode.openFile('fibonacci.ts');
    await suite.vscode.page.keyboard.press('Control+End');
    await suite.vscode.page.keyboard.press('Enter');
    await suite.vscode.runCommand('Ask Vitalentum');
    suite.chat = await ChatView.find(suite.vscode, 'panel');
    await suite.chat.sendAndWait('Show me the code');
    const code = (await suite.chat.lastReply().locator('pre code').first().textContent()) ?? '';
    await suite.chat.lastReply().locator('[data-testid="code-insert"]').click();
    // The chat covered the file in the same editor group: the file comes back to the front with the code in it.
    await suite.vscode.page.locator('.editor-group-container.active .view-lines', { hasText: 'RangeError' }).waitFor();
    await suite.vscode.runCommand('File: Save');
    const saved = await waitForFile(path.join(suite.vscode.workspace, 'fibonacci.ts'), (text) =>
      text.includes('RangeError'),
    );
    assert.ok(saved.includes("throw new RangeError('n must not be negative')"), saved);
    assert.ok(
      saved.startsWith('export function fibonacci(n: number): number {\n  let [a, b]'),
      'the file was overwritten',
    );
    // Back to the chat, which rebuilt itself from the host's state when it was shown again.
    await suite.vscode.runCommand('Ask Vitalentum');
    suite.chat = await ChatView.find(suite.vscode, 'panel');
    await suite.chat.lastReply().locator('[data-testid="code-copy"]').click();
    await suite.vscode.page.waitForTimeout(300);
    const clipboard = await suite.vscode.page.evaluate(() => navigator.clipboard.readText());
    assert.equal(clipboard.trim(), code.trim());
  });
});

/**
 * Reloads the window and finds the sidebar chat. VS Code in the browser sometimes restores the view without ever
 * asking the extension to resolve it (about one reload in three here, with this extension's earlier code too): the
 * view stays blank, and hiding and showing it does not help. A person reloads again, and so does this, up to three times.
 */
async function reloadToSidebar(vscode: VSCodeSession): Promise<ChatView> {
  for (let attempt = 1; ; attempt++) {
    await vscode.reload('page');
    try {
      return await ChatView.find(vscode, 'sidebar', 15_000);
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}

describe('chatting in the sidebar', () => {
  const suite = useChatSuite('sidebar', { server: { paceMs: 1 }, colorScheme: 'light', openChat: false });

  it('answers in the activity bar view', async () => {
    await suite.vscode.page.locator('.activitybar [aria-label^="Vitalentum"]').first().click();
    suite.chat = await ChatView.find(suite.vscode, 'sidebar');
    const text = await suite.chat.sendAndWait('Hello from the sidebar');
    assert.match(text, /Fibonacci/);
    assert.equal(lastHumanText(suite.server), 'Hello from the sidebar');
    await suite.vscode.screenshot('chat-sidebar-light');
  });

  it('shares its conversations with the panel, whose history reopens them', async () => {
    await suite.vscode.runCommand('Ask Vitalentum');
    const panel = await ChatView.find(suite.vscode, 'panel');
    await panel.by('history').click();
    const item = panel.by('history-item').filter({ hasText: 'Hello from the sidebar' });
    await item.locator('[data-testid="history-open"]').click();
    await panel.messages('user').first().waitFor();
    assert.match(await renderedText(panel.messages('user').first()), /Hello from the sidebar/);
    assert.match(await panel.replyText(), /Fibonacci/);
    await suite.vscode.screenshot('chat-panel-light');
  });

  it('shows after a reload the conversation it showed last', async () => {
    const sidebar = await ChatView.find(suite.vscode, 'sidebar');
    await sidebar.by('new-chat').click();
    await sidebar.by('message').first().waitFor({ state: 'detached' });
    await sidebar.sendAndWait('A second sidebar question [echo] second');
    suite.chat = await reloadToSidebar(suite.vscode);
    await suite.chat.messages().first().waitFor();
    const shown = await renderedTexts(suite.chat.messages());
    assert.equal(shown.length, 2, shown.join(' | '));
    assert.match(shown[0], /A second sidebar question/);
    await suite.vscode.screenshot('chat-sidebar-after-reload');
  });
});
