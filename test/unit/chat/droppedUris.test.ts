// Dropped URIs as the extension host reads them: a remote workspace's `vscode-remote` URIs become the host's file
// URIs, and everything else is left as the workbench wrote it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hostUri } from '../../../src/chat/droppedUris';

const ON_REMOTE = { readsRemoteScheme: false };

test('a remote workspace’s file is read as the host’s file URI, its path kept encoded', () => {
  assert.equal(hostUri('vscode-remote://127.0.0.1:40907/tmp/w/notes.md', ON_REMOTE), 'file:///tmp/w/notes.md');
  assert.equal(hostUri('VSCODE-REMOTE://ssh-remote%2Bbox/home/me/a%20b.ts', ON_REMOTE), 'file:///home/me/a%20b.ts');
  assert.equal(hostUri('vscode-remote://host/w/a.ts?x=1#L3', ON_REMOTE), 'file:///w/a.ts');
  assert.equal(hostUri('vscode-remote://host', ON_REMOTE), 'file:///');
});

test('other URIs, and remote ones on a host that reads them itself, are left as they are', () => {
  assert.equal(hostUri('file:///w/a.ts', ON_REMOTE), 'file:///w/a.ts');
  assert.equal(hostUri('untitled:Untitled-1', ON_REMOTE), 'untitled:Untitled-1');
  const remote = 'vscode-remote://host/w/a.ts';
  assert.equal(hostUri(remote, { readsRemoteScheme: true }), remote);
});
