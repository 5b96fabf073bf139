// Hostile link targets and images in the real chat webview: script, data: and encoded schemes hidden in markdown
// links, references and images. None may become a link the host would open, an image other than a raster data:
// URI, or anything that runs; and clicking every link the reply does show, in every way, runs and opens nothing.
import assert from 'node:assert/strict';
import { describe } from 'node:test';
import type { Frame, Page } from 'playwright-core';
import { it } from '../support/ui';
import {
  activeContentIn,
  atCanary,
  postAsWebview,
  sentinels,
  useHostileContentSuite,
  type Vector,
} from '../support/uiHardening';

const PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';
const GIF = 'data:image/gif;base64,R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw==';
/** An SVG image that runs script wherever it is rendered as a document rather than as an image. */
const SVG = `data:image/svg+xml;base64,${Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" onload="window.xssHit=\'svg-data\'"><circle r="4"/></svg>',
).toString('base64')}`;

const VECTORS: Vector[] = [
  {
    name: 'javascript: markdown link',
    payload: '[click me](javascript:window.xssHit=1)',
    shows: ['[click me](javascript:window.xssHit=1)'],
  },
  {
    name: 'javascript: autolink',
    payload: 'See <javascript:window.xssHit=1> now',
    shows: ['<javascript:window.xssHit=1>'],
  },
  {
    name: 'data: links (markdown and autolink), raster ones included',
    payload:
      '[open](data:text/html;base64,PHNjcmlwdD53aW5kb3cueHNzSGl0PTE8L3NjcmlwdD4=) and ' +
      '<data:text/html,<script>window.xssHit=1</script>> and ' +
      `[svg](${SVG}) and [raster](${PNG}) and [gif](${GIF}) and [![linked](${PNG})](${GIF})`,
    shows: ['[open](data:text/html;base64,', '<data:text/html,<script>', '[svg](data:image/svg+xml;', 'raster'],
    images: 1,
  },
  {
    name: 'an SVG data: image beside a PNG one',
    payload: `![svg](${SVG}) ![svg text](<data:image/svg+xml,<svg onload=window.xssHit=2>>) ![png](${PNG})`,
    shows: ['![svg](data:image/svg+xml;base64,', '![svg text](<data:image/svg+xml,<svg onload=window.xssHit=2>>)'],
    images: 1,
  },
  {
    name: 'entity-encoded schemes in link targets',
    payload:
      '[a](&#106;avascript:window.xssHit=1) [b](javascript&colon;window.xssHit=2) ' +
      '[c](&#x6A;avascript&#x3A;window.xssHit=3) [d](&#74;ava&#x53;cript:window.xssHit=4) ' +
      "[nav](&#106;avascript:location='\\x68ttp://CANARY_HOST/js-nav')",
    shows: [
      '[a](javascript:window.xssHit=1)',
      '[b](javascript:window.xssHit=2)',
      '[c](javascript:window.xssHit=3)',
      '[d](JavaScript:window.xssHit=4)',
      "[nav](javascript:location='\\x68ttp://CANARY_HOST/js-nav')",
    ],
  },
  {
    name: 'percent-encoded schemes and a tab inside the scheme',
    payload:
      '[a](%6Aavascript:window.xssHit=1) [b](java%09script:window.xssHit=2) ' +
      '[c](<java\tscript:window.xssHit=3>) [d](java&#9;script:window.xssHit=4) [e](&#32;javascript:window.xssHit=5)',
    shows: [
      '[a](%6Aavascript:window.xssHit=1)',
      '[b](java%09script:window.xssHit=2)',
      'script:window.xssHit=3>)',
      'script:window.xssHit=4)',
      'javascript:window.xssHit=5)',
    ],
  },
  {
    name: 'reference-style links to javascript:',
    payload:
      '[full][a] [collapsed][] [shortcut] [titled][b] [encoded][c]\n\n' +
      '[a]: javascript:window.xssHit=1\n[collapsed]: <javascript:window.xssHit=2>\n' +
      '[shortcut]: JavaScript:window.xssHit=3\n[b]: javascript:window.xssHit=4 "title"\n' +
      '[c]: &#106;avascript:window.xssHit=5',
    shows: ['[full][a] [collapsed][] [shortcut] [titled][b] [encoded][c]', '[a]: javascript:window.xssHit=1'],
  },
  {
    name: 'vbscript: links',
    payload: '<a href="vbscript:msgbox(1)">vb</a> [vb](vbscript:msgbox(1))',
    shows: ['<a href="vbscript:msgbox(1)">vb</a>', '[vb](vbscript:msgbox(1))'],
  },
];

