// Drives the offline VS Code as a person would: the command palette, the chat webview's input and buttons, what
// the chat shows. One `VSCodeSession` is one code-server with its own user data, one browser page.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { copyFixtureWorkspace, startCodeServer } from './vscode-host.mjs';
import { launchBrowser, openWorkbench, saveScreenshot } from './workbench.mjs';

export interface SessionOptions {
  /** User settings written before VS Code starts (merged over the harness's own). */
  settings?: Record<string, unknown>;
  colorScheme?: 'light' | 'dark';
}

export class VSCodeSession {
  private constructor(
    readonly page: Page,
    private readonly context: BrowserContext,
    private readonly browser: Browser,
    private readonly server: { url: string; port: number; stop(): void; output(): string },
    private readonly scratch: string,
    private readonly userDataDir: string,
    /** The scratch copy of the fixture workspace that this VS Code has open. */
    readonly workspace: string,
  ) {}

  static async start(options: SessionOptions = {}): Promise<VSCodeSession> {
    const scratch = mkdtempSync(path.join(os.tmpdir(), 'vitalentum-ui-'));
    const userDataDir = path.join(scratch, 'user-data');
    const workspace = copyFixtureWorkspace(scratch);
    const server = await startCodeServer({
      userDataDir,
      extensionsDir: path.join(scratch, 'extensions'),
      folder: workspace,
      settings: {
        'workbench.colorTheme': options.colorScheme === 'light' ? 'Default Light Modern' : 'Default Dark Modern',
        ...options.settings,
      },
    });
    const browser = await launchBrowser();
    const { page, context } = await openWorkbench({
      browser,
      server,
      folder: workspace,
      colorScheme: options.colorScheme,
    });
    const session = new VSCodeSession(page, context, browser, server, scratch, userDataDir, workspace);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    // The activity bar shows the extension's container once the development extension is loaded.
    await page.locator('.activitybar [aria-label^="Vitalentum"]').first().waitFor({ timeout: 60_000 });
    return session;
  }

  /** Rewrites the user settings file; VS Code picks the change up while running. */
  writeSettings(settings: Record<string, unknown>): void {
    writeFileSync(path.join(this.userDataDir, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  }

  async runCommand(title: string): Promise<void> {
    const input = this.page.locator('.quick-input-widget input');
    await this.page.keyboard.press('F1');
    await input.waitFor({ state: 'visible' });
    await input.fill(`>${title}`);
    const row = this.page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first();
    await row.waitFor({ state: 'visible' });
    await this.page.waitForTimeout(100);
    await input.press('Enter');
    await input.waitFor({ state: 'hidden' });
  }

  /** The frame of a webview (the chat panel or the sidebar) that shows `selector`, waiting for it to appear. */
  async webviewFrame(selector: string, where: 'panel' | 'sidebar' | 'any' = 'any', timeoutMs = 20_000): Promise<Frame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      for (const frame of this.page.frames()) {
        if (frame === this.page.mainFrame()) continue;
        if ((await frame.$(selector).catch(() => null)) === null) continue;
        if (where === 'any' || (await this.frameLocation(frame)) === where) return frame;
      }
      if (Date.now() > deadline) throw new Error(`no webview shows ${selector} (${where})`);
      await this.page.waitForTimeout(100);
    }
  }

  private async frameLocation(frame: Frame): Promise<'panel' | 'sidebar'> {
    const outer = frame.parentFrame();
    const element = outer ? await outer.frameElement().catch(() => null) : null;
    if (!element) return 'panel';
    const box = await element.boundingBox();
    const sidebar = await this.page.locator('.part.sidebar').boundingBox();
    return box && sidebar && box.x >= sidebar.x && box.x < sidebar.x + sidebar.width ? 'sidebar' : 'panel';
  }

  async screenshot(name: string): Promise<string> {
    return saveScreenshot(this.page, name);
  }

  async reload(): Promise<void> {
    await this.page.reload();
    await this.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  }

  async close(): Promise<void> {
    await this.context.close().catch(() => undefined);
    await this.browser.close().catch(() => undefined);
    this.server.stop();
    rmSync(this.scratch, { recursive: true, force: true });
  }
}
