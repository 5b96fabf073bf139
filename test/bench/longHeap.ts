// The chat webview's JS heap after a full garbage collection, read over the Chrome DevTools Protocol: from the
// webview's own renderer when it has one (an out-of-process frame), else from the renderer it shares with the
// workbench, in which case only a difference between two readings speaks of the webview.
import type { CDPSession, Frame, Page } from 'playwright-core';

export interface HeapReading {
  mb: number;
  /** The reading is the webview's renderer alone. */
  separate: boolean;
}

async function sessionFor(page: Page, frame: Frame): Promise<{ session: CDPSession; separate: boolean }> {
  try {
    return { session: await page.context().newCDPSession(frame), separate: true };
  } catch {
    return { session: await page.context().newCDPSession(page), separate: false };
  }
}

export async function measureHeapMB(page: Page, frame: Frame): Promise<HeapReading> {
  const { session, separate } = await sessionFor(page, frame);
  try {
    await session.send('HeapProfiler.enable');
    await session.send('HeapProfiler.collectGarbage');
    await session.send('HeapProfiler.collectGarbage');
    const { usedSize } = await session.send('Runtime.getHeapUsage');
    return { mb: Number((usedSize / 2 ** 20).toFixed(1)), separate };
  } finally {
    await session.detach().catch(() => undefined);
  }
}
