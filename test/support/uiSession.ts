// One VS Code as a person drives it: an offline code-server with its own user data and the extension loaded, one
// browser page; the command palette, the Explorer, the chat webview's frame, the extension's log, screenshots.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { filesNamed } from './filesNamed';
import { copyFixtureWorkspace, startCodeServer } from './vscode-host.mjs';
import { launchBrowser, openWorkbench, saveScreenshot } from './workbench.mjs';

/** How long playwright waits for an element, a condition or a navigation when a call names no timeout. */
const ACTION_TIMEOUT_MS = 30_000;

export interface SessionOptions {
  /** User settings written before VS Code starts (merged over the harness's own). */
  settings?: Record<string, unknown>;
  colorScheme?: 'light' | 'dark';
  /** VS Code's display language (`vscode.env.language`) when not English, for example `de`. */
  language?: string;
  /** Workspace trust on and the folder left untrusted: VS Code's restricted mode (trust is off otherwise). */
  restricted?: boolean;
  /** The extension's folder (default: this checkout); the benches load a production build. */
  extensionPath?: string;
  /** Variables added to the environment of code-server and so of the extension host. */
  env?: Record<string, string>;
  /** Runs once the user-data folder exists, before VS Code starts (a bench writes stored conversations there). */
  prepareUserData?: (userDataDir: string) => void;
  /**
   * Runs once the workspace is copied, before VS Code starts: files made there are in the Explorer from the start,
   * where files made later wait for the file watcher, which a loaded machine delays.
   */
  prepareWorkspace?: (workspace: string) => void;
}

export class VSCodeSession {
  private constructor(
    readonly page: Page,
    private readonly context: BrowserContext,
    private readonly browser: Browser,
    private readonly server: { url: string; port: number; pid?: number; stop(): void; output(): string },
    private readonly scratch: string,
    /** This VS Code's user-data folder: settings, logs, the extension's global storage. */
    readonly userDataDir: string,
    /** The scratch copy of the fixture workspace that this VS Code has open. */
    readonly workspace: string,
  ) {}

  /**
   * Starts code-server and the browser, and waits for the workbench with the extension loaded. A start that fails
   * (the browser was seen to close while the workbench loaded) is tried once more, from scratch.
   */
  static async start(options: SessionOptions = {}): Promise<VSCodeSession> {
    try {
      return await VSCodeSession.startOnce(options);
    } catch (error) {
      console.log(`VS Code did not start (${String(error).split('\n')[0]}); starting it again`);
      return VSCodeSession.startOnce(options);
    }
  }

  private static async startOnce(options: SessionOptions): Promise<VSCodeSession> {
    const scratch = mkdtempSync(path.join(os.tmpdir(), 'vitalentum-ui-'));
    const userDataDir = path.join(scratch, 'user-data');
    const workspace = copyFixtureWorkspace(scratch);
    mkdirSync(userDataDir, { recursive: true });
    options.prepareUserData?.(userDataDir);
    options.prepareWorkspace?.(workspace);
    const server = await startCodeServer({
      userDataDir,
      extensionsDir: path.join(scratch, 'extensions'),
      folder: workspace,
      settings: options.settings,
      restricted: options.restricted,
      env: options.env,
    });
    const browser = await launchBrowser();
    const { page, context } = await openWorkbench({
      browser,
      server,
      folder: workspace,
      colorScheme: options.colorScheme,
      language: options.language,
      extensionPath: options.extensionPath,
    });
    context.setDefaultTimeout(ACTION_TIMEOUT_MS);
    const session = new VSCodeSession(page, context, browser, server, scratch, userDataDir, workspace);
    try {
      await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
      // The activity bar shows the extension's container once the development extension is loaded.
      await page.locator('.activitybar [aria-label^="Vitalentum"]').first().waitFor({ timeout: 60_000 });
      // A development window does not apply the user's theme setting, so the theme is picked as a person would.
      await session.setColorTheme(options.colorScheme === 'light' ? 'Light Modern' : 'Dark Modern');
    } catch (error) {
      await session.screenshot('session-start-failure');
      await session.close();
      throw error;
    }
    return session;
  }

