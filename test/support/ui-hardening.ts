// What the hardening UI suites need beyond test/support/ui.ts: a canary HTTP server that must never be contacted,
// the chat's log as the extension host wrote it, messages posted to the host as if the chat webview sent them, and
// conversations seeded into the store before the chat first reads it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Frame } from 'playwright-core';
import type { VSCodeSession } from './ui';

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
