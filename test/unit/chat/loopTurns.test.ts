// A burst of text read in one go lets the event loop turn after its first words and then once a slice, so what the
// host posted (the first words above all) goes out before the rest of the burst is handled.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LoopTurns } from '../../../src/chat/loopTurns';
import { withService } from './serviceHarness';

/**
 * Whether a callback queued before `run` ran while it did: a timer (as VS Code's writer sets one when something is
 * posted), or the next turn's callback (anything waiting for a turn of the event loop).
 */
async function ranDuring(queue: (callback: () => void) => unknown, run: () => Promise<void>): Promise<boolean> {
  let ran = false;
  queue(() => (ran = true));
  await run();
  const during = ran;
  // The callback runs before the next check either way.
  await new Promise((resolve) => setTimeout(resolve, 1));
  return during;
}
const timer = (callback: () => void) => setTimeout(callback, 0);

describe('LoopTurns', () => {
  it('turns the loop on the first pass, after timers, then only once a slice has passed since the last turn', async () => {
    let now = 100;
    const turns = new LoopTurns(() => now, 4);
    assert.equal(await ranDuring(timer, () => turns.pass()), true);
    now = 103;
    assert.equal(await ranDuring(setImmediate, () => turns.pass()), false);
    now = 104;
    assert.equal(await ranDuring(setImmediate, () => turns.pass()), true);
    now = 107.5;
    assert.equal(await ranDuring(setImmediate, () => turns.pass()), false);
  });

  it("lets the views' messages of a reply's first words go out before the rest of a burst is handled", async () => {
    await withService({}, async (service, script) => {
      const sent: boolean[] = [];
      let flushed = false;
      service.onEvent((event) => {
        if (event.type !== 'delta') return;
        // What a webview's post does in VS Code: it is written once timers run.
        if (sent.length === 0) setTimeout(() => (flushed = true), 0);
        sent.push(flushed);
      });
      const reply = service.send(service.newConversation().id, 'Hi');
      const stream = await script.stream(0);
      stream.push('one ', 'two ', 'three', { end: 'done' });
      await reply;
      assert.deepEqual(sent, [false, true, true]);
    });
  });
});
