// A burst of streamed text (a fast server, a reply of thousands of lines) in the chat webview: it is rendered a
// frame's share at a time, so no frame holds up key presses for long, and the reply shows settled only once whole.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_FRAME_CHARS } from '../../../src/webview-ui/framePace';
import { FINAL_HIGHLIGHT_LIMIT } from '../../../src/webview-ui/markdown/render';
import { harness, message, press, renderer, state } from './appHarness';
import { withGlobalDom } from './dom';

/** What one render of a step of markdown costs on the test's clock. */
const RENDER_MS = 4;

const PARAGRAPHS = Array.from({ length: 40 }, (_, i) => `Paragraph ${i}: ${'word '.repeat(190)}end.`);
const BURST = `${PARAGRAPHS.join('\n\n')}\n\n`;

test('a burst of text renders over several frames of bounded work, and the reply settles on screen once whole', () => {
  withGlobalDom((window) => {
    let clock = 0;
    const h = harness(
      window,
      { draft: '' },
      {
        now: () => clock,
        renderer: {
          render: (markdown, env) => {
            clock += RENDER_MS;
            return renderer.render(markdown, env);
          },
          highlightLater: (root) => renderer.highlightLater(root),
          highlightAgain: (code, language, shown) => renderer.highlightAgain(code, language, shown),
          openCode: (marker, info) => renderer.openCode(marker, info),
        },
      },
    );
    h.send({
      type: 'state',
      state: state([message('u1', 'user', 'Q'), message('a1', 'assistant', '', { status: 'streaming' })], {
        streamingId: 'a1',
      }),
    });
    h.send({ type: 'delta', conversationId: 'c1', messageId: 'a1', text: BURST });
    const reply = () => h.findAll('message')[1];
    const shownParagraphs = () => reply().querySelectorAll('[data-testid="message-body"] p').length;
    const frameCosts: number[] = [];
    const shown: number[] = [];
    const paint = () => {
      const started = clock;
      h.paint();
      frameCosts.push(clock - started);
      shown.push(shownParagraphs());
    };
    paint();
    paint();
    // The server says the reply is complete while most of it still waits to be rendered.
    h.send({ type: 'messageUpdated', conversationId: 'c1', message: message('a1', 'assistant', BURST) });
    assert.equal(reply().dataset.status, 'streaming', 'the reply shows settled before its text does');
    assert.equal(h.find('reply-announcer')?.textContent, '', 'a reply was announced before it showed whole');
    for (let frame = 0; frame < 40 && reply().dataset.status === 'streaming'; frame++) paint();

    assert.equal(reply().dataset.status, 'complete');
    assert.ok(frameCosts.length >= 4, `the burst rendered in ${frameCosts.length} frames`);
    // A frame renders while it has time: its budget, overrun by one step at most.
    for (const cost of frameCosts) assert.ok(cost <= 6 + RENDER_MS, `a frame took ${cost} ms`);
    assert.deepEqual(
      shown,
      [...shown].sort((a, b) => a - b),
      'paragraphs disappeared between frames',
    );
    const body = h.find('message-body', reply())!;
    assert.equal(body.querySelector('.stream-tail'), null);
    // The stable blocks sit in chunks that the browser can skip once they are far from view.
    assert.ok(body.querySelectorAll('.stream-chunk').length >= 2, 'a reply of 40 KB in one chunk');
    assert.equal(
      body.innerHTML.replace(/<\/?div[^>]*>/g, ''),
      renderer.render(BURST, { highlightLimit: FINAL_HIGHLIGHT_LIMIT }),
    );
    // Announced once, from its start: a reply of 40 KB is read up to the announcement's limit.
    assert.match(
      h.find('reply-announcer')?.textContent ?? '',
      /^Reply finished: Paragraph 0: .* … The reply goes on in the chat\.$/,
    );
  });
});

/** A chat whose streaming reply has just received BURST at once, on a clock that never moves. */
function burstArrived(window: Parameters<typeof harness>[0]) {
  const h = harness(window, { draft: '' }, { now: () => 0 });
  h.send({
    type: 'state',
    state: state([message('u1', 'user', 'Q'), message('a1', 'assistant', '', { status: 'streaming' })], {
      streamingId: 'a1',
    }),
  });
  h.send({ type: 'delta', conversationId: 'c1', messageId: 'a1', text: BURST });
  const shownParagraphs = () => h.findAll('message')[1].querySelectorAll('[data-testid="message-body"] p').length;
  return { h, shownParagraphs };
}

test('a frame with time to spare still renders no more than its share of the text', () => {
  withGlobalDom((window) => {
    const { h, shownParagraphs } = burstArrived(window);
    const shown = [shownParagraphs()];
    for (let frame = 0; frame < 40 && shown[shown.length - 1] < PARAGRAPHS.length; frame++) {
      h.paint();
      shown.push(shownParagraphs());
    }
    assert.equal(shown[shown.length - 1], PARAGRAPHS.length);
    const perParagraph = BURST.length / PARAGRAPHS.length;
    // Its share, overrun by the last step, which renders one block at least (two paragraphs here, at most).
    const most = Math.ceil(MAX_FRAME_CHARS / perParagraph) + 2;
    for (let frame = 1; frame < shown.length; frame++) {
      const added = shown[frame] - shown[frame - 1];
      assert.ok(
        added <= most,
        `frame ${frame} rendered ${added} paragraphs, more than ${MAX_FRAME_CHARS} characters and a step`,
      );
    }
  });
});

test('a key typed while a burst renders gets the next frame to itself; the text goes on in the frame after', () => {
  withGlobalDom((window) => {
    const { h, shownParagraphs } = burstArrived(window);
    h.paint();
    const before = shownParagraphs();
    assert.ok(before > 0 && before < PARAGRAPHS.length, `the first frame showed ${before} paragraphs`);
    press(window, h.find('input'), 'x');
    h.paint();
    assert.equal(shownParagraphs(), before, 'the frame after the key rendered text');
    h.paint();
    assert.ok(shownParagraphs() > before, 'the text stopped after the key');
  });
});
