// What a user feels with a long conversation, in a real VS Code (code-server and Chromium) running the production
// build: a stored conversation of 1,000 turns (test/bench/longWorkload.ts) opened from the history, and typed into
// while it opens (test/bench/openTyping.ts), a 2,000-line reply streamed into it at full speed while keys are typed,
// the extension host's event-loop lag meanwhile (through src/host/loopLagProbe.ts), the first token's way to the
// screen (in those runs, and for a reply given at a model's pace: test/bench/firstToken.ts), keys typed while a reply
// is awaited, and opening the chat from the command.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { buildProductionExtension } from '../support/productionBundle';
import { ChatView, VSCodeSession } from '../support/ui';
import { ensureCodeServer, repoRoot } from '../support/vscode-host.mjs';
import { median, report } from './benchSupport';
import { measureIdleTyping } from './idleTyping';
import { measureWaitTyping } from './waitTyping';
import { measureOpenTyping } from './openTyping';
import { measureFirstToken } from './firstToken';
import { historyEntry, newChat } from './longChat';
import { measureHeapMB } from './longHeap';
import { PROFILE_DIR, startProfile } from './longProfile';
import { LONG_TITLE, streamedReplyLines, TURNS, writeLongConversation } from './longWorkload';
import { type ReplyServer, startReplyServer } from './replyServer';
import {
  armOpenProbe,
  keyPressDurations,
  openProbeResult,
  type OpenResult,
  percentile,
  startStreamProbe,
  stopStreamProbe,
  waitForNewReply,
} from './longProbes';
import { measureCommandToReady } from './openCommand';
import { shareWebviewServiceWorker } from './webviewServiceWorker';

const RUNS = 5;
const KEY_INTERVAL_MS = 25;

/** History click to the last message painted and the composer focused, and to every message in the page. */
async function openLong(chat: ChatView): Promise<OpenResult> {
  const entry = await historyEntry(chat, LONG_TITLE);
  await entry.waitFor();
  await armOpenProbe(chat.frame, { title: LONG_TITLE, lastText: `store${TURNS - 1}.ts`, count: 2 * TURNS }, 30_000);
  await entry.click();
  return openProbeResult(chat.frame);
}

interface StreamRun {
  frameP95: number;
  /** The median frame and the number of frames: how the typical frame went, beside the budget's percentile. */
  frameP50: number;
  frames: number;
  /** From the server's first byte to the webview receiving that text, when seen. */
  firstDeltaMs: number | undefined;
  inputP99: number;
  keys: number;
  firstTokenMs: number;
  /** From Enter to the reply's first text on screen: the whole wait for the first word, the server's share included. */
  enterToScreenMs: number;
}

/** Sends a question, types into the composer while the reply streams, and reads the probes. */
async function streamRun(page: Page, chat: ChatView, replies: ReplyServer, screenshot?: () => Promise<unknown>) {
  const run = replies.requests() + 1;
  const stopProfile = run === 2 ? await startProfile(page) : undefined;
  const previous = (await chat.lastReply().count()) > 0 ? await chat.lastReply().getAttribute('data-message-id') : null;
  // Located once: a locator queried again while the reply streams would run in the webview's thread it measures.
  const input = await chat.input.elementHandle();
  if (!input) throw new Error('the composer is not there');
  await input.click();
  await input.fill(`Stream run ${run}`);
  await startStreamProbe(chat.frame, `Streamed reply ${run} begins here.`);
  const enterAt = Date.now();
  await page.keyboard.press('Enter');
  let keys = 0;
  const settled = waitForNewReply(chat, previous).then(() => (done = true));
  let done = false;
  while (!done) {
    await page.keyboard.press('x');
    keys++;
    if (keys === 20) await screenshot?.();
    await page.waitForTimeout(KEY_INTERVAL_MS);
  }
  await settled;
  await stopProfile?.('webview-stream');
  const probe = await stopStreamProbe(chat.frame);
  await input.fill('');
  await input.dispose();
  if (probe.firstShownAt === undefined) throw new Error('the first text of the reply was not seen');
  const durations = keyPressDurations(probe.keys, keys);
  return {
    frameP95: percentile(probe.frames, 95),
    frameP50: percentile(probe.frames, 50),
    frames: probe.frames.length,
    inputP99: percentile(durations, 99),
    keys,
    firstTokenMs: probe.firstShownAt - replies.firstByteAt(),
    enterToScreenMs: probe.firstShownAt - enterAt,
    firstDeltaMs: probe.firstDeltaAt === undefined ? undefined : probe.firstDeltaAt - replies.firstByteAt(),
  } satisfies StreamRun;
}

