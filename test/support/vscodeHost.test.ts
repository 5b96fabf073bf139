// The offline VS Code host's install checks: the version line wherever code-server prints it, and Node's headers for
// offline native rebuilds.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { nodeHeadersDir, readsVersion } from './vscode-host.mjs';

describe('readsVersion', () => {
  it('finds the version line after the lines a first start prints', () => {
    const firstRun =
      '[2026-11-25T10:00:00.000Z] info  Wrote default config file to /tmp/h/.config/code-server/config.yaml\n' +
      '4.100.3 2c0a5ba1fd2ba6b7f5ed7ff2bb1ff7e0e3f1b94b with Code 1.100.3\n';
    assert.equal(readsVersion(firstRun, '4.100.3'), true);
  });

  it('refuses another version, one that only starts the same, and no output', () => {
    assert.equal(readsVersion('4.99.0 abc with Code 1.99.0\n', '4.100.3'), false);
    assert.equal(readsVersion('4.100.30 abc with Code 1.100.3\n', '4.100.3'), false);
    assert.equal(readsVersion('Wrote 4.100.3 somewhere\n', '4.100.3'), false);
    assert.equal(readsVersion('', '4.100.3'), false);
  });
});

describe('nodeHeadersDir', () => {
  const prefix = mkdtempSync(path.join(os.tmpdir(), 'vitalentum-node-prefix-'));
  const execPath = path.join(prefix, 'bin', 'node');
  const header = path.join(prefix, 'include', 'node', 'node_version.h');
  after(() => rmSync(prefix, { recursive: true, force: true }));

  function writeHeader(major: number, minor: number, patch: number) {
    mkdirSync(path.dirname(header), { recursive: true });
    writeFileSync(
      header,
      `#ifndef SRC_NODE_VERSION_H_\n#define NODE_MAJOR_VERSION ${major}\n#define NODE_MINOR_VERSION ${minor}\n` +
        `#define NODE_PATCH_VERSION ${patch}\n#define NODE_VERSION_IS_RELEASE 1\n#endif\n`,
    );
  }

  it('names the package that provides the headers when they are missing', () => {
    assert.throws(() => nodeHeadersDir(execPath, 'v20.20.2'), /node_version\.h.*Debian: the nodejs package/s);
  });

  it('is the prefix beside Node when the headers match the running version', () => {
    writeHeader(20, 20, 2);
    assert.equal(nodeHeadersDir(execPath, 'v20.20.2'), prefix);
  });

  it('refuses headers of another Node version', () => {
    writeHeader(20, 18, 1);
    assert.throws(() => nodeHeadersDir(execPath, 'v20.20.2'), /are for v20\.18\.1, but this is Node v20\.20\.2/);
  });

  it('finds the headers of the Node that runs this test', () => {
    assert.equal(nodeHeadersDir(), path.resolve(path.dirname(process.execPath), '..'));
  });
});
