// CPU profiles for the long bench, taken when LONG_PROFILE_DIR names a folder: the renderer the chat webview runs in
// (over the Chrome DevTools Protocol) around one open and one streamed reply, and the extension host while each reply
// streams (src/host/cpuProfileProbe.ts). Open them in the DevTools Performance panel or read them as JSON.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';

export const PROFILE_DIR = process.env.LONG_PROFILE_DIR;
const SAMPLING_INTERVAL_US = 200;

/** Starts profiling the page's renderer; the returned function stops and writes `<name>.cpuprofile`. */
export async function startProfile(page: Page): Promise<((name: string) => Promise<void>) | undefined> {
  const folder = PROFILE_DIR;
  if (!folder) return undefined;
  const session = await page.context().newCDPSession(page);
  await session.send('Profiler.enable');
  await session.send('Profiler.setSamplingInterval', { interval: SAMPLING_INTERVAL_US });
  await session.send('Profiler.start');
  return async (name) => {
    const { profile } = await session.send('Profiler.stop');
    writeFileSync(path.join(folder, `${name}.cpuprofile`), JSON.stringify(profile));
    await session.detach();
  };
}
