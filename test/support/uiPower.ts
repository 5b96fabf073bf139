// What the power-feature UI suite reads beyond test/support/ui.ts: the requests the local server received, a reply's
// details, the session's settings file as it is on disk, the notifications VS Code keeps in its notification center,
// and the text of the active editor.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ProtocolServer, RecordedRequest } from './protocolServer';
import type { ChatView, VSCodeSession } from './ui';

export function chatRequests(server: ProtocolServer, route: string): RecordedRequest[] {
  return server.requests.filter((r) => r.path === route);
}

export function humanTexts(request: RecordedRequest | undefined): string[] {
  return (request?.history ?? []).filter((h) => h.speaker === 'human').map((h) => h.text);
}

/** Waits until the server has received `count` requests to `route` and returns the last. */
export async function nthRequest(server: ProtocolServer, route: string, count: number): Promise<RecordedRequest> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const requests = chatRequests(server, route);
    if (requests.length >= count) return requests[count - 1];
    if (Date.now() > deadline) throw new Error(`the server received ${requests.length} requests, not ${count}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The label/value rows of the last reply's details, which must be open. */
export async function detailRows(chat: ChatView): Promise<Map<string, string>> {
  const details = chat.lastReply().locator('[data-testid="details"]');
  await details.waitFor({ state: 'visible' });
  const terms = await details.locator('dt').allInnerTexts();
  const values = await details.locator('dd').allInnerTexts();
  return new Map(terms.map((term, i) => [term, values[i]]));
}

export function settingsFile(session: VSCodeSession): string {
  return path.join(session.userDataDir, 'User', 'settings.json');
}

/** The user settings as VS Code keeps them on disk. */
export function readSettings(session: VSCodeSession): Record<string, unknown> {
  return JSON.parse(readFileSync(settingsFile(session), 'utf8')) as Record<string, unknown>;
}

/**
 * The messages of every notification shown so far, from the notification center (toasts hide themselves after a
 * while; the center keeps them all). Leaves the center closed.
 */
export async function notificationMessages(session: VSCodeSession): Promise<string[]> {
  await session.runCommand('Notifications: Show Notifications');
  const center = session.page.locator('.notifications-center');
  await center.waitFor({ state: 'visible' });
  const messages = await center.locator('.notification-list-item-message').allInnerTexts();
  await session.runCommand('Notifications: Hide Notifications');
  await center.waitFor({ state: 'hidden' });
  return messages;
}

/** The whole text of the editor that has the keyboard focus, through the clipboard as a person would copy it. */
export async function activeEditorText(session: VSCodeSession): Promise<string> {
  const page = session.page;
  const sentinel = `clipboard-before-copy-${Date.now()}`;
  // The clipboard answers only a focused document, which the click gives the workbench.
  await page.locator('.editor-group-container.active .monaco-editor .view-lines').click();
  await page.evaluate((text) => navigator.clipboard.writeText(text), sentinel);
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+C');
  const deadline = Date.now() + 10_000;
  for (;;) {
    const text = await page.evaluate(() => navigator.clipboard.readText());
    if (text !== sentinel) {
      // A selection left behind would be offered to the next chat as context.
      await page.keyboard.press('Control+Home');
      return text;
    }
    if (Date.now() > deadline) throw new Error('copying the editor text did not reach the clipboard');
    await page.waitForTimeout(100);
  }
}

/**
 * Replaces the user settings as a person would in the settings.json editor: open it, paste, save. VS Code applies
 * the change as soon as the editor saves it, without waiting for a file watcher to notice.
 */
export async function editUserSettings(session: VSCodeSession, settings: Record<string, unknown>): Promise<void> {
  const page = session.page;
  await session.runCommand('Preferences: Open User Settings (JSON)');
  await page.locator('.tab.active[aria-label^="settings.json"]').first().waitFor();
  await page.locator('.editor-group-container.active .monaco-editor .view-lines').click();
  await page.evaluate((text) => navigator.clipboard.writeText(text), JSON.stringify(settings, null, 2));
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+V');
  await page.keyboard.press('Control+S');
  await page.locator('.tab.active[aria-label^="settings.json"].dirty').waitFor({ state: 'detached' });
}