  /** The code-server process; its extension host is one of its descendants. */
  get codeServerPid(): number {
    if (this.server.pid === undefined) throw new Error('code-server was started without a process id');
    return this.server.pid;
  }

  /** Moves keyboard focus out of a webview, whose frame would otherwise receive the workbench's shortcuts. */
  async focusWorkbench(): Promise<void> {
    await this.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  }

  /** Runs a command from the palette by its title; `opensPicker` for commands that answer with another quick pick. */
  async runCommand(title: string, { opensPicker = false } = {}): Promise<void> {
    const input = this.page.locator('.quick-input-widget input');
    // An editor that takes the focus just then (a diff closing, say) closes the palette: open it again, twice at most.
    for (let attempt = 1; ; attempt++) {
      await this.focusWorkbench();
      await this.page.keyboard.press('F1');
      try {
        // Typed only once the palette holds the focus: typed earlier, the title would land in whatever has it.
        await this.page.waitForFunction(
          () => document.activeElement?.matches('.quick-input-widget input') === true,
          undefined,
          { timeout: 5_000 },
        );
        await input.fill(`>${title}`, { timeout: 5_000 });
        await this.pickRow(title, 10_000);
        break;
      } catch (error) {
        if (attempt === 3) throw error;
      }
    }
    if (!opensPicker) return input.waitFor({ state: 'hidden' });
    // The palette hides before the command runs: wait for the command's own picker, shown and holding the focus.
    const picker = () => this.waitForPicker(title, { focused: true }, 3_000);
    await picker().catch(async () => {
      // The palette, hiding, gives the focus back to what had it (the chat's webview, say), on a busy machine after
      // the command's picker took it; the picker stays (it ignores focus out), and a person clicks into it.
      await this.waitForPicker(title, { focused: false }, 12_000);
      await input.click();
      await picker();
    });
  }

  /** Waits for a command's picker (not the palette) to show, and to hold the focus when `focused`. */
  private async waitForPicker(title: string, { focused }: { focused: boolean }, timeout: number): Promise<void> {
    await this.page
      .waitForFunction(
        (needsFocus) => {
          const field = document.querySelector<HTMLInputElement>('.quick-input-widget input');
          if (field === null || !field.checkVisibility() || field.value.startsWith('>')) return false;
          return !needsFocus || document.activeElement === field;
        },
        focused,
        { timeout },
      )
      .catch(async (error: unknown) => {
        const what = focused ? 'no picker holding the focus' : 'no picker';
        throw new Error(`${title} showed ${what}: ${await this.describeFocus()}`, { cause: error });
      });
  }

