// The chat webview's own defences, as VS Code applies them: its Content-Security-Policy (declared and enforced),
// resources limited to the bundle folder, and a host that ignores malformed or unsafe messages from the webview.
import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { it } from '../support/ui';
import { postAsWebview, useHostileContentSuite } from '../support/uiHardening';

/** Whether a CSP host source (which may start with a `*.` wildcard label) matches `origin`. */
function sourceMatches(source: string, origin: string): boolean {
  const pattern = source.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace('*', '[^/]+');
  return new RegExp(`^${pattern}$`).test(origin);
}

describe('the chat webview is locked down', () => {
  const hostile = useHostileContentSuite('lockdown');
  const { suite } = hostile;

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
    // The code highlighter's worker: its script fetched from the bundle's origin, started from a blob: URL.
    assert.deepEqual(directives.get('connect-src'), resourceSources);
    assert.deepEqual(directives.get('worker-src'), ['blob:']);
    assert.deepEqual([...directives.keys()].sort(), [
      'connect-src',
      'default-src',
      'font-src',
      'img-src',
      'script-src',
      'style-src',
      'worker-src',
    ]);
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
    }, hostile.canary.url);
    assert.equal(outcome.sentinel, undefined, 'an inline script ran');
    assert.equal(outcome.imageLoaded, false, 'a remote image loaded');
    assert.equal(outcome.fetched, false, 'a fetch to another server succeeded');
    assert.deepEqual(hostile.canary.hits, []);
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
