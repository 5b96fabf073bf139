// Accessibility probes of the chat webview for the UI suites: axe-core run inside its frame, the colour theme the
// webview shows, what holds the keyboard focus and whether it shows that, and the palette driven by keys alone.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type * as Axe from 'axe-core';
import type { Frame } from 'playwright-core';
import type { VSCodeSession } from './uiSession';
import { repoRoot } from './vscode-host.mjs';

export const resultsDir = path.join(repoRoot, 'test-results', 'a11y');

/** The built-in themes checked: the label the theme picker shows, and the theme's id (`workbench.colorTheme`). */
export const THEMES = [
  { label: 'Light Modern', id: 'Default Light Modern' },
  { label: 'Dark Modern', id: 'Default Dark Modern' },
  { label: 'Dark High Contrast', id: 'Default High Contrast' },
  { label: 'Light High Contrast', id: 'Default High Contrast Light' },
] as const;

export interface AxeFinding {
  id: string;
  impact: string;
  help: string;
  nodes: { target: string; summary: string }[];
}

export interface AxeSummary {
  violations: AxeFinding[];
  incomplete: AxeFinding[];
  passes: number;
  inapplicable: number;
}

/** Runs axe-core over the webview's document. The CSP forbids inline scripts, so its source is evaluated over CDP. */
export async function runAxe(frame: Frame): Promise<AxeSummary> {
  if (!(await frame.evaluate(() => 'axe' in window))) {
    const source = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    await frame.evaluate(source);
  }
  return frame.evaluate(async () => {
    const axe = (window as unknown as { axe: typeof Axe }).axe;
    const results = await axe.run(document, { resultTypes: ['violations', 'incomplete'] });
    const finding = (result: Axe.Result) => ({
      id: result.id,
      impact: result.impact ?? 'none',
      help: result.help,
      nodes: result.nodes.map((node) => ({ target: node.target.join(' '), summary: node.failureSummary ?? '' })),
    });
    return {
      violations: results.violations.map(finding),
      incomplete: results.incomplete.map(finding),
      passes: results.passes.length,
      inapplicable: results.inapplicable.length,
    };
  });
}

/** One line per impact level, for the log; the full results go to test-results/a11y/<name>.json. */
export function reportAxe(name: string, summary: AxeSummary): string {
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(path.join(resultsDir, `${name.replace(/[^\w.-]+/g, '_')}.json`), JSON.stringify(summary, null, 2));
  const byImpact = new Map<string, string[]>();
  for (const v of summary.violations) byImpact.set(v.impact, [...(byImpact.get(v.impact) ?? []), v.id]);
  const impacts = ['critical', 'serious', 'moderate', 'minor']
    .map((impact) => `${impact}: ${byImpact.get(impact)?.join(', ') || '-'}`)
    .join('; ');
  const incomplete = summary.incomplete.map((i) => i.id).join(', ') || '-';
  return `axe ${name}: ${summary.passes} rules pass, ${summary.inapplicable} inapplicable; violations ${impacts}; needs review: ${incomplete}`;
}

/** The violations a test fails on, with their nodes, or an empty list. */
export function seriousViolations(summary: AxeSummary): string[] {
  return summary.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id} (${v.help}): ${v.nodes.map((n) => `${n.target} — ${n.summary}`).join(' | ')}`);
}

/** Picks a colour theme and waits until the chat webview shows it (VS Code restyles open webviews). */
export async function showTheme(vscode: VSCodeSession, frame: Frame, theme: (typeof THEMES)[number]): Promise<void> {
  await vscode.setColorTheme(theme.label);
  await frame.waitForFunction((id) => document.body.dataset.vscodeThemeId === id, theme.id, { timeout: 15_000 });
}

export interface Focused {
  /** The element's data-testid, else its tag name. */
  name: string;
  /** How the focus is drawn: the computed outline and box-shadow. */
  indicator: string;
  /** An outline or shadow of the theme's focus border colour is drawn. */
  visible: boolean;
}

/** What has the keyboard focus in `frame`, or null when the focus is not in its document. */
export async function focused(frame: Frame): Promise<Focused | null> {
  return frame.evaluate(() => {
    const element = document.activeElement;
    if (!document.hasFocus() || !(element instanceof HTMLElement) || element === document.body) return null;
    const style = getComputedStyle(element);
    // The theme's focus colour as the browser writes a computed colour, read from a probe.
    const probe = document.body.appendChild(document.createElement('span'));
    probe.style.color = 'var(--vscode-focusBorder)';
    const focusColor = getComputedStyle(probe).color;
    probe.remove();
    const outline =
      style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0 && style.outlineColor === focusColor;
    const shadow = style.boxShadow !== 'none' && style.boxShadow.includes(focusColor);
    return {
      name: element.dataset.testid ?? element.tagName.toLowerCase(),
      indicator: `outline ${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}; box-shadow ${style.boxShadow}; focusBorder ${focusColor}`,
      visible: outline || shadow,
    };
  });
}

/** Waits until the element named `name` (a data-testid) has the focus in `frame`. */
export async function waitForFocus(frame: Frame, name: string, timeoutMs = 10_000): Promise<void> {
  await frame.waitForFunction((id) => document.activeElement?.getAttribute('data-testid') === id, name, {
    timeout: timeoutMs,
  });
}

/**
 * Presses Tab (or Shift+Tab) until `name` has the focus, at most `max` times; returns every element focused on the
 * way, `name` last. Throws when the focus leaves the webview or `name` is not reached.
 */
export async function tabTo(
  vscode: VSCodeSession,
  frame: Frame,
  name: string,
  { backward = false, max = 30 } = {},
): Promise<Focused[]> {
  const visited: Focused[] = [];
  for (let i = 0; i < max; i++) {
    await vscode.page.keyboard.press(backward ? 'Shift+Tab' : 'Tab');
    const now = await focused(frame);
    if (now === null) throw new Error(`the focus left the chat after ${visited.map((f) => f.name).join(' > ')}`);
    visited.push(now);
    if (now.name === name) return visited;
  }
  throw new Error(`${name} was not reached in ${max} presses: ${visited.map((f) => f.name).join(' > ')}`);
}

/** Runs "Ask Vitalentum" from the palette with keys only: F1, the title, Enter on the row it selects. */
export async function askByKeyboard(vscode: VSCodeSession): Promise<void> {
  await vscode.focusWorkbench();
  await vscode.page.keyboard.press('F1');
  const input = vscode.page.locator('.quick-input-widget input');
  await input.waitFor();
  await vscode.page.keyboard.type('Ask Vitalentum');
  await vscode.page
    .locator('.quick-input-widget .monaco-list-row.focused .label-name', { hasText: /^Ask Vitalentum$/ })
    .waitFor({ timeout: 10_000 });
  await vscode.page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden' });
}

/** Counts what the reply announcer says from now on (each change of its text). */
export async function recordAnnouncements(frame: Frame): Promise<void> {
  await frame.evaluate(() => {
    const w = window as unknown as { announcements?: string[]; announcementObserver?: MutationObserver };
    w.announcementObserver?.disconnect();
    const region = document.querySelector('[data-testid="reply-announcer"]');
    if (!region) throw new Error('the chat has no reply announcer');
    const said: string[] = [];
    w.announcements = said;
    w.announcementObserver = new MutationObserver(() => said.push(region.textContent ?? ''));
    w.announcementObserver.observe(region, { childList: true, characterData: true, subtree: true });
  });
}

export async function announcements(frame: Frame): Promise<string[]> {
  return frame.evaluate(() => (window as unknown as { announcements?: string[] }).announcements ?? []);
}