  /** What has the focus, what the quick input shows and which notifications are up: why a picker did not come. */
  private describeFocus(): Promise<string> {
    return this.page.evaluate(() => {
      const active = document.activeElement;
      const field = document.querySelector<HTMLInputElement>('.quick-input-widget input');
      const title = document.querySelector('.quick-input-widget .quick-input-title')?.textContent;
      const toasts = [...document.querySelectorAll('.notification-toast .notification-list-item-message')];
      return JSON.stringify({
        focus: active ? `${active.tagName.toLowerCase()}.${active.className}` : null,
        picker: field ? { visible: field.checkVisibility(), title, value: field.value } : null,
        notifications: toasts.map((toast) => toast.textContent),
      });
    });
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
      if (Date.now() > deadline) {
        const frames = await this.describeFrames(selector);
        throw new Error(`no webview shows ${selector} (${where}); frames: ${frames}; ${await this.describeFocus()}`);
      }
      await this.page.waitForTimeout(100);
    }
  }

  /** Each frame of the page: its address's end, whether it shows `selector`, and where it is. */
  private async describeFrames(selector: string): Promise<string> {
    const described = [];
    for (const frame of this.page.frames()) {
      if (frame === this.page.mainFrame()) continue;
      const shows = (await frame.$(selector).catch(() => null)) !== null;
      described.push(`${frame.url().slice(-60)} ${shows ? 'shows it' : 'not'} in ${await this.frameLocation(frame)}`);
    }
    return described.length > 0 ? described.join('; ') : 'none';
  }

  private async frameLocation(frame: Frame): Promise<'panel' | 'sidebar'> {
    const outer = frame.parentFrame();
    const element = outer ? await outer.frameElement().catch(() => null) : null;
    if (!element) return 'panel';
    const box = await element.boundingBox();
    const sidebar = await this.page.locator('.part.sidebar').boundingBox();
    return box && sidebar && box.x >= sidebar.x && box.x < sidebar.x + sidebar.width ? 'sidebar' : 'panel';
  }

  /** Picks the quick-input row whose label is exactly `label`. */
  async pickRow(label: string, timeoutMs = ACTION_TIMEOUT_MS): Promise<void> {
    const exact = new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
    const row = this.page
      .locator('.quick-input-widget .monaco-list-row')
      .filter({ has: this.page.locator('.label-name', { hasText: exact }) })
      .first();
    await row.click({ timeout: timeoutMs });
  }

  async setColorTheme(label: string): Promise<void> {
    await this.runCommand('Preferences: Color Theme', { opensPicker: true });
    const input = this.page.locator('.quick-input-widget input');
    await input.fill(label);
    await this.pickRow(label);
    await input.waitFor({ state: 'hidden' });
  }

  /** Opens a workspace file from the Explorer, as a person would, and puts the keyboard focus in its editor. */
  async openFile(name: string): Promise<void> {
    const row = this.page.locator(`.explorer-folders-view .monaco-list-row[aria-label^="${name}"]`);
    if (!(await row.isVisible())) await this.runCommand('View: Show Explorer');
    const tab = this.page.locator(`.tab.active[aria-label^="${name}"]`).first();
    // A click while the workbench is still restoring its editors can go unheeded: click again, twice at most.
    for (let attempt = 1; ; attempt++) {
      await row.click();
      try {
        await tab.waitFor({ timeout: 10_000 });
        break;
      } catch (error) {
        if (attempt === 3) throw error;
      }
    }
    await this.page.locator('.editor-group-container.active .monaco-editor .view-lines').click();
  }

  /** The files of the extension's "Vitalentum" log channel, from every window and reload of this session. */
  chatLogFiles(): string[] {
    return filesNamed(path.join(this.userDataDir, 'logs'), /Vitalentum\.log$/);
  }

  chatLog(): string {
    return this.chatLogFiles()
      .map((file) => readFileSync(file, 'utf8'))
      .join('\n');
  }

  /** Waits until the chat log has `count` lines matching `pattern` (the log reaches its file shortly after). */
  async waitForLogLines(pattern: RegExp, count = 1, timeoutMs = 15_000): Promise<string[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const lines = this.chatLog()
        .split('\n')
        .filter((line) => pattern.test(line));
      if (lines.length >= count) return lines;
      if (Date.now() > deadline) throw new Error(`the chat log has ${lines.length} lines matching ${pattern}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  async screenshot(name: string): Promise<string> {
    return saveScreenshot(this.page, name);
  }

  /**
   * Reloads the window as a person does, through VS Code's Reload Window, which stores the workbench's state (the open
   * editors among it) first; or, with `page`, through the browser's reload, which can come before it is stored.
   */
  async reload(how: 'window' | 'page' = 'window'): Promise<void> {
    if (how === 'page') await this.page.reload();
    else {
      const loaded = this.page.waitForEvent('load', { timeout: 60_000 });
      await this.runCommand('Developer: Reload Window');
      await loaded;
    }
    await this.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  }

  async close(): Promise<void> {
    await this.context.close().catch(() => undefined);
    await this.browser.close().catch(() => undefined);
    this.server.stop();
    rmSync(this.scratch, { recursive: true, force: true });
  }
}
