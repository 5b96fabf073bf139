// Opens the VS Code workbench that code-server serves in Chromium driven by playwright-core, with this extension
// loaded from its development folder and, optionally, a test suite run in the real extension host.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumPath, repoRoot, sandboxEnv } from './vscode-host.mjs';

export const screenshotsDir = path.join(repoRoot, 'test-results', 'screenshots');

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** The workbench's page size in every session that does not ask for another. */
const DEFAULT_PAGE_SIZE = { width: 1400, height: 900 };
const WINDOW_RESIZE_TIMEOUT_MS = 10_000;

/**
 * Makes the page's own window show `size` of page. Headless Chromium draws a window with its toolbar: with an emulated
 * viewport the window is only the viewport's size, so the bottom of the page (the chat's composer, the status bar)
 * lies below the window's edge. It is laid out and painted, and screenshots show it, but the display never draws it,
 * so a change there alone is never presented and its key presses wait for the next frame that changes something
 * above it: the timings of the benches would measure the test's window rather than the chat.
 */
async function sizeWindowToPage(page, size) {
  const session = await page.context().newCDPSession(page);
  try {
    const { windowId, bounds } = await session.send('Browser.getWindowForTarget');
    const inner = await page.evaluate(() => ({ width: globalThis.innerWidth, height: globalThis.innerHeight }));
    await session.send('Browser.setWindowBounds', {
      windowId,
      bounds: { width: bounds.width + size.width - inner.width, height: bounds.height + size.height - inner.height },
    });
    await page.waitForFunction(
      ({ width, height }) => globalThis.innerWidth === width && globalThis.innerHeight === height,
      size,
      { timeout: WINDOW_RESIZE_TIMEOUT_MS },
    );
  } finally {
    await session.detach();
  }
}

/**
 * Run as root, Chromium raises its browser, IO and compositor threads to nice -8, which a browser or VS Code run by a
 * user cannot. On two cores the extension host then waited behind them, up to 14 ms at a time while a reply streamed,
 * with the other core idle part of it (seen with `perf sched`). As root, Chromium is started without that capability.
 */
const WITHOUT_NICE = path.join(repoRoot, 'test', 'support', 'chromiumWithoutNice.sh');

export async function launchBrowser() {
  const asRoot = process.getuid?.() === 0;
  return chromium.launch({
    executablePath: asRoot ? WITHOUT_NICE : chromiumPath,
    headless: true,
    args: CHROMIUM_ARGS,
    // Chromium writes its NSS database and font cache under HOME even with a temporary profile.
    env: sandboxEnv(asRoot ? { VITALENTUM_CHROMIUM: chromiumPath } : {}),
  });
}

/**
 * @param {{ browser: import('playwright-core').Browser, server: { url: string, port: number }, folder: string,
 *   extensionTestsPath?: string, onExit?: (code: number) => void, onLog?: (type: string, args: unknown[]) => void,
 *   viewport?: { width: number, height: number }, colorScheme?: 'light' | 'dark', language?: string,
 *   extensionPath?: string }} options
 */
export async function openWorkbench({
  browser,
  server,
  folder,
  extensionTestsPath,
  onExit,
  onLog,
  viewport,
  colorScheme,
  language,
  extensionPath = repoRoot,
}) {
  const context = await browser.newContext({
    // The default size is the window's own (sized below), not an emulated one: see sizeWindowToPage.
    viewport: viewport ?? null,
    colorScheme: colorScheme ?? 'dark',
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  if (language) {
    // The display language is what a language pack's NLS script declares before the workbench loads. None is
    // installed offline, so the page declares it itself: the workbench stays English, but vscode.env.language is
    // `language` and VS Code loads the extension's package.nls.<language>.json and l10n bundle, as for a user.
    await context.addInitScript((name) => {
      globalThis._VSCODE_NLS_LANGUAGE = name;
    }, language);
  }
  const page = await context.newPage();
  if (!viewport) await sizeWindowToPage(page, DEFAULT_PAGE_SIZE);
  await page.exposeFunction('codeAutomationExit', (code) => onExit?.(Number(code)));
  await page.exposeFunction('codeAutomationLog', (type, args) => onLog?.(String(type), args));
  const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${p}`;
  const payload = [
    ['extensionDevelopmentPath', remote(extensionPath)],
    ['skipWelcome', 'true'],
    ['skipReleaseNotes', 'true'],
  ];
  if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
  const url = `${server.url}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  await page.goto(url);
  return { context, page, url };
}

export async function saveScreenshot(page, name) {
  mkdirSync(screenshotsDir, { recursive: true });
  const file = path.join(screenshotsDir, `${name.replace(/[^\w.-]+/g, '_')}.png`);
  await page.screenshot({ path: file }).catch((error) => process.stderr.write(`screenshot ${name} failed: ${error}\n`));
  return file;
}
