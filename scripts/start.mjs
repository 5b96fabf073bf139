// `npm start`: the extension in a real VS Code (code-server in the browser), talking to the project's own local
// Vitalentum-protocol server, which streams a markdown answer at a human pace. Prints the URL to open; Ctrl-C stops
// everything it started. Options: --port N (code-server's port, default a free one).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { copyFixtureWorkspace, ensureCodeServer, repoRoot, startCodeServer } from '../test/support/vscode-host.mjs';

const portArg = process.argv.indexOf('--port');
const requestedPort = portArg > 0 ? Number(process.argv[portArg + 1]) : 0;

function say(message) {
  console.log(`[start] ${message}`);
}

async function loadProtocolServer() {
  const outfile = path.join(repoRoot, 'out', 'support', 'protocolServer.mjs');
  await esbuild.build({
    entryPoints: [path.join(repoRoot, 'test', 'support', 'protocolServer.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    logLevel: 'warning',
  });
  return import(outfile);
}

say('building the extension');
execFileSync(process.execPath, ['esbuild.js'], { cwd: repoRoot, stdio: 'inherit' });
ensureCodeServer();

const { startProtocolServer } = await loadProtocolServer();
const chatServer = await startProtocolServer({ paceMs: 40 });
say(`demo chat server (Vitalentum protocol) at ${chatServer.url}`);

const scratch = mkdtempSync(path.join(os.tmpdir(), 'vitalentum-demo-'));
const workspace = copyFixtureWorkspace(scratch);
const vscode = await startCodeServer({
  port: requestedPort,
  userDataDir: path.join(scratch, 'user-data'),
  extensionsDir: path.join(scratch, 'extensions'),
  folder: workspace,
  settings: { 'vitalentum.baseUrl': chatServer.url, 'workbench.colorTheme': 'Default Dark Modern' },
  installExtension: true,
});

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  say('stopping');
  vscode.stop();
  await chatServer.close();
  rmSync(scratch, { recursive: true, force: true });
  process.exit(0);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

console.log(
  `\n  Ask Vitalentum is running in VS Code at:\n\n    ${vscode.url}/?folder=${encodeURIComponent(workspace)}\n`,
);
console.log(
  '  Open the command palette (F1) and run "Ask Vitalentum", or click the Vitalentum icon in the activity bar.',
);
console.log('  Press Ctrl-C to stop.\n');
