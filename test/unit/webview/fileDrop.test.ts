// Files dropped on the chat: the URI lists VS Code puts in the drag data are read (comments, blanks, duplicates and
// non-URIs left out), and the drop posts one dropFiles request through the host channel.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_DROPPED_FILES } from '../../../src/shared/messages';
import { droppedUris } from '../../../src/webview-ui/fileDrop';
import { harness, state } from './appHarness';
import { withGlobalDom, type TestWindow } from './dom';

/** The part of DataTransfer the chat reads; jsdom has none of its own. */
function transfer(data: Record<string, string>): DataTransfer {
  return {
    types: Object.keys(data),
    getData: (type: string) => data[type] ?? '',
    dropEffect: 'none',
  } as unknown as DataTransfer;
}

function drag(window: TestWindow, target: Element, type: string, data: DataTransfer | null): Event {
  const event = new window.Event(type, { bubbles: true, cancelable: true });
  Object.defineProperty(event, 'dataTransfer', { value: data });
  target.dispatchEvent(event);
  return event;
}

const CODE_URI_LIST = 'application/vnd.code.uri-list';

test('a URI list is read without comments, blank lines, duplicates or lines that are not URIs', () => {
  const list = [
    '# dragged from the Explorer',
    'file:///w/src/a.ts',
    '',
    '  vscode-remote://host/w/notes.md  ',
    'file:///w/src/a.ts',
    'not a uri',
    '/w/plain/path.ts',
  ].join('\r\n');
  assert.deepEqual(droppedUris(transfer({ [CODE_URI_LIST]: list })), [
    'file:///w/src/a.ts',
    'vscode-remote://host/w/notes.md',
  ]);
});

test('VS Code’s own URI list comes first; text/uri-list is read when it is the only one', () => {
  const both = transfer({ 'text/uri-list': 'file:///w/b.ts', [CODE_URI_LIST]: 'file:///w/a.ts' });
  assert.deepEqual(droppedUris(both), ['file:///w/a.ts']);
  assert.deepEqual(droppedUris(transfer({ 'text/uri-list': 'file:///w/b.ts' })), ['file:///w/b.ts']);
  assert.deepEqual(droppedUris(transfer({ [CODE_URI_LIST]: '# nothing', 'text/uri-list': 'file:///w/c.ts' })), [
    'file:///w/c.ts',
  ]);
  assert.deepEqual(droppedUris(transfer({ 'text/plain': 'file:///w/a.ts' })), []);
});

test('a drop takes at most the files one request may carry', () => {
  const many = Array.from({ length: MAX_DROPPED_FILES + 5 }, (_, i) => `file:///w/f${i}.ts`).join('\n');
  const uris = droppedUris(transfer({ [CODE_URI_LIST]: many }));
  assert.equal(uris.length, MAX_DROPPED_FILES);
  assert.equal(uris.at(-1), `file:///w/f${MAX_DROPPED_FILES - 1}.ts`);
});

test('dropping files on the chat posts one dropFiles request with a request id', () => {
  withGlobalDom((window) => {
    const h = harness(window);
    h.send({ type: 'state', state: state([]) });
    const chat = h.root.querySelector('.chat');
    assert.ok(chat);
    const data = transfer({ [CODE_URI_LIST]: 'file:///w/a.ts\nfile:///w/b.ts' });
    const over = drag(window, chat, 'dragover', data);
    assert.ok(over.defaultPrevented, 'dragover accepts the files, or the browser would refuse the drop');
    assert.equal(data.dropEffect, 'copy');
    assert.ok(chat.classList.contains('dropping'), 'the chat is outlined while files are over it');
    const drop = drag(window, h.find('input') ?? chat, 'drop', data);
    assert.ok(drop.defaultPrevented, 'the drop is the chat’s, not the browser’s');
    assert.ok(!chat.classList.contains('dropping'));
    assert.deepEqual(h.posted.at(-1), { type: 'dropFiles', uris: ['file:///w/a.ts', 'file:///w/b.ts'] });
    assert.equal(typeof h.requestIds.at(-1), 'number', 'the request carries an id the host replies to');
  });
});

test('drags that carry no URIs are left to the browser and post nothing', () => {
  withGlobalDom((window) => {
    const h = harness(window);
    h.send({ type: 'state', state: state([]) });
    const chat = h.root.querySelector('.chat');
    assert.ok(chat);
    const before = h.posted.length;
    const text = transfer({ 'text/plain': 'some text' });
    assert.ok(!drag(window, chat, 'dragover', text).defaultPrevented, 'text dropped on the input stays the input’s');
    assert.ok(!chat.classList.contains('dropping'));
    assert.ok(!drag(window, chat, 'drop', text).defaultPrevented);
    drag(window, chat, 'drop', transfer({ [CODE_URI_LIST]: '# only a comment' }));
    drag(window, chat, 'drop', null);
    assert.equal(h.posted.length, before);
  });
});
