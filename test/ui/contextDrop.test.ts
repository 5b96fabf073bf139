// Files dropped on the chat, and the files the chat refuses to send, as a person meets them: a real drag of Explorer
// rows onto the chat with Shift held (VS Code passes a drop into a webview only then), and the reasons a too-large, a
// binary and an outside-the-workspace file show on their chips. Every assertion is on what the local server received
// or what the chat shows.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe } from 'node:test';
import type { Locator } from 'playwright-core';
import type { HistoryEntry, ProtocolServer } from '../support/protocolServer';
import { it, useChatSuite, type ChatSuite } from '../support/ui';

const NOTES = '# Notes\n\nDropped notes: the helper is iterative.\n';
/** Markers of the files that must not be sent; none may appear in any request. */
const BIG_MARKER = 'BIG-FILE-MARKER';
const BINARY_MARKER = 'BINARY-FILE-MARKER';
const OUTSIDE_MARKER = 'OUTSIDE-FILE-MARKER';

function lastHistory(server: ProtocolServer): HistoryEntry[] {
  return server.requests.filter((r) => r.path === '/api/converse-edge').at(-1)?.history ?? [];
}

function explorerRow(suite: ChatSuite, name: string): Locator {
  return suite.vscode.page.locator(`.explorer-folders-view .monaco-list-row[aria-label^="${name}"]`);
}

/** Drags `row` with the mouse onto the middle of the chat, Shift held from the moment it leaves the Explorer. */
async function dragOntoChat(suite: ChatSuite, row: Locator): Promise<void> {
  const { page } = suite.vscode;
  const from = await row.boundingBox();
  const to = await (await suite.chat.frame.frameElement()).boundingBox();
  assert.ok(from && to, 'the row and the chat are on screen');
  const [x, y] = [from.x + from.width / 2, from.y + from.height / 2];
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + 20, y + 5, { steps: 5 });
  await page.keyboard.down('Shift');
  try {
    await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 20 });
    await page.mouse.move(to.x + to.width / 2 + 10, to.y + to.height / 2 + 10, { steps: 5 });
    await page.mouse.up();
  } finally {
    await page.keyboard.up('Shift');
  }
}

function chip(suite: ChatSuite, label: string): Locator {
  return suite.chat.by('context-item').filter({ hasText: label });
}

describe('files dropped on the chat, and files it does not send', () => {
  let outside = '';
  const suite = useChatSuite('contextDrop', {
    server: { paceMs: 1 },
    prepareWorkspace: (workspace) => {
      writeFileSync(path.join(workspace, 'notes.md'), NOTES);
      writeFileSync(path.join(workspace, 'big.log'), `${BIG_MARKER}\n${'a log line\n'.repeat(30_000)}`);
      writeFileSync(path.join(workspace, 'data.bin'), Buffer.from(`\0\x01\x02${BINARY_MARKER}\0`, 'latin1'));
      outside = path.join(path.dirname(workspace), 'outside.txt');
      writeFileSync(outside, `${OUTSIDE_MARKER}\n`);
    },
    beforeChat: (vscode) => vscode.openFile('fibonacci.ts'),
  });

  it('an Explorer file dragged onto the chat with Shift held is pinned and sent', async () => {
    // Through the palette only when the Explorer is hidden, as openFile does: the palette is slow to settle.
    if (!(await explorerRow(suite, 'notes.md').isVisible())) await suite.vscode.runCommand('View: Show Explorer');
    await dragOntoChat(suite, explorerRow(suite, 'notes.md'));
    await chip(suite, 'notes.md').waitFor({ timeout: 10_000 });
    assert.match(await chip(suite, 'notes.md').innerText(), /tokens/);
    await suite.chat.sendAndWait('What do the notes say? [echo] ok');
    const history = lastHistory(suite.server);
    assert.equal(history.length, 2);
    assert.ok(history[0].text.startsWith('Context the user added:\n\nFile: notes.md (markdown)'), history[0].text);
    assert.ok(history[0].text.includes(NOTES.trim()), 'the dropped file’s text reached the server');
  });

  it('too-large, binary and outside-the-workspace files get chips that say why, and nothing of them is sent', async () => {
    // One row at a time, as the first test drags: a Ctrl+click selection of two rows was undone now and then by the
    // Explorer selecting the file of the active editor.
    for (const name of ['big.log', 'data.bin']) {
      await dragOntoChat(suite, explorerRow(suite, name));
      await chip(suite, name).waitFor({ timeout: 30_000 });
    }
    // A file outside the workspace, opened by its path from Quick Open (in the editor's group, beside the chat) and
    // added from the palette.
    await suite.vscode.page.locator('.editor-group-container').first().locator('.tab.active').click();
    await suite.vscode.focusWorkbench();
    await suite.vscode.page.keyboard.press('Control+P');
    await suite.vscode.page.locator('.quick-input-widget input').fill(outside);
    // The row of that file, not the first row: before the path is looked up, the first is a recent file.
    await suite.vscode.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'outside.txt' }).first().click();
    await suite.vscode.page.locator('.tab.active[aria-label^="outside.txt"]').first().waitFor();
    await suite.vscode.runCommand('Vitalentum: Add File to Chat');
    await chip(suite, 'outside.txt').waitFor({ timeout: 10_000 });

    const reasons = {
      'big.log': /not sent\s*Too large to send \(322 KB; the limit is 256 KB\)\./,
      'data.bin': /not sent\s*A binary file: not sent\./,
      'outside.txt': /not sent\s*Outside the workspace: not read, not sent\./,
    };
    for (const [label, reason] of Object.entries(reasons)) {
      assert.match(await chip(suite, label).innerText(), reason, label);
    }
    await suite.vscode.screenshot('context-chips-not-sent');
    await suite.chat.sendAndWait('And these? [echo] ok');
    const pinned = lastHistory(suite.server)[0].text;
    assert.ok(pinned.includes('File: notes.md'), 'the readable file is still sent');
    for (const name of ['big.log', 'data.bin', 'outside.txt']) assert.ok(!pinned.includes(name), name);
    const everything = JSON.stringify(suite.server.requests.map((request) => request.body));
    for (const marker of [BIG_MARKER, BINARY_MARKER, OUTSIDE_MARKER]) {
      assert.ok(!everything.includes(marker), `${marker} reached the server`);
    }
  });
});
