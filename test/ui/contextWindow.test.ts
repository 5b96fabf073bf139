// Instructions and the context window as a person meets them: the system prompt and the workspace's instructions
// file reach the server first, and a long conversation in a small window sends its newest turns and says what it left
// out. Every assertion is on what the local server received or what the chat shows.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe } from 'node:test';
import type { HistoryEntry, ProtocolServer } from '../support/protocolServer';
import { it, useChatSuite } from '../support/ui';

const SYSTEM_PROMPT = 'Answer in one line.';
const WINDOW = 1200;

function lastHistory(server: ProtocolServer): HistoryEntry[] {
  return server.requests.filter((r) => r.path === '/api/converse-edge').at(-1)?.history ?? [];
}

function writeInstructions(workspace: string, text: string): void {
  mkdirSync(path.join(workspace, '.vitalentum'), { recursive: true });
  writeFileSync(path.join(workspace, '.vitalentum', 'instructions.md'), text);
}

/** A question the server answers with its own 600 characters: with the question, about 310 estimated tokens. */
function longQuestion(label: string): string {
  return `[echo] ${label}${'a'.repeat(600 - label.length)}`;
}

describe('instructions and the context window', () => {
  const suite = useChatSuite('contextWindow', {
    server: { paceMs: 1 },
    settings: { 'vitalentum.systemPrompt': SYSTEM_PROMPT, 'vitalentum.contextWindowTokens': WINDOW },
    beforeChat: (vscode) => writeInstructions(vscode.workspace, 'Prefer TypeScript.\n'),
  });

  it('sends the system prompt, then the workspace instructions, first, as read at each send', async () => {
    await suite.chat.sendAndWait('Hello [echo] hi');
    assert.deepEqual(lastHistory(suite.server), [
      { speaker: 'bot', text: `${SYSTEM_PROMPT}\n\nPrefer TypeScript.` },
      { speaker: 'human', text: 'Hello [echo] hi' },
    ]);
    writeInstructions(suite.vscode.workspace, 'Prefer Rust.');
    await suite.chat.sendAndWait('Again [echo] hi');
    const history = lastHistory(suite.server);
    assert.deepEqual(history[0], { speaker: 'bot', text: `${SYSTEM_PROMPT}\n\nPrefer Rust.` });
    assert.deepEqual(history.at(-1), { speaker: 'human', text: 'Again [echo] hi' });
  });

  it('leaves the oldest turns out of a long conversation, keeps the question and says so under the reply', async () => {
    await suite.vscode.runCommand('Vitalentum: New Chat');
    // The new chat's state arrives after the command returns; a send before it would wait on the old chat's reply.
    await suite.chat.frame.waitForFunction(() => !document.querySelector('[data-testid="message"]'));
    // Instructions (14 tokens) + question (156) + one turn (310) fit the 688 tokens a 1200-token window leaves the
    // prompt; two turns do not.
    for (const label of ['T1', 'T2']) await suite.chat.sendAndWait(longQuestion(label));
    assert.equal(lastHistory(suite.server).length, 4, 'the second question went without the first turn');
    assert.equal(await suite.chat.by('notice').count(), 0);
    await suite.chat.sendAndWait(longQuestion('T3'));
    await suite.chat.sendAndWait('And the last one? [echo] done');
    const history = lastHistory(suite.server);
    assert.deepEqual(
      history.map((entry) => `${entry.speaker}:${entry.text.slice(0, 9)}`),
      [
        `bot:${SYSTEM_PROMPT.slice(0, 9)}`,
        'human:[echo] T2',
        'bot:T2aaaaaaa',
        'human:[echo] T3',
        'bot:T3aaaaaaa',
        'human:And the l',
      ],
    );
    assert.equal(history.at(-1)?.text, 'And the last one? [echo] done');
    assert.equal(
      await suite.chat.lastReply().getByTestId('notice').innerText(),
      `2 earlier messages were not sent: they did not fit the ${WINDOW}-token context window.`,
    );
    await suite.vscode.screenshot('context-window-notice');
  });
});
