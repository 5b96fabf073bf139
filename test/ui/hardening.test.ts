// Hostile model output in the real chat webview, and the webview's Content-Security-Policy as VS Code applies it.
// Every reply below is exactly the attack text (the local server's [echo] directive). Each one tries to run script
// (setting a sentinel global), load something from a canary server, restyle the page or hide what it says; the
// chat must show it as inert text, nothing may run or load, and the chat must keep working.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Frame } from 'playwright-core';
import { ChatView, useChatSuite, VSCodeSession } from '../support/ui';
import { postAsWebview, startCanaryServer, type CanaryServer } from '../support/ui-hardening';

interface Vector {
  name: string;
  /** The reply text; `CANARY` is replaced by the canary server's URL. */
  payload: string;
  /** Text the reply must show, literally (after the same replacement). */
  shows: string[];
}

/** The host accepts messages of up to 1,000,000 characters; the code line fills one to the limit. */
const MESSAGE_LIMIT = 1_000_000;
const CODE_FENCE = ['```js\n', '\n```'];
const ONE_MB_LINE = MESSAGE_LIMIT - '[echo] '.length - CODE_FENCE.join('').length;
const LONG_LINE = 'A'.repeat(200_000);

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
    name: 'data: links (markdown and autolink)',
    payload:
      '[open](data:text/html;base64,PHNjcmlwdD53aW5kb3cueHNzSGl0PTE8L3NjcmlwdD4=) and ' +
      '<data:text/html,<script>window.xssHit=1</script>> and ' +
      '[svg](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9ImFsZXJ0KDEpIi8+)',
    shows: ['[open](data:text/html;base64,', '<data:text/html,<script>', '[svg](data:image/svg+xml;'],
  },
  {
    name: 'markdown image from a remote server',
    payload: 'Look: ![tracking pixel](CANARY/pixel.gif) and ![other](CANARY/other.png "t")',
    shows: ['[Image: tracking pixel]', '[Image: other]'],
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
    name: 'style attribute',
    payload: '<p style="position:fixed;inset:0;background:red url(CANARY/style-attr)">covered</p>',
    shows: ['<p style="position:fixed;inset:0;background:red url(', '/style-attr)">covered</p>'],
  },
  {
    name: 'vbscript: links',
    payload: '<a href="vbscript:msgbox(1)">vb</a> [vb](vbscript:msgbox(1))',
    shows: ['<a href="vbscript:msgbox(1)">vb</a>', '[vb](vbscript:msgbox(1))'],
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
      '`<script>y</script>` <<script>script>z</script> [t](https://example.com "a\\" onmouseover=\\"window.xssHit=3")' +
      '\n\n[ref][1]\n\n[1]: javascript:window.xssHit=4',
    shows: ['<img src=x onerror=window.xssHit=1>', '<script>x</script>', '<script>y</script>', '[ref][1]'],
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

/** Elements and attributes that must never appear in a rendered reply, whatever the model sent. */
async function activeContentIn(frame: Frame): Promise<string[]> {
  return frame.evaluate(() => {
    const replies = document.querySelectorAll('[data-testid="message"][data-role="assistant"]');
    const body = replies[replies.length - 1]?.querySelector('[data-testid="message-body"]');
    if (!body) return ['no reply body'];
    const found: string[] = [];
    const forbidden = 'script, iframe, frame, object, embed, form, input, style, link, meta, base, svg, math, details';
    for (const element of body.querySelectorAll(forbidden)) found.push(`<${element.localName}>`);
    for (const image of body.querySelectorAll('img')) {
      if (!/^data:image\//.test(image.getAttribute('src') ?? '')) found.push(`img ${image.getAttribute('src')}`);
    }
    for (const element of body.querySelectorAll('*')) {
      for (const attribute of element.attributes) {
        const name = attribute.name.toLowerCase();
        if (name.startsWith('on') || name === 'style' || name === 'target' || name === 'srcdoc') {
          found.push(`${element.localName}[${name}]`);
        }
        if (
          (name === 'href' || name === 'src' || name === 'action' || name === 'xlink:href') &&
          element.localName !== 'img'
        ) {
          if (!/^(https?:|mailto:)/i.test(attribute.value)) {
            found.push(`${element.localName}[${name}=${attribute.value}]`);
          }
        }
      }
    }
    return found;
  });
}

/** Whether a CSP host source (which may start with a `*.` wildcard label) matches `origin`. */
function sourceMatches(source: string, origin: string): boolean {
  const pattern = source.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace('*', '[^/]+');
  return new RegExp(`^${pattern}$`).test(origin);
}

/** The sentinel every payload tries to set, read in every frame of the workbench page. */
async function sentinels(chat: ChatView, vscode: VSCodeSession): Promise<unknown[]> {
  const values: unknown[] = [];
  for (const frame of vscode.page.frames()) {
    values.push(await frame.evaluate(() => (window as unknown as { xssHit?: unknown }).xssHit).catch(() => undefined));
  }
  values.push(await chat.frame.evaluate(() => (window as unknown as { xssHit?: unknown }).xssHit));
  return values.filter((v) => v !== undefined);
}

describe('hostile model output in the chat', () => {
  let canary: CanaryServer;

  const suite = useChatSuite('hardening');

  before(async () => {
    canary = await startCanaryServer();
  });

  after(async () => {
    await canary?.close();
  });

  for (const vector of VECTORS) {
    it(`shows ${vector.name} as inert text`, async () => {
      const payload = vector.payload.replaceAll('CANARY', canary.url);
      const text = await suite.chat.sendAndWait(`[echo] ${payload}`);
      for (const shown of vector.shows) {
        const expected = shown.replaceAll('CANARY', canary.url);
        assert.ok(text.includes(expected), `the reply does not show ${JSON.stringify(expected.slice(0, 200))}`);
      }
      assert.deepEqual(await activeContentIn(suite.chat.frame), []);
      assert.deepEqual(await sentinels(suite.chat, suite.vscode), []);
      assert.deepEqual(canary.hits, []);
      // The page around the reply is untouched: nothing hid or covered the conversation.
      assert.equal(await suite.chat.input.isVisible(), true);
      assert.equal(await suite.chat.messages('user').last().isVisible(), true);
    });
  }

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
    assert.deepEqual(canary.hits, []);
  });
});

