// Hostile model output in the real chat webview: raw HTML, styles, media, remote images and text that hides or
// overflows. Every reply is exactly the attack text (the local server's [echo] directive). Each one tries to run
// script (setting a sentinel global), load something from a canary server, restyle the page or hide what it says;
// the chat must show it as inert text, nothing may run or load, and the chat must keep working.
import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { it } from '../support/ui';
import { sentinels, useHostileContentSuite, type Vector } from '../support/uiHardening';

/** The host accepts messages of up to 1,000,000 characters; the code line fills one to the limit. */
const MESSAGE_LIMIT = 1_000_000;
const CODE_FENCE = ['```js\n', '\n```'];
const ONE_MB_LINE = MESSAGE_LIMIT - '[echo] '.length - CODE_FENCE.join('').length;
const LONG_LINE = 'A'.repeat(200_000);
const PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

const VECTORS: Vector[] = [
  {
    name: 'script element',
    payload: '<script>window.xssHit = "script"</script>',
    shows: ['<script>window.xssHit = "script"</script>'],
  },
  {
    name: 'img with onerror',
    payload: '<img src=x onerror="window.xssHit=\'img\'">',
    shows: ['<img src=x onerror="window.xssHit=\'img\'">'],
  },
  {
    name: 'svg with onload',
    payload: '<svg onload="window.xssHit=\'svg\'"><circle r="40"/></svg>',
    shows: ['<svg onload="window.xssHit=\'svg\'"><circle r="40"/></svg>'],
  },
  {
    name: 'markdown image from a remote server',
    payload: 'Look: ![tracking pixel](CANARY/pixel.gif) and ![other](CANARY/other.png "t")',
    shows: ['[Image: tracking pixel]', '[Image: other]'],
  },
  {
    name: 'srcset on img and picture sources',
    payload:
      `<img src="${PNG}" srcset="CANARY/srcset-1x.png 1x, CANARY/srcset-2x.png 2x"> ` +
      '<picture><source srcset="CANARY/picture.webp" type="image/webp"><img src="CANARY/fallback.png"></picture>',
    shows: [
      'srcset="CANARY/srcset-1x.png 1x, CANARY/srcset-2x.png 2x">',
      '<picture><source srcset="CANARY/picture.webp"',
    ],
  },
  {
    name: 'video poster, audio and video sources',
    payload:
      '<video poster="CANARY/poster.png" src="CANARY/video.mp4" autoplay muted>' +
      '<source src="CANARY/source.webm" type="video/webm"><track src="CANARY/track.vtt"></video> ' +
      '<audio src="CANARY/audio.mp3" autoplay onplay="window.xssHit=1"></audio> ' +
      '<audio autoplay><source src="data:audio/wav;base64,UklGRiQAAABXQVZFZm10IBAAAAABAAEA"></audio>',
    shows: ['<video poster="CANARY/poster.png"', '<track src="CANARY/track.vtt"></video>', '<audio autoplay><source'],
  },
  {
    name: 'iframe',
    payload: '<iframe src="CANARY/frame" onload="window.xssHit=1"></iframe>',
    shows: ['<iframe src="', '/frame" onload="window.xssHit=1"></iframe>'],
  },
  {
    name: 'event attributes in inline HTML',
    payload: 'Hover <a href="#" onmouseover="window.xssHit=1" onclick="window.xssHit=2">here</a> or <b onclick=x>b</b>',
    shows: ['<a href="#" onmouseover="window.xssHit=1" onclick="window.xssHit=2">here</a>', '<b onclick=x>b</b>'],
  },
  {
    name: 'style element',
    payload: '<style>body { background: url(CANARY/css) !important; display: none }</style>',
    shows: ['<style>body { background: url(', '/css) !important; display: none }</style>'],
  },
  {
    name: 'CSS url() in style attributes',
    payload:
      '<p style="position:fixed;inset:0;background:red url(CANARY/style-attr)">covered</p> ' +
      '<span style="background-image: url(&quot;CANARY/style-entity&quot;)">quoted</span> ' +
      '<div style="cursor:url(\'CANARY/cursor\'),auto;list-style:url(javascript:window.xssHit=1)">cursor</div> ' +
      '<i style="background:image-set(url(CANARY/image-set) 1x)">set</i>',
    shows: [
      '<p style="position:fixed;inset:0;background:red url(CANARY/style-attr)">covered</p>',
      // linkify takes the encoded closing quote into the URL it links, so that part shows as `&quot;`
      '<span style="background-image: url("CANARY/style-entity',
      ')">quoted</span>',
      'list-style:url(javascript:window.xssHit=1)">cursor</div>',
      '<i style="background:image-set(url(CANARY/image-set) 1x)">set</i>',
    ],
  },
  {
    name: 'code fence info strings with quotes and markup',
    payload:
      '```js" onmouseover="window.xssHit=1" x="<img src=x onerror=window.xssHit=2>\nconsole.log(1)\n```\n\n' +
      '~~~"><script>window.xssHit=3</script>`<b>\nplain\n~~~',
    shows: ['js"', 'console.log(1)', '"><script>window.xssHit=3</script>`<b>', 'plain'],
  },
  {
    name: 'form',
    payload: '<form action="CANARY/form" method="post"><input name="q" value="secret"><button>Send</button></form>',
    shows: ['<form action="', '<input name="q" value="secret"><button>Send</button></form>'],
  },
  {
    name: 'meta refresh',
    payload: '<meta http-equiv="refresh" content="0;url=CANARY/meta">',
    shows: ['<meta http-equiv="refresh" content="0;url='],
  },
  {
    name: 'base href and a relative link',
    payload: '<base href="CANARY/base/">\n\n[relative](page.html)',
    shows: ['<base href="', '[relative](page.html)'],
  },
  {
    name: 'object and embed',
    payload: '<object data="CANARY/object"></object><embed src="CANARY/embed">',
    shows: ['<object data="', '<embed src="'],
  },
  {
    name: 'svg use href',
    payload: '<svg><use href="data:image/svg+xml;base64,PHN2ZyBpZD0ieCIvPg==#x"/></svg>',
    shows: ['<svg><use href="data:image/svg+xml;base64,PHN2ZyBpZD0ieCIvPg==#x"/></svg>'],
  },
  {
    name: 'links with target=_blank',
    payload: '<a href="https://example.com" target="_blank" rel="opener">blank</a> [fine](https://example.com)',
    shows: ['<a href="', 'target="_blank" rel="opener">blank</a>', 'fine'],
  },
  {
    name: 'HTML entities that decode to markup',
    payload: '&lt;script&gt;window.xssHit=1&lt;/script&gt; &#60;img src=x onerror=window.xssHit=2&#62;',
    shows: ['<script>window.xssHit=1</script>', '<img src=x onerror=window.xssHit=2>'],
  },
  {
    name: 'nested markdown and HTML',
    payload:
      '[<img src=x onerror=window.xssHit=1>](https://example.com) **<script>x</script>** ' +
      '`<script>y</script>` <<script>script>z</script> [t](https://example.com "a\\" onmouseover=\\"window.xssHit=3")',
    shows: ['<img src=x onerror=window.xssHit=1>', '<script>x</script>', '<script>y</script>'],
  },
  {
    name: 'details ontoggle and math',
    payload: '<details open ontoggle="window.xssHit=1"><summary>s</summary></details><math><mi>x</mi></math>',
    shows: ['<details open ontoggle="window.xssHit=1">', '<math><mi>x</mi></math>'],
  },
  {
    name: 'control characters',
    payload: 'red\u001b[31m alert\u0007 nul\u0000 back\u0008space del\u007f end',
    shows: ['red␛[31m alert␇ nul␀ back␈space del␡ end'],
  },
  {
    name: 'bidirectional overrides and invisible characters',
    payload: 'access = "user\u202E \u2066// admin\u2069\u2066" zero\u200Bwidth',
    shows: ['user⟨U+202E⟩ ⟨U+2066⟩// admin⟨U+2069⟩⟨U+2066⟩', 'zero⟨U+200B⟩width'],
  },
  {
    name: 'a very long line',
    payload: LONG_LINE,
    shows: [LONG_LINE],
  },
  {
    name: 'a 1 MB single-line code block',
    payload: CODE_FENCE[0] + 'x'.repeat(ONE_MB_LINE) + CODE_FENCE[1],
    shows: [],
  },
];