/** How many lines of the chat log record a link the host refused to open. */
function refusals(log: string): number {
  return log.split('\n').filter((line) => line.includes('Refused to open a link')).length;
}

describe('hostile links in the chat', () => {
  const hostile = useHostileContentSuite('hardening-links', VECTORS);
  const { suite } = hostile;

  it('clicking every link in them, in every way, runs nothing and navigates nowhere', async () => {
    const payload = VECTORS.map((vector) => atCanary(vector.payload, hostile.canary)).join('\n\n');
    await suite.chat.sendAndWait(`[echo] ${payload}`);
    assert.deepEqual(await activeContentIn(suite.chat.frame), []);
    const links = suite.chat.lastReply().locator('[data-testid="message-body"] a');
    const targets = await links.evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href')));
    // Only the links to raster data: images stay links, and without a target: nothing here is the host's to open.
    assert.deepEqual(targets, [null, null, null]);

    const { page } = suite.vscode;
    const opened: string[] = [];
    const navigated: string[] = [];
    const onPage = (popup: Page) => opened.push(popup.url());
    const onNavigated = (frame: Frame) => navigated.push(frame.url());
    page.context().on('page', onPage);
    page.on('framenavigated', onNavigated);
    const start = { page: page.url(), chat: suite.chat.frame.url(), refused: refusals(suite.vscode.chatLog()) };
    try {
      for (let i = 0; i < targets.length; i++) {
        const link = links.nth(i);
        await link.click();
        await link.click({ modifiers: ['Control'] });
        await link.click({ modifiers: ['Shift'] });
        await link.click({ button: 'middle' });
      }
      // The host handles the webview's messages in order: once it refuses this one, it has handled every click's.
      await postAsWebview(suite.chat.frame, { type: 'openLink', href: 'javascript:clicks-done' });
      await suite.vscode.waitForLogLines(/Refused to open a link .*javascript:clicks-done/);
      // A tab the workbench opens for a click appears well within this.
      const late = await page
        .context()
        .waitForEvent('page', { timeout: 1000 })
        .then(
          (popup) => popup.url(),
          () => undefined,
        );
      assert.equal(late, undefined, `a tab opened: ${late}`);
    } finally {
      page.context().off('page', onPage);
      page.off('framenavigated', onNavigated);
    }
    assert.deepEqual(opened, [], 'a click opened a tab or window');
    assert.deepEqual(navigated, [], 'a click navigated a frame');
    assert.equal(page.url(), start.page);
    assert.equal(suite.chat.frame.url(), start.chat);
    assert.equal(suite.chat.frame.isDetached(), false);
    assert.equal(refusals(suite.vscode.chatLog()), start.refused + 1, 'a click asked the host to open a link');
    assert.deepEqual(await sentinels(suite.chat, suite.vscode), []);
    assert.deepEqual(hostile.canary.hits, []);
    assert.match(await suite.chat.sendAndWait('Still there?'), /Fibonacci/);
  });

  it('an http link opens once, through the host', async () => {
    await suite.chat.sendAndWait(`[echo] Read [the docs](${hostile.canary.url}/docs) first.`);
    const { page } = suite.vscode;
    const opened: string[] = [];
    const onPage = (popup: Page) => opened.push(popup.url());
    page.context().on('page', onPage);
    const hitsBefore = hostile.canary.hits.length;
    try {
      await suite.chat.lastReply().locator('[data-testid="message-body"] a').click();
      await page.context().waitForEvent('page', { timeout: 10_000 });
      // A second opening (the webview frame's own, besides the host's) would follow within this.
      await page.waitForTimeout(1500);
    } finally {
      page.context().off('page', onPage);
    }
    assert.equal(opened.length, 1, `the link opened ${opened.length} times: ${opened.join(', ')}`);
    // code-server forwards a localhost link through its own proxy, which keeps the port but not the path.
    assert.equal(
      hostile.canary.hits.length - hitsBefore,
      1,
      `the hostile.canary was asked ${hostile.canary.hits.slice(hitsBefore).join(', ')}`,
    );
  });
});
