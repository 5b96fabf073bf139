// The scrollers Chromium scrolls on its compositor, read from the page's layer tree over the DevTools protocol: a
// scroller it does not composite is painted again on the main thread each time it scrolls.
import type { Page } from 'playwright-core';
import { within } from './deadline';

interface Layer {
  layerId: string;
  width: number;
  height: number;
}

const LAYER_TREE_DEADLINE_MS = 10_000;

/** The sizes of the page's composited scrollers (in all its frames), after `update` makes the page draw a frame. */
export async function compositedScrollerSizes(page: Page, update: () => Promise<void>): Promise<[number, number][]> {
  const session = await page.context().newCDPSession(page);
  try {
    const tree = new Promise<Layer[]>((resolve) => {
      session.on('LayerTree.layerTreeDidChange', (event: { layers?: Layer[] }) => {
        if (event.layers) resolve(event.layers);
      });
    });
    await session.send('LayerTree.enable');
    await update();
    const layers = await within(LAYER_TREE_DEADLINE_MS, "the page's layer tree", tree);
    const sizes: [number, number][] = [];
    for (const layer of layers) {
      const { compositingReasonIds } = await session.send('LayerTree.compositingReasons', { layerId: layer.layerId });
      if (compositingReasonIds.includes('OverflowScrolling')) sizes.push([layer.width, layer.height]);
    }
    return sizes;
  } finally {
    await session.detach();
  }
}
