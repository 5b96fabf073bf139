// The API key is read from the secret storage once, then kept until it changes: through the commands of this window
// (at once, whether or not the storage's event has come) or in another window (the storage's change event).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { ApiKey } from '../../../src/host/apiKey';
import { API_KEY_SECRET } from '../../../src/config/ids';

/** A secret storage that counts its reads and sends change events only when the test says so. */
function secretStorage() {
  const values = new Map<string, string>();
  const listeners = new Set<(event: vscode.SecretStorageChangeEvent) => void>();
  let reads = 0;
  let failure: Error | undefined;
  let hold: Promise<void> | undefined;
  const storage = {
    get: async (key: string) => {
      reads++;
      const value = values.get(key);
      await hold;
      if (failure) throw failure;
      return value;
    },
    store: (key: string, value: string) => {
      values.set(key, value);
      return Promise.resolve();
    },
    delete: (key: string) => {
      values.delete(key);
      return Promise.resolve();
    },
    keys: () => Promise.resolve([...values.keys()]),
    onDidChange: (listener: (event: vscode.SecretStorageChangeEvent) => void) => {
      listeners.add(listener);
      return { dispose: () => listeners.delete(listener) };
    },
  };
  return {
    storage: storage as unknown as vscode.SecretStorage,
    /** Another window changed a secret. */
    changeElsewhere: (key: string, value: string) => {
      values.set(key, value);
      for (const listener of listeners) listener({ key });
    },
    fail: (error: Error | undefined) => (failure = error),
    /** Reads wait until the returned function is called. */
    holdReads: () => {
      let release!: () => void;
      hold = new Promise((resolve) => (release = resolve));
      return () => {
        hold = undefined;
        release();
      };
    },
    get reads() {
      return reads;
    },
    get listeners() {
      return listeners.size;
    },
  };
}

describe('the API key', () => {
  it('is read once for any number of requests', async () => {
    const secrets = secretStorage();
    const key = new ApiKey(secrets.storage);
    assert.equal(await key.get(), undefined);
    assert.equal(await key.get(), undefined);
    await key.store('sk-one');
    assert.equal(await key.get(), 'sk-one');
    assert.equal(await key.get(), 'sk-one');
    assert.equal(secrets.reads, 2);
  });

  it('is the new one right after Set API Key or Clear API Key, before any change event', async () => {
    const secrets = secretStorage();
    const key = new ApiKey(secrets.storage);
    await key.store('sk-old');
    assert.equal(await key.get(), 'sk-old');
    await key.store('sk-new');
    assert.equal(await key.get(), 'sk-new');
    await key.clear();
    assert.equal(await key.get(), undefined);
  });

  it('is read again when another window changes it, and not for changes to other secrets', async () => {
    const secrets = secretStorage();
    const key = new ApiKey(secrets.storage);
    await key.store('sk-here');
    assert.equal(await key.get(), 'sk-here');
    secrets.changeElsewhere('someone.else', 'x');
    assert.equal(await key.get(), 'sk-here');
    const reads = secrets.reads;
    assert.equal(reads, 1);
    secrets.changeElsewhere(API_KEY_SECRET, 'sk-there');
    assert.equal(await key.get(), 'sk-there');
    assert.equal(secrets.reads, reads + 1);
  });

  it('is not kept when the storage fails: the next request reads it again and gets it once the storage answers', async () => {
    const secrets = secretStorage();
    const key = new ApiKey(secrets.storage);
    await key.store('sk-kept');
    secrets.fail(new Error('the keyring is locked'));
    await assert.rejects(key.get(), /keyring is locked/);
    await assert.rejects(key.get(), /keyring is locked/);
    secrets.fail(undefined);
    assert.equal(await key.get(), 'sk-kept');
    assert.equal(await key.get(), 'sk-kept');
    assert.equal(secrets.reads, 3);
  });

  it('answers a read under way with what it read, and the requests after a change with the new key', async () => {
    const secrets = secretStorage();
    const key = new ApiKey(secrets.storage);
    await key.store('sk-before');
    const release = secrets.holdReads();
    const early = key.get();
    secrets.changeElsewhere(API_KEY_SECRET, 'sk-after');
    const late = key.get();
    release();
    assert.equal(await early, 'sk-before');
    assert.equal(await late, 'sk-after');
    assert.equal(await key.get(), 'sk-after');
  });

  it('stops listening once disposed', () => {
    const secrets = secretStorage();
    const key = new ApiKey(secrets.storage);
    assert.equal(secrets.listeners, 1);
    key.dispose();
    assert.equal(secrets.listeners, 0);
  });
});
