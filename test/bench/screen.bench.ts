// From the last byte of a reply leaving the server to the complete text on screen, in a real VS Code (code-server
// and Chromium, driven through test/support/ui.ts) with the production build of the extension. The server here is
// a minimal Vitalentum-protocol server that notes when its last byte went to the socket; the chat webview notes,
// with a MutationObserver, when the last reply shows the whole text, and again at the frame after that. Both sides
// read the same system clock.
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Frame } from 'playwright-core';
import { ChatView, VSCodeSession } from '../support/ui';
import { buildProductionExtension } from '../support/productionBundle';
import { ensureCodeServer, repoRoot } from '../support/vscode-host.mjs';
import { median, report } from './benchSupport';

const WORDS = 20_000;
const RUNS = 5;
const BATCH_BYTES = 16 * 1024;

/** The reply to "run N": a marker word, so each run's text differs from the last, then WORDS numbered words. */
function replyWords(prompt: string): string[] {
  const words = [`${prompt.replace(/\W+/g, '')} `];
  for (let i = 0; i < WORDS; i++) words.push(`w${i} `);
  return words;
}

async function lastHumanText(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { conversation: string };
  const { history } = JSON.parse(body.conversation) as { history: { speaker: string; text: string }[] };
  return history.filter((entry) => entry.speaker === 'human').at(-1)?.text ?? '';
}

interface ReplyServer {
  url: string;
  server: Server;
  /** Date.now() when the last byte of the latest reply was handed to the operating system. */
  lastByteAt(): number;
}

async function startReplyServer(): Promise<ReplyServer> {
  let lastByteAt = 0;
  const server = createServer((req, res) => {
    void (async () => {
      const prompt = await lastHumanText(req);
      res.socket?.setNoDelay(true);
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
      let batch = '';
      for (const word of replyWords(prompt)) {
        batch += `data: ${JSON.stringify({ choices: [{ delta: { content: word } }] })}\n\n`;
        if (batch.length < BATCH_BYTES) continue;
        if (!res.write(batch)) await once(res, 'drain');
        batch = '';
      }
      res.end(`${batch}data: [DONE]\n\n`, () => (lastByteAt = Date.now()));
    })();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, server, lastByteAt: () => lastByteAt };
}

interface Shown {
  /** Date.now() when the DOM first held the complete text. */
  domAt: number;
  /** Date.now() at the animation frame after that: the text is painted with it. */
  frameAt: number;
}

/** Starts watching the chat for the last reply to show `expected` (whitespace aside); returns when it has. */
async function watchForText(frame: Frame, expected: string): Promise<() => Promise<Shown>> {
  await frame.evaluate((want) => {
    const normalize = (text: string): string => text.replace(/\s+/g, ' ').trim();
    const target = normalize(want);
    const scope = window as unknown as { benchShown?: Promise<{ domAt: number; frameAt: number }> };
    scope.benchShown = new Promise((resolve) => {
      const complete = (): boolean => {
        const replies = document.querySelectorAll('[data-testid="message"][data-role="assistant"]');
        const body = replies[replies.length - 1]?.querySelector('[data-testid="message-body"]');
        const text = body?.textContent ?? '';
        return text.length >= target.length && normalize(text) === target;
      };
      const observer = new MutationObserver(() => {
        if (!complete()) return;
        const domAt = Date.now();
        observer.disconnect();
        requestAnimationFrame(() => resolve({ domAt, frameAt: Date.now() }));
      });
      observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    });
  }, expected);
  return () => frame.evaluate(() => (window as unknown as { benchShown: Promise<Shown> }).benchShown);
}

async function main(): Promise<void> {
  ensureCodeServer();
  const build = buildProductionExtension(repoRoot);
  const replies = await startReplyServer();
  const vscode = await VSCodeSession.start({
    settings: { 'vitalentum.baseUrl': replies.url },
    extensionPath: build.folder,
  });
  const toDom: number[] = [];
  const toFrame: number[] = [];
  try {
    await vscode.runCommand('Ask Vitalentum');
    const chat = await ChatView.find(vscode, 'panel');
    // The first reply warms up the extension host, the webview and the connection.
    for (let run = 0; run <= RUNS; run++) {
      const prompt = `run ${run}`;
      const shown = await watchForText(chat.frame, replyWords(prompt).join(''));
      await chat.send(prompt);
      const { domAt, frameAt } = await shown();
      await chat.waitForReply('complete');
      if (run > 0) {
        toDom.push(domAt - replies.lastByteAt());
        toFrame.push(frameAt - replies.lastByteAt());
      }
      // A fresh chat for each run, so the page does not grow from run to run.
      await chat.by('new-chat').click();
      await chat.messages().first().waitFor({ state: 'detached' });
    }
  } finally {
    await vscode.close();
    replies.server.close();
    build.remove();
  }
  report({ name: 'screen.lastByteToDom', value: median(toDom), unit: 'ms' });
  report({ name: 'screen.lastByteToScreen', value: median(toFrame), unit: 'ms' });
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
