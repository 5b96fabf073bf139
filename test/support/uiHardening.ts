// What the hardening UI suites need beyond test/support/ui.ts: a canary HTTP server that must never be contacted,
// the check that a hostile reply rendered inert, messages posted to the host as if the chat webview sent them, and
// conversations seeded into the store before the chat first reads it.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before } from 'node:test';
import type { Frame } from 'playwright-core';
import { it, useChatSuite, type ChatSuite, type ChatView, type VSCodeSession } from './ui';

const EXTENSION_ID = 'vitalentum.ask-vitalentum';

export interface CanaryServer {
  url: string;
  /** Every request received, as "METHOD /path". */
  hits: string[];
  close(): Promise<void>;
}

/** A server that hostile content points at; any request it receives means something was loaded or sent. */
export async function startCanaryServer(): Promise<CanaryServer> {
  const hits: string[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    hits.push(`${req.method ?? ''} ${req.url ?? ''}`);
    res.writeHead(200, { 'content-type': 'image/gif', 'access-control-allow-origin': '*' });
    res.end(Buffer.from('R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw==', 'base64'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A hostile reply: the local server's [echo] directive makes the reply exactly `payload`. */
export interface Vector {
  name: string;
  /** The reply text; `CANARY` is replaced by the canary server's URL. */
  payload: string;
  /** Text the reply must show, literally (after the same replacement). */
  shows: string[];
  /** How many inline images the reply may show (none unless given). */
  images?: number;
}

/**
 * Elements and attributes that must never appear in the last rendered reply, whatever the model sent. Images are
 * allowed exactly as the renderer allows them: png, gif, jpeg and webp `data:` URIs, never SVG, never a URL.
 */
export async function activeContentIn(frame: Frame): Promise<string[]> {
  return frame.evaluate(() => {
    const replies = document.querySelectorAll('[data-testid="message"][data-role="assistant"]');
    const body = replies[replies.length - 1]?.querySelector('[data-testid="message-body"]');
    if (!body) return ['no reply body'];
    const found: string[] = [];
    const forbidden =
      'script, iframe, frame, object, embed, form, input, style, link, meta, base, svg, math, details, ' +
      'audio, video, source, track, picture';
    for (const element of body.querySelectorAll(forbidden)) found.push(`<${element.localName}>`);
    for (const image of body.querySelectorAll('img')) {
      const src = image.getAttribute('src') ?? '';
      if (!/^data:image\/(?:png|gif|jpeg|webp);/i.test(src)) found.push(`img ${src.slice(0, 80)}`);
    }
    const loadsOrRuns = ['style', 'target', 'srcdoc', 'srcset', 'poster', 'background', 'ping'];
    const urlAttributes = ['href', 'src', 'action', 'formaction', 'xlink:href'];
    for (const element of body.querySelectorAll('*')) {
      for (const attribute of element.attributes) {
        const name = attribute.name.toLowerCase();
        if (name.startsWith('on') || loadsOrRuns.includes(name)) found.push(`${element.localName}[${name}]`);
        const isImageSource = element.localName === 'img' && name === 'src';
        if (urlAttributes.includes(name) && !isImageSource && !/^(https?:|mailto:)/i.test(attribute.value)) {
          found.push(`${element.localName}[${name}=${attribute.value}]`);
        }
      }
    }
    return found;
  });
}

/** The sentinel every payload tries to set, read in every frame of the workbench page. */
export async function sentinels(chat: ChatView, vscode: VSCodeSession): Promise<unknown[]> {
  const read = () => (window as unknown as { xssHit?: unknown }).xssHit;
  const values: unknown[] = [];
  for (const frame of vscode.page.frames()) values.push(await frame.evaluate(read).catch(() => undefined));
  values.push(await chat.frame.evaluate(read));
  return values.filter((v) => v !== undefined);
}

/**
 * `text` pointed at the canary: `CANARY_HOST` becomes its host and port (to build a URL in script that the chat's
 * linkify does not turn into a link), and `CANARY` its URL.
 */
export function atCanary(text: string, canary: CanaryServer): string {
  return text.replaceAll('CANARY_HOST', new URL(canary.url).host).replaceAll('CANARY', canary.url);
}

/** Sends `vector` as a reply and checks that it shows as text, with nothing run, loaded or covered. */
export async function expectInert(suite: ChatSuite, canary: CanaryServer, vector: Vector): Promise<void> {
  const text = await suite.chat.sendAndWait(`[echo] ${atCanary(vector.payload, canary)}`);
  for (const shown of vector.shows) {
    const expected = atCanary(shown, canary);
    assert.ok(text.includes(expected), `the reply does not show ${JSON.stringify(expected.slice(0, 200))}`);
  }
  assert.deepEqual(await activeContentIn(suite.chat.frame), []);
  assert.equal(await suite.chat.lastReply().locator('[data-testid="message-body"] img').count(), vector.images ?? 0);
  assert.deepEqual(await sentinels(suite.chat, suite.vscode), []);
  assert.deepEqual(canary.hits, []);
  // The page around the reply is untouched: nothing hid or covered the conversation.
  assert.equal(await suite.chat.input.isVisible(), true);
  assert.equal(await suite.chat.messages('user').last().isVisible(), true);
}

/** The folder ConversationStore writes to: the extension's global storage, `conversations/`. */
export function conversationsDir(session: VSCodeSession): string {
  return path.join(session.userDataDir, 'User', 'globalStorage', EXTENSION_ID, 'conversations');
}

/**
 * Posts `message` to the extension host through the same channel the chat webview's `acquireVsCodeApi().postMessage`
 * uses. The chat frame itself cannot: VS Code removes `window.parent` there after handing out the API, and the app
 * holds the only instance. The frame around it (VS Code's webview host page) owns the channel's entry point.
 */
export async function postAsWebview(chatFrame: Frame, message: unknown): Promise<void> {
  const host = chatFrame.parentFrame();
  if (!host) throw new Error('the chat frame has no host frame');
  await host.evaluate((data) => {
    const post = (window as unknown as Record<string, unknown>).__vscode_post_message__;
    if (typeof post !== 'function') throw new Error('the webview host page has no message entry point');
    (post as (command: string, payload: unknown) => void)('onmessage', { message: data, transfer: [] });
  }, message);
}

export interface SeededConversation {
  id: string;
  title: string;
  updatedAt: number;
}

/**
 * Writes `count` conversations (one question, one answer each) straight into the store's folder, as an earlier
 * session would have left them, without an index: the store rebuilds it from the files. Must run before any chat
 * opens in the session, since the store reads its folder once.
 */
export function seedConversations(session: VSCodeSession, count: number): SeededConversation[] {
  const folder = conversationsDir(session);
  mkdirSync(folder, { recursive: true });
  const base = Date.UTC(2024, 0, 1);
  const seeded: SeededConversation[] = [];
  for (let i = 0; i < count; i++) {
    const id = `seeded-${String(i).padStart(4, '0')}`;
    const title = `Seeded question ${i}`;
    const updatedAt = base + i * 60_000;
    const conversation = {
      id,
      title,
      createdAt: updatedAt - 1000,
      updatedAt,
      messages: [
        { id: `${id}-q`, role: 'user', text: title, status: 'complete', createdAt: updatedAt - 1000 },
        { id: `${id}-a`, role: 'assistant', text: `Seeded answer ${i}`, status: 'complete', createdAt: updatedAt },
      ],
    };
    writeFileSync(path.join(folder, `${id}.json`), JSON.stringify(conversation));
    seeded.push({ id, title, updatedAt });
  }
  return seeded;
}

/** Writes a conversation file that is not valid JSON, as a crash or a disk error could leave it. */
export function seedCorruptConversation(session: VSCodeSession, id: string): void {
  const folder = conversationsDir(session);
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, `${id}.json`), '{"id":"' + id + '","title":"Half a conv');
}

/**
 * A chat suite with a canary server for hostile content to point at, and one test per vector that the chat shows it
 * as inert text. The canary exists from the suite's first test on.
 */
export function useHostileContentSuite(name: string, vectors: readonly Vector[] = []) {
  // Some hostile replies are megabytes long; a window that takes them keeps the next question from being refused.
  const suite = useChatSuite(name, { settings: { 'vitalentum.contextWindowTokens': 10_000_000 } });
  let canary: CanaryServer | undefined;
  const started = (): CanaryServer => {
    if (!canary) throw new Error('the canary server is not running');
    return canary;
  };
  before(async () => {
    canary = await startCanaryServer();
  });
  after(async () => {
    await canary?.close();
  });
  for (const vector of vectors) {
    it(`shows ${vector.name} as inert text`, () => expectInert(suite, started(), vector));
  }
  return {
    suite,
    get canary(): CanaryServer {
      return started();
    },
  };
}
