// Export a chat as Markdown, then Import Chat, in the real VS Code as a person would: the export names where the chat
// came from without the credentials in the base URL, and the import gives back the same conversation, on screen and
// on disk, as a new one in the history. A file that is not an export is refused with the reason.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe } from 'node:test';
import { ConversationStore } from '../../src/chat/conversationStore';
import { toStored, type StoredConversation } from '../../src/chat/conversationFormat';
import { STOP_DEADLINE_MS } from '../support/deadline';
import { ChatView, it, useChatSuite, type VSCodeSession } from '../support/ui';
import { conversationsDir } from '../support/uiHardening';
import { activeEditorText, editUserSettings, readSettings } from '../support/uiPower';

const USER = 'exporter';
const PASSWORD = `pa55-${Math.random().toString(36).slice(2)}`;

/**
 * The conversations the store holds on disk, oldest first, as any window reads them: each file with the latest
 * exchanges saved beside it.
 */
async function storedConversations(session: VSCodeSession): Promise<StoredConversation[]> {
  const fail = (line: string) => assert.fail(`the store could not read its files: ${line}`);
  const log = { trace: () => undefined, info: () => undefined, warn: fail, error: fail };
  const store = new ConversationStore(conversationsDir(session), log);
  const stored: StoredConversation[] = [];
  for (const { id } of await store.list()) {
    const conversation = await store.load(id);
    if (conversation) stored.push(toStored(conversation));
  }
  return stored.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}

async function waitForStored(session: VSCodeSession, count: number): Promise<StoredConversation[]> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const stored = await storedConversations(session);
    if (stored.length >= count) return stored;
    if (Date.now() > deadline) throw new Error(`the store holds ${stored.length} conversations, not ${count}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The conversation with its own and its messages' ids left out: an import gives them anew. */
const withoutIds = (conversation: StoredConversation): unknown =>
  JSON.parse(JSON.stringify(conversation, (key, value: unknown) => (key === 'id' ? undefined : value)));

/** Runs Import Chat and types the file's path into VS Code's own open dialog (a quick input in the browser). */
async function importFile(session: VSCodeSession, file: string): Promise<void> {
  await session.runCommand('Vitalentum: Import Chat', { opensPicker: true });
  const input = session.page.locator('.quick-input-widget input');
  // The dialog fills in its folder once that is listed; a path typed before would be replaced.
  await session.page.locator('.quick-input-widget .monaco-list-row').first().waitFor();
  await input.fill(file);
  await session.page.waitForFunction(
    (typed) => document.querySelector<HTMLInputElement>('.quick-input-widget input')?.value === typed,
    file,
  );
  await input.press('Enter');
  await input.waitFor({ state: 'hidden' });
}

describe('export a chat, then import it', () => {
  const suite = useChatSuite('exportImport', {
    server: { paceMs: 1, models: ['local-model'] },
    settings: { 'vitalentum.provider': 'openai-compatible', 'vitalentum.model': 'local-model' },
    // The base URL carries a user and password, which the export must leave out.
    beforeChat: (vscode) =>
      editUserSettings(vscode, {
        ...readSettings(vscode),
        'vitalentum.baseUrl': `${suite.server.url.replace('http://', `http://${USER}:${PASSWORD}@`)}/v1`,
      }),
  });

  it('export names the chat’s source without credentials; import gives back the same conversation', async () => {
    const { chat } = suite;
    await chat.sendAndWait('Explain Fibonacci [reasoning:3] [usage]');
    await chat.sendAndWait('Count [chunks:5] [finish:length] [usage]');
    await chat.sendAndWait('Fail [fault:500]', 'error');
    await chat.send('Go on for long [chunks:1000] [pace:40]');
    await chat.frame.waitForFunction(() =>
      (document.querySelector('[data-status="streaming"]')?.textContent ?? '').includes('w3 '),
    );
    await chat.by('stop').click();
    await chat.waitForReply('stopped', STOP_DEADLINE_MS);
    const onScreen = (view: ChatView) =>
      view.frame.evaluate(() =>
        [...document.querySelectorAll('[data-testid="message"]')].map((m) => ({
          role: m.getAttribute('data-role'),
          status: m.getAttribute('data-status'),
          text: m.querySelector('[data-testid="message-body"]')?.textContent,
          reasoning: m.querySelector('[data-testid="reasoning"]')?.textContent,
          errorKind: m.querySelector('[data-testid="error-box"]')?.getAttribute('data-error-kind'),
        })),
      );
    const shown = await onScreen(chat);
    assert.equal(shown.length, 8);
    const originalIds = await chat
      .messages()
      .evaluateAll((all) => all.map((m) => m.getAttribute('data-message-id') ?? ''));
    const [original] = await waitForStored(suite.vscode, 1);

    await chat.by('export').click();
    await suite.vscode.page.locator('.tab.active', { hasText: 'Untitled-1' }).waitFor();
    const exported = await activeEditorText(suite.vscode);
    assert.ok(exported.startsWith('---\n{\n  "format": "ask-vitalentum-chat",\n  "version": 1,'), exported);
    assert.ok(exported.includes(`"baseUrl": "${suite.server.url}/v1",`), exported.slice(0, 600));
    assert.ok(!exported.includes(PASSWORD) && !exported.includes(USER), 'the export shows the credentials');
    for (const expected of ['"model": "local-model"', '"finishReason": "length"', '"promptTokens": 42']) {
      assert.ok(exported.includes(expected), `the export lacks ${expected}`);
    }
    assert.match(exported, /<details><summary>Thinking<\/summary>\n\n<!-- [\w-]+ 2 thinking -->\nr0 r1 r2/);
    const file = path.join(suite.vscode.workspace, 'fibonacci-chat.md');
    writeFileSync(file, exported);

    // The export covered the chat panel, whose webview is gone until the import shows the panel again.
    await importFile(suite.vscode, file);
    suite.chat = await ChatView.find(suite.vscode, 'panel');
    await suite.chat.frame.waitForFunction((ids) => {
      const shownIds = [...document.querySelectorAll('[data-testid="message"]')].map((m) =>
        m.getAttribute('data-message-id'),
      );
      return shownIds.length === ids.length && shownIds.every((id) => !ids.includes(id ?? ''));
    }, originalIds);
    assert.deepEqual(await onScreen(suite.chat), shown);
    const stored = await waitForStored(suite.vscode, 2);
    const imported = stored.find((c) => c.id !== original.id);
    assert.ok(imported, 'the import is not a new conversation in the store');
    assert.deepEqual(withoutIds(imported), withoutIds(stored.find((c) => c.id === original.id) ?? original));
  });

  it('a Markdown file that is not an export is refused with the reason, and nothing is added', async () => {
    const file = path.join(suite.vscode.workspace, 'notes.md');
    writeFileSync(file, '# Notes\n\nNothing exported here.\n');
    await importFile(suite.vscode, file);
    await suite.vscode.page
      .locator('.notification-toast', { hasText: '"notes.md" cannot be imported: it is not a chat exported by' })
      .first()
      .waitFor();
    assert.equal((await storedConversations(suite.vscode)).length, 2);
  });
});