describe('hostile markup and text in the chat', () => {
  const hostile = useHostileContentSuite('hardening-markup', VECTORS);
  const { suite } = hostile;

  it('keeps a very long line inside the chat, which scrolls only vertically', async () => {
    const overflow = await suite.chat.frame.evaluate(() => {
      const list = document.querySelector('[data-testid="message-list"]') as HTMLElement;
      return { scroll: list.scrollWidth, client: list.clientWidth, page: document.documentElement.scrollWidth };
    });
    assert.ok(
      overflow.scroll <= overflow.client + 1,
      `the message list is ${overflow.scroll}px wide in ${overflow.client}px`,
    );
    assert.ok(overflow.page <= overflow.client + 40, `the page scrolls sideways (${overflow.page}px)`);
  });

  it('shows the whole 1 MB line of code, with its buttons', async () => {
    const code = suite.chat.lastReply().locator('pre code');
    assert.equal(await code.count(), 1);
    const length = await code.evaluate((element) => (element.textContent ?? '').replace(/\n$/, '').length);
    assert.equal(length, ONE_MB_LINE);
    assert.equal(await suite.chat.lastReply().locator('[data-testid="code-copy"]').count(), 1);
  });

  it('still chats normally after all of it', async () => {
    const text = await suite.chat.sendAndWait('And now a normal question');
    assert.ok(text.includes('Fibonacci'), `the reply is not the usual answer: ${text.slice(0, 200)}`);
    assert.deepEqual(await sentinels(suite.chat, suite.vscode), []);
    assert.deepEqual(hostile.canary.hits, []);
  });
});
