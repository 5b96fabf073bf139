// The chat webview app rendering a conversation: messages and their actions, streamed deltas batched per frame,
// and a failed reply with its error.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { click, harness, message, press, state } from './appHarness';
import { withGlobalDom } from './dom';

test('a conversation shows its messages with roles, title, model chip and the right actions', () => {
  withGlobalDom((window) => {
    const h = harness(window);
    h.send({
      type: 'state',
      state: state([message('u1', 'user', 'Sort <b>this</b>'), message('a1', 'assistant', '**Done**')]),
    });
    const items = h.findAll('message');
    assert.deepEqual(
      items.map((m) => [m.dataset.role, m.dataset.status]),
      [
        ['user', 'complete'],
        ['assistant', 'complete'],
      ],
    );
    assert.equal(h.find('message-body', items[0])?.textContent, 'Sort <b>this</b>');
    assert.equal(h.find('message-body', items[1])?.querySelector('strong')?.textContent, 'Done');
    assert.equal(h.find('title')?.textContent, 'About sorting');
    assert.match(h.find('backend-chip')?.textContent ?? '', /llama3\.2/);
    assert.ok(h.find('edit', items[0]));
    assert.ok(h.find('regenerate', items[1]));
    assert.equal(h.find('retry'), null);
    click(h.find('regenerate'));
    click(h.find('edit'));
    click(h.find('backend-chip'));
    click(h.find('new-chat'));
    click(h.find('export'));
    assert.deepEqual(
      h.posted.map((m) => m.type),
      ['regenerate', 'editLast', 'selectModel', 'newChat', 'export'],
    );
    assert.deepEqual(h.saved.at(-1), { draft: '', conversationId: 'c1' });
  });
});

/** The HTML of a reply's blocks: a streamed reply holds its stable ones in chunks, then the tail. */
function blocksHtml(body: HTMLElement | null): string | undefined {
  if (!body?.querySelector('.stream-frozen')) return body?.innerHTML;
  const parts = [...body.querySelectorAll('.stream-chunk, .stream-tail')];
  return parts.map((part) => part.innerHTML).join('');
}

test('streamed deltas render once per frame, Stop shows while streaming, and the final message replaces them', () => {
  withGlobalDom((window) => {
    const h = harness(window);
    h.send({
      type: 'state',
      state: state([message('u1', 'user', 'Explain'), message('a1', 'assistant', '', { status: 'streaming' })], {
        streamingId: 'a1',
      }),
    });
    assert.equal(h.find('stop')?.hidden, false);
    assert.equal(h.find('send')?.hidden, true);
    assert.equal(h.find('regenerate'), null);
    const reply =
      '# Heading\n\nFirst *para*.\n\n```js\nconst a = 1;\n\nconst b = 2;\n```\n\n- one\n- two\n\nLast words';
    for (const char of reply) h.send({ type: 'delta', conversationId: 'c1', messageId: 'a1', text: char });
    const body = h.find('message-body', h.findAll('message')[1]);
    assert.equal(body?.textContent, '', 'nothing is rendered before the frame');
    h.paint();
    assert.equal(body?.querySelector('h1')?.textContent, 'Heading');
    assert.match(body?.textContent ?? '', /Last words/);
    assert.equal(h.findAll('message')[1].getAttribute('aria-busy'), 'true');
    const streamedHtml = blocksHtml(body);

    const event = press(window, h.find('input'), 'Escape');
    assert.equal(event.defaultPrevented, true);
    assert.deepEqual(h.posted.at(-1), { type: 'stop' });

    h.send({
      type: 'messageUpdated',
      conversationId: 'c1',
      message: message('a1', 'assistant', reply, { status: 'stopped' }),
    });
    const final = h.findAll('message')[1];
    assert.equal(final.dataset.status, 'stopped');
    const finalBody = h.find('message-body', final);
    const finalHtml = blocksHtml(finalBody);
    assert.equal(finalHtml, streamedHtml, 'the streamed render equals the full render');
    assert.equal(h.find('stop')?.hidden, true);
    assert.ok(h.find('continue', final));
    assert.ok(h.find('regenerate', final));
    assert.match(h.find('notice', final)?.textContent ?? '', /Stopped/);
  });
});