interface LagLine {
  p99: number;
  max: number;
  wall: number;
  busy: number;
  cpu: number;
  collections: number;
  longestCollection: number;
}

async function waitForLagLines(file: string, count: number): Promise<LagLine[]> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    let lines: string[] = [];
    try {
      lines = readFileSync(file, 'utf8').trim().split('\n').filter(Boolean);
    } catch {
      // not written yet
    }
    if (lines.length >= count) return lines.map((line) => JSON.parse(line) as LagLine);
    if (Date.now() > deadline) throw new Error(`the host wrote ${lines.length} lag lines, not ${count}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function main(): Promise<void> {
  ensureCodeServer();
  const build = buildProductionExtension(repoRoot);
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'vitalentum-long-'));
  const lagFile = path.join(scratch, 'loop-lag.jsonl');
  // The host's profiles and the webview's go to the one folder.
  if (PROFILE_DIR) mkdirSync(PROFILE_DIR, { recursive: true });
  const replies = await startReplyServer();
  let lines = 0;
  report({ name: 'long.loadAverage', value: os.loadavg()[0], unit: 'load' });
  const vscode = await VSCodeSession.start({
    settings: { 'vitalentum.baseUrl': replies.url },
    extensionPath: build.folder,
    env: {
      VITALENTUM_LOOP_LAG_FILE: lagFile,
      ...(PROFILE_DIR ? { VITALENTUM_CPU_PROFILE_DIR: PROFILE_DIR } : {}),
    },
    prepareUserData: (userDataDir) => (lines = writeLongConversation(userDataDir)),
  });
  try {
    console.log(
      `long: ${TURNS} turns, ${lines} lines of markdown stored; replies of ${streamedReplyLines(0).length} lines`,
    );
    await vscode.runCommand('Ask Vitalentum');
    const chat = await ChatView.find(vscode, 'panel');
    const emptyHeap = await measureHeapMB(vscode.page, chat.frame);
    const opens = [];
    for (let run = 0; run <= RUNS; run++) {
      if (run > 0) await newChat(chat);
      const stopProfile = run === 2 ? await startProfile(vscode.page) : undefined;
      opens.push(await openLong(chat));
      await stopProfile?.('webview-open');
    }
    const [cold, ...warm] = opens;
    report({ name: 'long.openColdMs', value: cold.focusedMs ?? cold.paintedMs, unit: 'ms' });
    report({ name: 'long.openPaintedMs', value: median(warm.map((o) => o.paintedMs)), unit: 'ms' });
    const focused = warm.map((o) => o.focusedMs).filter((ms) => ms !== undefined);
    if (focused.length === warm.length) report({ name: 'long.openMs', value: median(focused), unit: 'ms' });
    else console.log('long: the composer did not take the focus after opening the conversation');
    report({ name: 'long.openWholeMs', value: median(warm.map((o) => o.wholeMs)), unit: 'ms' });
    const openTyping = [];
    for (let run = 0; run < RUNS; run++) {
      openTyping.push(await measureOpenTyping(chat, { title: LONG_TITLE, count: 2 * TURNS }, KEY_INTERVAL_MS));
    }
    report({ name: 'long.openTypingP99Ms', value: median(openTyping), unit: 'ms' });
    const heap = await measureHeapMB(vscode.page, chat.frame);
    // Where the webview shares its renderer with the workbench, the whole renderer's heap: an upper bound.
    report({ name: 'long.webviewHeapMB', value: heap.mb, unit: 'MB' });
    report({ name: 'long.webviewHeapAddedMB', value: heap.mb - emptyHeap.mb, unit: 'MB' });
    console.log(`long: heap read from ${heap.separate ? "the webview's own renderer" : 'the renderer it shares'}`);
    const streams: StreamRun[] = [];
    for (let run = 0; run <= RUNS; run++) {
      // In the warm-up run only: once the streamed reply shows, while it streams.
      // The reply is held after half its lines, so the screenshot shows it mid-stream.
      const release = run === 0 ? replies.holdNext('midway') : undefined;
      const shoot = async () => {
        await chat.lastReply().filter({ hasText: 'Streamed reply' }).waitFor({ timeout: 60_000 });
        await vscode.screenshot('long-conversation-mid-stream');
        release?.();
      };
      const result = await streamRun(vscode.page, chat, replies, run === 0 ? shoot : undefined);
      if (run > 0) streams.push(result);
    }
    const lag = (await waitForLagLines(lagFile, RUNS + 1)).slice(1);
    console.log(
      `long: keys typed per run ${streams.map((s) => s.keys).join(', ')}; lag max ${lag.map((l) => l.max.toFixed(1)).join(', ')} ms`,
    );
    const collected = lag.map((l) => `${l.collections} (${l.longestCollection.toFixed(1)})`);
    console.log(`long: host garbage collections per run (the longest, ms) ${collected.join(', ')}`);
    const work = lag.map((l) => [l.wall, l.busy, l.cpu].map((ms) => ms.toFixed(0)).join(', '));
    console.log(`long: host per run (window, loop busy, process CPU; ms) ${work.join('; ')}`);
    const frames = streams.map((s) => `${s.frames} (${s.frameP50.toFixed(1)}, ${s.frameP95.toFixed(1)})`);
    console.log(`long: frames per run (median, 95th percentile, ms) ${frames.join(', ')}`);
    const arrivals = streams.map((s) => `${s.firstDeltaMs?.toFixed(0) ?? '-'} of ${s.firstTokenMs.toFixed(0)}`);
    console.log(`long: first text reached the webview, of its time to the screen (ms) ${arrivals.join(', ')}`);
    report({ name: 'long.inputLatencyP99Ms', value: median(streams.map((s) => s.inputP99)), unit: 'ms' });
    report({ name: 'long.frameP95Ms', value: median(streams.map((s) => s.frameP95)), unit: 'ms' });
    report({ name: 'long.hostLoopLagP99Ms', value: median(lag.map((l) => l.p99)), unit: 'ms' });
    report({ name: 'long.firstTokenToScreenMs', value: median(streams.map((s) => s.firstTokenMs)), unit: 'ms' });
    report({ name: 'long.enterToScreenMs', value: median(streams.map((s) => s.enterToScreenMs)), unit: 'ms' });
    const firstTokens = [];
    for (let run = 0; run < RUNS; run++) firstTokens.push(await measureFirstToken(vscode.page, chat, replies));
    console.log(
      `long: first token to screen at a model's pace (ms) ${firstTokens.map((ms) => ms.toFixed(0)).join(', ')}`,
    );
    report({ name: 'first.tokenToScreenMs', value: median(firstTokens), unit: 'ms' });
    // The same replies into a new chat: what this machine and VS Code give whatever the conversation's length.
    await newChat(chat);
    const short: StreamRun[] = [];
    for (let run = 0; run < RUNS; run++) short.push(await streamRun(vscode.page, chat, replies));
    report({ name: 'short.inputLatencyP99Ms', value: median(short.map((s) => s.inputP99)), unit: 'ms' });
    report({ name: 'short.frameP95Ms', value: median(short.map((s) => s.frameP95)), unit: 'ms' });
    report({ name: 'short.tokenToScreenMs', value: median(short.map((s) => s.firstTokenMs)), unit: 'ms' });
    report({ name: 'short.enterToScreenMs', value: median(short.map((s) => s.enterToScreenMs)), unit: 'ms' });
    const waits = [];
    for (let run = 0; run < RUNS; run++) {
      waits.push(await measureWaitTyping(vscode.page, chat, replies, KEY_INTERVAL_MS));
    }
    report({ name: 'wait.inputLatencyP99Ms', value: median(waits), unit: 'ms' });
    const idle = await measureIdleTyping(vscode.page, chat, KEY_INTERVAL_MS);
    report({ name: 'idle.inputLatencyP99Ms', value: idle.inputP99, unit: 'ms' });
    report({ name: 'idle.frameP95Ms', value: idle.frameP95, unit: 'ms' });
    await newChat(chat);
    // As VS Code 1.100.3 ships, then as later VS Code opens webviews (test/bench/webviewServiceWorker.ts).
    const stock = await measureCommandToReady(vscode, RUNS, 'VS Code 1.100.3, a service worker per webview');
    report({ name: 'open.commandToReadyStockMs', value: stock.commandToReadyMs, unit: 'ms' });
    const checkShared = await shareWebviewServiceWorker(vscode.page);
    const opening = await measureCommandToReady(vscode, RUNS, 'one service worker per window, as VS Code 1.101+');
    checkShared();
    report({ name: 'open.commandToReadyMs', value: opening.commandToReadyMs, unit: 'ms' });
    report({ name: 'open.documentToReadyMs', value: opening.documentToReadyMs, unit: 'ms' });
    report({ name: 'long.loadAverageAfter', value: os.loadavg()[0], unit: 'load' });
  } finally {
    await vscode.close();
    replies.server.close();
    build.remove();
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
