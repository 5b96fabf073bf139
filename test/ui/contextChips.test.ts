// Context chips as a person uses them: Add File to Chat from the palette and the Explorer, Problems from the Add
// Context picker, the chips after a window reload, and the meter as the user types. Every assertion is on what the
// local server received or what the chat shows.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe } from 'node:test';
import type { HistoryEntry, ProtocolServer } from '../support/protocolServer';
import { ChatView, it, useChatSuite, type VSCodeSession } from '../support/ui';

const SYSTEM_PROMPT = 'Answer in one line.';
const BROKEN = "const count: number = 'three';\nexport default count;\n";

function lastHistory(server: ProtocolServer): HistoryEntry[] {
  return server.requests.filter((r) => r.path === '/api/converse-edge').at(-1)?.history ?? [];
}

/** Puts the keyboard in the editor group beside the chat, where the fixture's file is open. */
async function focusEditor(vscode: VSCodeSession, name: string): Promise<void> {
  await vscode.page.locator(`.tab[aria-label^="${name}"]`).first().click();
  await vscode.page.locator('.editor-group-container.active .monaco-editor .view-lines').click();
}

function chip(chat: ChatView, label: string) {
  return chat.by('context-item').filter({ hasText: label });
}

describe('context chips', () => {
  const suite = useChatSuite('contextChips', {
    server: { paceMs: 1 },
    settings: { 'vitalentum.systemPrompt': SYSTEM_PROMPT },
    prepareWorkspace: (workspace) => {
      writeFileSync(path.join(workspace, 'notes.md'), '# Notes\n\nThe fibonacci helper is iterative.\n');
      writeFileSync(path.join(workspace, 'broken.ts'), BROKEN);
    },
    // The chat opens beside this editor, so both stay visible.
    beforeChat: (vscode) => vscode.openFile('fibonacci.ts'),
  });

  it('Add File to Chat from the palette sends the file’s current content on every turn', async () => {
    const fibonacci = readFileSync(path.join(suite.vscode.workspace, 'fibonacci.ts'), 'utf8');
    await focusEditor(suite.vscode, 'fibonacci.ts');
    await suite.vscode.runCommand('Vitalentum: Add File to Chat');
    await chip(suite.chat, 'fibonacci.ts').waitFor();
    assert.match(await chip(suite.chat, 'fibonacci.ts').innerText(), /tokens/);
    assert.match(await chip(suite.chat, 'Instructions').innerText(), /tokens/);

    await suite.chat.sendAndWait('What does it do? [echo] first');
    let history = lastHistory(suite.server);
    assert.equal(history.length, 2);
    assert.ok(history[0].text.startsWith(`${SYSTEM_PROMPT}\n\nContext the user added:\n\nFile: fibonacci.ts`));
    assert.ok(history[0].text.includes(fibonacci), 'the file went with the first question');

    // An unsaved edit counts: the host reads the file when the request is made.
    await focusEditor(suite.vscode, 'fibonacci.ts');
    await suite.vscode.page.keyboard.press('Control+End');
    await suite.vscode.page.keyboard.type('// edited before the second turn');
    await suite.chat.sendAndWait('And now? [echo] second');
    history = lastHistory(suite.server);
    assert.equal(history.length, 4, 'instructions with context, the first turn, the question');
    assert.ok(history[0].text.includes('// edited before the second turn'), 'the second turn read the file again');
    assert.equal(history.filter((entry) => entry.text.includes('export function fibonacci')).length, 1);
    assert.deepEqual(history.at(-1), { speaker: 'human', text: 'And now? [echo] second' });
  });

  it('Add File to Chat from the Explorer’s context menu', async () => {
    await suite.vscode.runCommand('View: Show Explorer');
    await suite.vscode.page.locator('.explorer-folders-view .monaco-list-row[aria-label^="notes.md"]').click({
      button: 'right',
    });
    // The workbench's menus act on mouse up after their own mouse down; the keyboard picks the item as reliably.
    await suite.vscode.page.locator('.monaco-menu .action-label', { hasText: 'Add File to Chat' }).hover();
    await suite.vscode.page.keyboard.press('Enter');
    await chip(suite.chat, 'notes.md').waitFor();
    await suite.chat.sendAndWait('Summarize the notes [echo] ok');
    const pinned = lastHistory(suite.server)[0].text;
    assert.ok(pinned.includes('File: notes.md (markdown)'));
    assert.ok(pinned.includes('The fibonacci helper is iterative.'));
    assert.ok(pinned.indexOf('File: fibonacci.ts') < pinned.indexOf('File: notes.md'), 'in the order added');
  });

  it('Problems from the Add Context picker sends the TypeScript error with the lines around it', async () => {
    await focusEditor(suite.vscode, 'fibonacci.ts');
    await suite.vscode.page.locator('.explorer-folders-view .monaco-list-row[aria-label^="broken.ts"]').click();
    await suite.vscode.page.locator('.tab.active[aria-label^="broken.ts"]').first().waitFor();
    // The TypeScript server reports the error a few seconds after the file opens.
    await suite.vscode.page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: 90_000 });
    await suite.chat.by('add-context').click();
    await suite.vscode.pickRow('Problems');
    await chip(suite.chat, 'Problems: broken.ts').waitFor();
    await suite.chat.sendAndWait('Why does it fail? [echo] ok');
    const pinned = lastHistory(suite.server)[0].text;
    assert.match(
      pinned,
      /Problems in broken\.ts:\n\nLine 1, error: Type 'string' is not assignable to type 'number'\./,
    );
    assert.ok(pinned.includes("1> const count: number = 'three';"), 'the line of the error, marked');
    assert.ok(pinned.includes('2  export default count;'), 'a line around it');
  });

  it('keeps the chips after a window reload', async () => {
    await suite.vscode.reload();
    // The panel comes back through its serializer, which can take longer than a fresh chat.
    suite.chat = new ChatView(await suite.vscode.webviewFrame('[data-testid="input"]', 'panel', 60_000));
    for (const label of ['Instructions', 'fibonacci.ts', 'notes.md', 'Problems: broken.ts']) {
      await chip(suite.chat, label).waitFor({ timeout: 20_000 });
    }
    assert.equal(await suite.chat.by('context-item').count(), 4);
    await suite.chat.sendAndWait('Still there? [echo] yes');
    const pinned = lastHistory(suite.server)[0].text;
    for (const file of ['File: fibonacci.ts', 'File: notes.md', 'Problems in broken.ts']) {
      assert.ok(pinned.includes(file), file);
    }
  });

  it('the meter counts what the user types, and a removed chip leaves it', async () => {
    const meter = suite.chat.by('context-meter');
    // The host refreshes the figure after each reply; the test starts once it has settled.
    let before = '';
    for (let settled = 0; settled < 3;) {
      const text = await meter.innerText();
      settled = text === before ? settled + 1 : 0;
      before = text;
      await suite.chat.frame.waitForTimeout(200);
    }
    const tokens = (text: string) => Number(/^(\d+) \/ 8k tokens$/.exec(text)?.[1]);
    assert.ok(tokens(before) > 0, before);
    await suite.chat.input.click();
    // 400 characters: 100 tokens and the message's 4.
    await suite.chat.input.pressSequentially('x'.repeat(400), { delay: 0 });
    await suite.chat.frame.waitForFunction(
      (text) => document.querySelector('[data-testid="context-meter"]')?.textContent === text,
      `${tokens(before) + 104} / 8k tokens`,
    );
    await suite.vscode.screenshot('context-chips');
    await suite.chat.input.fill('');
    assert.equal(await meter.innerText(), before);
    await chip(suite.chat, 'Problems: broken.ts').getByTestId('context-remove').click();
    await chip(suite.chat, 'Problems: broken.ts').waitFor({ state: 'detached' });
    await suite.chat.sendAndWait('Without the problems [echo] ok');
    assert.ok(!lastHistory(suite.server)[0].text.includes('Problems in broken.ts'));
  });
});