test('a failed reply keeps its partial text and shows the error, its detail on demand, Retry and Continue', () => {
  withGlobalDom((window) => {
    const h = harness(window);
    const failed = message('a1', 'assistant', 'Partial answer', {
      status: 'error',
      error: {
        kind: 'rate-limited',
        message: 'The chat server is limiting requests; try again in 30 seconds.',
        action: 'retry',
        detail: 'HTTP 429\nResponse: slow down',
        retryAfterSeconds: 30,
      },
      stats: {
        protocol: 'openai-compatible',
        model: 'llama3.2',
        firstChunkMs: 250,
        durationMs: 2000,
        chunks: 10,
        chars: 400,
      },
    });
    h.send({ type: 'state', state: state([message('u1', 'user', 'Q'), failed]) });
    const box = h.find('error-box');
    assert.equal(box?.dataset.errorKind, 'rate-limited');
    assert.equal(box?.textContent?.match(/30 seconds/g)?.length, 1, 'the retry time is said once');
    assert.equal(h.findAll('retry').length, 1, 'one Retry, in the error box');
    assert.ok(h.find('retry', box ?? undefined));
    assert.match(h.find('message-body', h.findAll('message')[1])?.textContent ?? '', /Partial answer/);
    const detail = h.find('error-detail');
    assert.equal(detail?.hidden, true);
    click(h.find('error-detail-toggle'));
    assert.equal(detail?.hidden, false);
    assert.equal(h.find('error-detail-toggle')?.getAttribute('aria-expanded'), 'true');
    assert.equal(h.find('regenerate'), null);
    click(h.find('retry'));
    click(h.find('continue'));
    assert.deepEqual(
      h.posted.map((m) => m.type),
      ['retry', 'continue'],
    );
    const details = h.find('details');
    assert.equal(details?.hidden, true);
    click(h.find('details-toggle'));
    assert.equal(details?.hidden, false);
    assert.match(details?.textContent ?? '', /First chunk after250 ms.*Duration2\.0 s.*Chunks10.*Speed200 chars\/s/s);
  });
});

test('the message list is busy until the host sends its first state', () => {
  withGlobalDom((window) => {
    const h = harness(window);
    assert.equal(h.find('message-list')?.getAttribute('aria-busy'), 'true');
    h.send({ type: 'state', state: state([message('u1', 'user', 'Hello')]) });
    assert.equal(h.find('message-list')?.hasAttribute('aria-busy'), false);
  });
});

test('a final form posted as the text after what streamed joins it; one after more than the view holds asks anew', () => {
  withGlobalDom((window) => {
    const h = harness(window);
    const streaming = message('a1', 'assistant', '', { status: 'streaming' });
    h.send({ type: 'state', state: state([message('u1', 'user', 'Explain'), streaming], { streamingId: 'a1' }) });
    h.send({ type: 'delta', conversationId: 'c1', messageId: 'a1', text: 'Hello ' });
    h.send({ type: 'delta', conversationId: 'c1', messageId: 'a1', text: 'wor' });
    h.paint();
    const rest = message('a1', 'assistant', 'ld.', { status: 'complete' });
    h.send({ type: 'messageUpdated', conversationId: 'c1', message: rest, textFrom: 9 });
    h.paint();
    const reply = h.findAll('message')[1];
    const text = () => h.find('message-body', reply)?.textContent?.trim();
    assert.deepEqual([text(), reply.dataset.status], ['Hello world.', 'complete']);
    assert.ok(!h.posted.some((m) => m.type === 'ready'));

    h.send({ type: 'messageUpdated', conversationId: 'c1', message: rest, textFrom: 13 });
    assert.deepEqual(h.posted.at(-1), { type: 'ready' });
    assert.equal(text(), 'Hello world.');
  });
});

test('a state with a streaming reply as the text after what the view holds joins it; one after more asks anew', () => {
  withGlobalDom((window) => {
    const h = harness(window);
    const question = message('u1', 'user', 'Explain');
    h.send({ type: 'state', state: state([question], {}) });
    h.send({ type: 'delta', conversationId: 'c1', messageId: 'a1', text: 'Hello ' });
    const rest = message('a1', 'assistant', 'world', { status: 'streaming' });
    h.send({ type: 'state', state: state([question, rest], { streamingId: 'a1', textFrom: { a1: 6 } }) });
    h.paint();
    const reply = h.findAll('message')[1];
    const text = () => h.find('message-body', reply)?.textContent?.trim();
    assert.deepEqual([text(), reply.dataset.status], ['Hello world', 'streaming']);
    assert.ok(!h.posted.some((m) => m.type === 'ready'));

    h.send({ type: 'state', state: state([question, rest], { streamingId: 'a1', textFrom: { a1: 12 } }) });
    assert.deepEqual(h.posted.at(-1), { type: 'ready' });
    assert.equal(text(), 'Hello world');
  });
});
