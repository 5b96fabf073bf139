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

export async function launchBrowser() {
  // Chromium writes its NSS database and font cache under HOME even with a temporary profile.
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: CHROMIUM_ARGS, env: sandboxEnv() });
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
    viewport: viewport ?? { width: 1400, height: 900 },
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
