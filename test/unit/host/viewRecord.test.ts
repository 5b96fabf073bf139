// A chat view's own record of the conversation it showed last, read when the view is restored after a reload.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ViewRecord } from '../../../src/host/viewRecord';
import { RecordingLog, withTempDir } from '../chat/helpers';

describe('the chat view record', () => {
  it('gives the window after a reload the last conversation shown, of several shown in quick succession', async () => {
    await withTempDir(async (dir) => {
      const file = path.join(dir, 'workspace', 'chat-panel.json');
      const log = new RecordingLog();
      const before = new ViewRecord(file, log);
      for (const id of ['first', 'second', 'third', 'second', 'last']) before.shown(id);
      assert.equal(await before.read(), 'last');
      assert.equal(await new ViewRecord(file, log).read(), 'last');
      assert.equal(await new ViewRecord(file, log).restore('older, from the webview state'), 'last');
      assert.deepEqual(log.lines, []);
    });
  });

  it('keeps nothing without a workspace, and reads nothing from a missing or damaged record', async () => {
    await withTempDir(async (dir) => {
      const log = new RecordingLog();
      const none = new ViewRecord(undefined, log);
      none.shown('one');
      assert.equal(await none.read(), undefined);
      assert.equal(await none.restore('from the webview state'), 'from the webview state');
      const file = path.join(dir, 'chat-panel.json');
      assert.equal(await new ViewRecord(file, log).read(), undefined);
      assert.deepEqual(await readdir(dir), []);
      assert.deepEqual(log.lines, []);
      await writeFile(file, '{"conversationId":');
      assert.equal(await new ViewRecord(file, log).read(), undefined);
      await writeFile(file, '{"conversationId":7}');
      assert.equal(await new ViewRecord(file, log).read(), undefined);
      assert.equal(log.lines.length, 1, 'the damaged record was not logged');
    });
  });
});
