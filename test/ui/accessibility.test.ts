// The chat checked by axe-core in the light, dark and both high-contrast themes, in four states: empty, a streamed
// reply with code, an error and the history list open. No serious or critical violation is allowed; the full
// results are printed and kept in test-results/a11y/. A streamed reply is announced to screen readers once.
import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { it, useChatSuite } from '../support/ui';
import {
  announcements,
  recordAnnouncements,
  reportAxe,
  runAxe,
  seriousViolations,
  showTheme,
  THEMES,
} from '../support/uiA11y';

describe('accessibility of the chat in every theme', () => {
  const suite = useChatSuite('a11y', { server: { paceMs: 15 } });

  for (const theme of THEMES) {
    it(`has no serious violation in ${theme.label}: empty, reply with code, error, history`, async () => {
      const { chat, vscode } = suite;
      const problems: string[] = [];
      const check = async (state: string) => {
        const name = `${theme.label} - ${state}`;
        const summary = await runAxe(chat.frame);
        console.log(reportAxe(name, summary));
        problems.push(...seriousViolations(summary).map((line) => `${name}: ${line}`));
      };
      await showTheme(vscode, chat.frame, theme);

      await chat.by('new-chat').click();
      await chat.by('empty-state').waitFor();
      await check('empty chat');

      await recordAnnouncements(chat.frame);
      await chat.send('How do I compute Fibonacci numbers?');
      const { snapshots, status } = await chat.watchReply();
      assert.equal(status, 'complete');
      assert.ok(snapshots.length >= 3, `the reply did not stream: ${snapshots.length} states were seen`);
      await chat.lastReply().locator('[data-testid="code-copy"]').waitFor();
      // Anything announced late would show up within this time.
      await chat.frame.waitForTimeout(300);
      const said = await announcements(chat.frame);
      assert.equal(said.length, 1, `the reply was announced ${said.length} times: ${JSON.stringify(said)}`);
      assert.match(said[0], /^Reply finished: .*function fibonacci/);
      await check('streamed reply with code');
      await vscode.screenshot(`a11y-${theme.label}-reply`);

      await chat.send('This one fails [fault:500]');
      await chat.waitForReply('error');
      await chat.by('error-box').waitFor();
      await chat.frame.waitForTimeout(300);
      const afterError = await announcements(chat.frame);
      assert.equal(afterError.length, 2, JSON.stringify(afterError));
      assert.match(afterError[1], /^Reply failed: /);
      await check('error');

      await chat.by('history').click();
      await chat.by('history-item').first().waitFor();
      await check('history open');
      await vscode.screenshot(`a11y-${theme.label}-history`);
      await chat.by('history').click();
      await chat.by('history-panel').waitFor({ state: 'hidden' });

      assert.deepEqual(problems, []);
    });
  }
});
