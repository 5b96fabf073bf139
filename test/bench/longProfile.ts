// CPU profiles for the long bench, taken when LONG_PROFILE_DIR names a folder: the renderer the chat webview runs in
// (over the Chrome DevTools Protocol) around one open and one streamed reply, and the extension host while each reply
// streams (src/host/cpuProfileProbe.ts). With LONG_TRACE=1 as well, a Chrome trace of the renderer beside each of its
// profiles: what the profile leaves unnamed (style, layout, paint, and the workbench's tasks) is named there. Open
// them in the DevTools Performance panel or read them as JSON.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';

export const PROFILE_DIR = process.env.LONG_PROFILE_DIR;
const SAMPLING_INTERVAL_US = 200;
const TRACE = process.env.LONG_TRACE === '1';
const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink', 'cc', 'v8.execute'];

/** Starts profiling the page's renderer; the returned function stops and writes `<name>.cpuprofile` (and the trace). */
export async function startProfile(page: Page): Promise<((name: string) => Promise<void>) | undefined> {
  const folder = PROFILE_DIR;
  if (!folder) return undefined;
  const session = await page.context().newCDPSession(page);
  await session.send('Profiler.enable');
  await session.send('Profiler.setSamplingInterval', { interval: SAMPLING_INTERVAL_US });
  const browser = TRACE ? page.context().browser() : null;
  await browser?.startTracing(page, { categories: TRACE_CATEGORIES });
  await session.send('Profiler.start');
  return async (name) => {
    if (browser) writeFileSync(path.join(folder, `${name}.trace.json`), await browser.stopTracing());
    const { profile } = await session.send('Profiler.stop');
    writeFileSync(path.join(folder, `${name}.cpuprofile`), JSON.stringify(profile));
    await session.detach();
  };
}
