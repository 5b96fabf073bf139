// Nothing outside the checkout: `npm start` and the integration run, each started with HOME pointing at a new empty
// folder, leave that folder empty (code-server's config, VS Code's caches and Chromium's files go to the checkout's
// git-ignored sandbox home or a temporary folder).
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe } from 'node:test';
import { it } from '../support/ui';
import { repoRoot } from '../support/vscode-host.mjs';
import { launchBrowser } from '../support/workbench.mjs';

const emptyHomes: string[] = [];

/** A new empty home, and the environment of a process that knows no other: no XDG folders, no npm user config. */
function withEmptyHome(): { home: string; env: NodeJS.ProcessEnv } {
  const home = mkdtempSync(path.join(os.tmpdir(), 'vitalentum-home-'));
  emptyHomes.push(home);
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith('XDG_') && !key.startsWith('npm_config_')),
  );
  return { home, env: { ...env, HOME: home } };
}

/** Everything in `home`, as relative paths, npm's own cache and logs aside. */
function leftIn(home: string): string[] {
  return readdirSync(home, { recursive: true, encoding: 'utf8' })
    .filter((entry) => entry !== '.npm' && !entry.startsWith(`.npm${path.sep}`))
    .sort();
}

function exited(child: ChildProcess, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    const timer = setTimeout(() => reject(new Error(`the process did not exit within ${timeoutMs} ms`)), timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code ?? 1);
    });
  });
}

/** Resolves with the first match of `pattern` in the child's standard output. */
function printed(child: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<string> {
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not printed within ${timeoutMs} ms:\n${output}`)), timeoutMs);
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      const match = pattern.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[0]);
      }
    });
  });
}

describe('the user home folder', () => {
  after(() => {
    for (const home of emptyHomes) rmSync(home, { recursive: true, force: true });
  });

  it('is left empty by npm start, with a question asked in the chat', async () => {
    const { home, env } = withEmptyHome();
    const start = spawn(process.execPath, ['scripts/start.mjs'], {
      cwd: repoRoot,
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const browser = await launchBrowser();
    try {
      const url = await printed(start, /http:\/\/127\.0\.0\.1:\d+\/\?folder=\S+/, 120_000);
      const page = await browser.newPage();
      page.setDefaultTimeout(60_000);
      await page.goto(url);
      await page.locator('.activitybar [aria-label^="Vitalentum"]').first().waitFor();
      await page.keyboard.press('F1');
      await page.locator('.quick-input-widget input').fill('>Ask Vitalentum');
      await page.keyboard.press('Enter');
      const chat = await findFrame(page, '[data-testid="input"]', 30_000);
      await chat.locator('[data-testid="input"]').fill('Hello from an empty home');
      await chat.locator('[data-testid="input"]').press('Enter');
      await chat.waitForFunction(
        () => (document.querySelector('[data-role="assistant"]')?.textContent ?? '').trim().length > 0,
      );
    } finally {
      await browser.close();
      start.kill('SIGINT');
    }
    assert.equal(await exited(start, 15_000), 0);
    assert.deepEqual(leftIn(home), [], `npm start wrote into the user's home`);
  });

  it('is left empty by the integration run in a real VS Code', async () => {
    const { home, env } = withEmptyHome();
    const run = spawn(process.execPath, ['test/support/run-offline.mjs'], { cwd: repoRoot, env, stdio: 'ignore' });
    assert.equal(await exited(run, 180_000), 0, 'the integration run failed');
    assert.deepEqual(leftIn(home), [], `the integration run wrote into the user's home`);
  });
});

async function findFrame(page: import('playwright-core').Page, selector: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const frame of page.frames()) {
      if ((await frame.$(selector).catch(() => null)) !== null) return frame;
    }
    if (Date.now() > deadline) throw new Error(`no frame shows ${selector} within ${timeoutMs} ms`);
    await page.waitForTimeout(100);
  }
}
