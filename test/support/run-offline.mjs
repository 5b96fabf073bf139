// Runs the integration suite (test/integration, mocha) inside the real extension host of an offline VS Code
// (code-server), driven through Chromium. Exit code: the suite's. Usage: node test/support/run-offline.mjs
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { format } from 'node:util';
import { buildIntegrationSuite } from './build-tests.mjs';
import { copyFixtureWorkspace, ensureCodeServer, startCodeServer } from './vscode-host.mjs';
import { launchBrowser, openWorkbench, saveScreenshot } from './workbench.mjs';

const SUITE_TIMEOUT_MS = 10 * 60_000;

async function main() {
  ensureCodeServer();
  const suiteIndex = await buildIntegrationSuite();
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'vitalentum-it-'));
  const workspace = copyFixtureWorkspace(scratch);
  const server = await startCodeServer({
    userDataDir: path.join(scratch, 'user-data'),
    extensionsDir: path.join(scratch, 'extensions'),
    folder: workspace,
  });
  const browser = await launchBrowser();
  let page;
  try {
    const exitCode = await new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error('the integration suite did not finish in time')),
        SUITE_TIMEOUT_MS,
      );
      openWorkbench({
        browser,
        server,
        folder: workspace,
        extensionTestsPath: suiteIndex,
        onExit: (code) => {
          clearTimeout(timer);
          resolve(code);
        },
        onLog: (type, args) => {
          const line = format(...(Array.isArray(args) ? args : [args]));
          (type === 'error' ? process.stderr : process.stdout).write(`${line}\n`);
        },
      }).then((opened) => (page = opened.page), reject);
    });
    if (exitCode !== 0 && page) await saveScreenshot(page, 'integration-failure');
    return exitCode;
  } finally {
    await browser.close();
    server.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    console.log('integration: 0 passed, 1 failed');
    process.exit(1);
  },
);
