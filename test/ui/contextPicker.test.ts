// The Add Context picker's entries as a person uses them: Current File, Open Editors, Files… (a workspace search) and
// Selection, each in a new chat, and a Problems chip whose file was closed and the window reloaded, which sends the
// problems captured when it was added. Every assertion is on what the local server received or what the chat shows.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe } from 'node:test';
import type { HistoryEntry, ProtocolServer } from '../support/protocolServer';
import { ChatView, it, useChatSuite, type ChatSuite } from '../support/ui';

const NOTES = '# Notes\n\nThe fibonacci helper is iterative.\n';
const BROKEN = "const count: number = 'three';\nexport default count;\n";

function lastHistory(server: ProtocolServer): HistoryEntry[] {
  return server.requests.filter((r) => r.path === '/api/converse-edge').at(-1)?.history ?? [];
}

function chip(suite: ChatSuite, label: string) {
  return suite.chat.by('context-item').filter({ hasText: label });
}

/** Starts a new chat, so each test's chips are its own: the previous chat had messages, so its chips stay with it. */
async function newChat(suite: ChatSuite): Promise<void> {
  await suite.chat.by('new-chat').click();
  await suite.chat.by('message').first().waitFor({ state: 'detached' });
  await suite.chat.by('context-remove').first().waitFor({ state: 'detached' });
}

/** Shows `name`'s tab in the editor group beside the chat, with the keyboard in its editor. */
async function focusEditor(suite: ChatSuite, name: string): Promise<void> {
  await tab(suite, name).first().click();
  await suite.vscode.page.locator('.editor-group-container.active .monaco-editor .view-lines').click();
}

function tab(suite: ChatSuite, name: string) {
  return suite.vscode.page.locator(`.tab[aria-label^="${name}"]`);
}

async function closeEditor(suite: ChatSuite, name: string): Promise<void> {
  await focusEditor(suite, name);
  await suite.vscode.runCommand('View: Close Editor');
  await tab(suite, name).waitFor({ state: 'detached' });
}

async function addContext(suite: ChatSuite, entry: string): Promise<void> {
  await suite.chat.by('add-context').click();
  await suite.vscode.pickRow(entry);
}

/** The one pinned-context entry of the last request, which must be the first entry of its history. */
function pinnedText(suite: ChatSuite): string {
  const history = lastHistory(suite.server);
  assert.equal(history[0]?.speaker, 'bot');
  return history[0].text;
}

describe('the Add Context picker', () => {
  let fibonacci = '';
  const suite = useChatSuite('contextPicker', {
    server: { paceMs: 1 },
    settings: { 'vitalentum.systemPrompt': 'Answer in one line.', 'workbench.editor.enablePreview': false },
    prepareWorkspace: (workspace) => {
      fibonacci = readFileSync(path.join(workspace, 'fibonacci.ts'), 'utf8');
      writeFileSync(path.join(workspace, 'notes.md'), NOTES);
      writeFileSync(path.join(workspace, 'broken.ts'), BROKEN);
    },
    beforeChat: async (vscode) => {
      // Both in tabs of their own (no preview tabs), before the chat opens beside them.
      await vscode.openFile('fibonacci.ts');
      await vscode.openFile('notes.md');
    },
  });

  it('Current File pins the file in the editor beside the chat', async () => {
    await focusEditor(suite, 'notes.md');
    await addContext(suite, 'Current File');
    await chip(suite, 'notes.md').waitFor();
    await suite.chat.sendAndWait('Current file? [echo] ok');
    const pinned = pinnedText(suite);
    assert.ok(pinned.includes(`File: notes.md (markdown)\n\n\`\`\`markdown\n${NOTES}`), pinned);
    assert.ok(!pinned.includes('File: fibonacci.ts'), 'only the current file');
  });

  it('Open Editors pins every file open in a tab', async () => {
    await newChat(suite);
    await addContext(suite, 'Open Editors');
    await chip(suite, 'notes.md').waitFor();
    await chip(suite, 'fibonacci.ts').waitFor();
    assert.equal(await suite.chat.by('context-item').count(), 3, 'the instructions and the two open files');
    await suite.chat.sendAndWait('Open editors? [echo] ok');
    const pinned = pinnedText(suite);
    assert.ok(pinned.includes(NOTES) && pinned.includes(fibonacci), 'both files’ text');
    assert.ok(!pinned.includes('broken.ts'), 'not a file that is not open');
  });

  it('Files… searches the workspace and pins the files picked', async () => {
    await newChat(suite);
    await addContext(suite, 'Files…');
    const input = suite.vscode.page.locator('.quick-input-widget input');
    await input.fill('broken');
    await suite.vscode.pickRow('broken.ts');
    await suite.vscode.page.locator('.quick-input-widget .monaco-list-row[aria-checked="true"]').first().waitFor();
    await input.press('Enter');
    await chip(suite, 'broken.ts').waitFor();
    await suite.chat.sendAndWait('Found file? [echo] ok');
    const pinned = pinnedText(suite);
    assert.ok(pinned.includes(`File: broken.ts (typescript)\n\n\`\`\`typescript\n${BROKEN}`), pinned);
    assert.ok(!pinned.includes('notes.md') && !pinned.includes('fibonacci'), 'only the file picked');
  });

  it('Selection pins the selected lines, not the file', async () => {
    await newChat(suite);
    await focusEditor(suite, 'fibonacci.ts');
    const { keyboard } = suite.vscode.page;
    await keyboard.press('Control+Home');
    await keyboard.press('ArrowDown');
    await keyboard.press('Shift+ArrowDown');
    await keyboard.press('Shift+End');
    await addContext(suite, 'Selection');
    await chip(suite, 'fibonacci.ts:2-3').waitFor();
    await suite.chat.sendAndWait('Selected? [echo] ok');
    const lines = fibonacci.split('\n').slice(1, 3).join('\n');
    const pinned = pinnedText(suite);
    assert.ok(pinned.includes(`File: fibonacci.ts (lines 2-3) (typescript)\n\n\`\`\`typescript\n${lines}`), pinned);
    assert.ok(!pinned.includes('export function fibonacci'), 'not the whole file');
  });

  it('a Problems chip whose file is closed sends the problems captured when it was added, after a reload too', async () => {
    await newChat(suite);
    // Opened in the editor's group, not over the chat.
    await focusEditor(suite, 'fibonacci.ts');
    await suite.vscode.openFile('broken.ts');
    await suite.vscode.page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: 90_000 });
    await addContext(suite, 'Problems');
    await chip(suite, 'Problems: broken.ts').waitFor();
    // Closing the file ends its language server's reports: the live diagnostics are gone.
    await closeEditor(suite, 'broken.ts');
    await suite.vscode.reload();
    suite.chat = new ChatView(await suite.vscode.webviewFrame('[data-testid="input"]', 'panel', 60_000));
    assert.equal(await tab(suite, 'broken.ts').count(), 0, 'the closed file came back open');
    await chip(suite, 'Problems: broken.ts').waitFor({ timeout: 60_000 });
    await suite.chat.sendAndWait('Why did it fail? [echo] ok');
    const pinned = pinnedText(suite);
    assert.ok(!pinned.includes('No problems reported'), pinned);
    assert.match(
      pinned,
      /Problems in broken\.ts:\n\nThe file is not open, so its language server reports nothing now;/,
    );
    assert.match(pinned, /Line 1, error: Type 'string' is not assignable to type 'number'\./);
    assert.ok(pinned.includes("1> const count: number = 'three';"), 'the line of the error, as captured');
  });
});