describe('the chat webview is locked down', () => {
  let canary: CanaryServer;

  const suite = useChatSuite('lockdown');

  before(async () => {
    canary = await startCanaryServer();
  });

  after(async () => {
    await canary?.close();
  });

  it('serves a Content-Security-Policy that allows nothing but its own nonce script, styles, fonts and data: images', async () => {
    const { csp, scriptNonce, origin } = await suite.chat.frame.evaluate(() => {
      const meta = document.querySelector('meta[http-equiv="Content-Security-Policy"]');
      const script = document.querySelector<HTMLScriptElement>('script[src*="webview.js"]');
      return {
        csp: meta?.getAttribute('content') ?? '',
        scriptNonce: script?.nonce ?? '',
        origin: script ? new URL(script.src).origin : '',
      };
    });
    const directives = new Map(
      csp
        .split(';')
        .map((part) => part.trim().split(/\s+/))
        .filter((words) => words[0] !== '')
        .map(([name, ...sources]) => [name, sources]),
    );
    assert.deepEqual(directives.get('default-src'), ["'none'"]);
    assert.ok(scriptNonce.length >= 16, 'the bundle script carries no nonce');
    assert.deepEqual(directives.get('script-src'), [`'nonce-${scriptNonce}'`]);
    // VS Code's `webview.cspSource`: 'self' and/or the host pattern the bundle is served from.
    const resourceSources = directives.get('style-src') ?? [];
    assert.ok(resourceSources.length > 0);
    for (const source of resourceSources) {
      assert.ok(source === "'self'" || sourceMatches(source, origin), `${source} is not the bundle's origin ${origin}`);
    }
    assert.deepEqual(directives.get('font-src'), resourceSources);
    assert.deepEqual(directives.get('img-src'), [...resourceSources, 'data:']);
    assert.deepEqual([...directives.keys()].sort(), ['default-src', 'font-src', 'img-src', 'script-src', 'style-src']);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.ok(!/(^|\s)\*(\s|;|$)/.test(csp), 'a directive allows any source');
  });

  it('enforces it: no inline script, nothing from another server', async () => {
    const outcome = await suite.chat.frame.evaluate(async (canaryUrl) => {
      const violations: string[] = [];
      document.addEventListener('securitypolicyviolation', (event) => violations.push(event.effectiveDirective));
      const inline = document.createElement('script');
      inline.textContent = 'window.xssHit = "inline"';
      document.head.append(inline);
      const image = new Image();
      const imageLoaded = await new Promise<boolean>((resolve) => {
        image.onload = () => resolve(true);
        image.onerror = () => resolve(false);
        image.src = `${canaryUrl}/from-webview.gif`;
      });
      const fetched = await fetch(`${canaryUrl}/fetch`).then(
        () => true,
        () => false,
      );
      await new Promise((resolve) => setTimeout(resolve, 200));
      return {
        sentinel: (window as unknown as { xssHit?: unknown }).xssHit,
        imageLoaded,
        fetched,
        violations,
      };
    }, canary.url);
    assert.equal(outcome.sentinel, undefined, 'an inline script ran');
    assert.equal(outcome.imageLoaded, false, 'a remote image loaded');
    assert.equal(outcome.fetched, false, 'a fetch to another server succeeded');
    assert.deepEqual(canary.hits, []);
    for (const directive of ['script-src-elem', 'img-src', 'connect-src']) {
      assert.ok(
        outcome.violations.includes(directive),
        `no ${directive} violation was reported: ${outcome.violations}`,
      );
    }
  });

  it('loads only from the bundle folder: an extension file outside media/dist is refused', async () => {
    const outcome = await suite.chat.frame.evaluate(async () => {
      const script = document.querySelector<HTMLScriptElement>('script[src*="webview.js"]');
      if (!script) throw new Error('no bundle script');
      const besideBundle = (name: string) => script.src.replace(/webview\.js(\?.*)?$/, name);
      const loads = (src: string) =>
        new Promise<boolean>((resolve) => {
          const image = new Image();
          image.onload = () => resolve(true);
          image.onerror = () => resolve(false);
          image.src = src;
        });
      const codicons = await document.fonts.load('16px codicon');
      return {
        bundleFontLoaded: codicons.length > 0 && codicons.every((face) => face.status === 'loaded'),
        // The webview origin and path scheme that served the bundle, pointed one folder up.
        outside: await loads(besideBundle('../vitalentum.svg')),
        outsideEncoded: await loads(besideBundle('..%2Fvitalentum.svg')),
      };
    });
    assert.equal(outcome.bundleFontLoaded, true, 'the bundle font did not load, so this check proves nothing');
    assert.equal(outcome.outside, false, 'media/vitalentum.svg (outside media/dist) loaded into the webview');
    assert.equal(outcome.outsideEncoded, false, 'an encoded ../ reached outside media/dist');
  });

  it('logs and ignores malformed messages from the webview, and keeps working', async () => {
    const garbage: unknown[] = [
      'not an object',
      42,
      null,
      { type: 'send' },
      { type: 'send', text: 42, includeContext: 'yes' },
      { type: 'openConversation', id: '../../../etc/passwd' },
      { type: 'no-such-message', payload: { deep: [1, 2, 3] } },
      { type: 'openLink', href: 12 },
    ];
    for (const message of garbage) await postAsWebview(suite.chat.frame, message);
    await suite.vscode.waitForLogLines(/Ignored a malformed message from the chat view: \{"type":"no-such-message"/);
    await suite.vscode.waitForLogLines(/Ignored a malformed message from the chat view: \{"type":"send","text":42/);
    assert.equal(
      suite.server.requests.filter((r) => r.path === '/api/converse-edge').length,
      0,
      'garbage sent a request',
    );
    assert.match(await suite.chat.sendAndWait('Still there?'), /Fibonacci/);
  });

  it('refuses to open a javascript: link posted as if from the webview', async () => {
    await postAsWebview(suite.chat.frame, { type: 'openLink', href: 'javascript:alert(1)' });
    await suite.vscode.waitForLogLines(/Refused to open a link that is not http\(s\) or mailto: javascript:alert\(1\)/);
  });
});
