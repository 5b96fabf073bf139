// Test doubles for the chat's injected ports: a log and editor actions that record, a scheduler the test advances,
// and a reply stream the test feeds chunk by chunk, with reasoning, a finish reason and usage.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { EditorActions } from '../../../src/chat/editorActions';
import type { PinnedSelection } from '../../../src/chat/contextItems';
import type { ChatLog } from '../../../src/common/log';
import type { Scheduler } from '../../../src/chat/deltaCoalescer';
import type { ReplyStream, StreamRequest } from '../../../src/chat/replyStream';
import type { PromptMessage } from '../../../src/chat/conversation';
import type { FinishReason, TokenUsage } from '../../../src/provider';
import { within } from '../../support/deadline';

export class RecordingLog implements ChatLog {
  readonly lines: { level: string; message: string }[] = [];
  trace(message: string): void {
    this.lines.push({ level: 'trace', message });
  }
  info(message: string): void {
    this.lines.push({ level: 'info', message });
  }
  warn(message: string): void {
    this.lines.push({ level: 'warn', message });
  }
  error(message: string): void {
    this.lines.push({ level: 'error', message });
  }
  at(level: string): string[] {
    return this.lines.filter((l) => l.level === level).map((l) => l.message);
  }
}

/** Records what a controller asks the editor to do. */
export class RecordingActions implements EditorActions {
  readonly calls: string[] = [];
  async copyText(text: string): Promise<void> {
    this.calls.push(`copy ${text}`);
  }
  async insertCode(code: string): Promise<void> {
    this.calls.push(`insert ${code}`);
  }
  async applyCode(code: string, info: string, selection: PinnedSelection | undefined): Promise<void> {
    this.calls.push(
      `apply ${code} [${info}] ${selection ? `${selection.path}:${selection.startLine}` : 'no selection'}`,
    );
  }
  async openExternal(href: string): Promise<void> {
    this.calls.push(`open ${href}`);
  }
  async showMarkdown(markdown: string): Promise<void> {
    this.calls.push(`markdown ${markdown}`);
  }
  async selectModel(): Promise<void> {
    this.calls.push('selectModel');
  }
  async setApiKey(): Promise<void> {
    this.calls.push('setApiKey');
  }
  async openSettings(): Promise<void> {
    this.calls.push('openSettings');
  }
  showError(message: string): void {
    this.calls.push(`error ${message}`);
  }
  backend() {
    return { protocol: 'vitalentum' as const, baseUrl: 'http://127.0.0.1:1' };
  }
}

/** Runs scheduled callbacks only when the test says so. */
export class ManualScheduler implements Scheduler {
  private next = 1;
  private readonly callbacks = new Map<number, () => void>();
  setTimeout(callback: () => void): unknown {
    const handle = this.next++;
    this.callbacks.set(handle, callback);
    return handle;
  }
  clearTimeout(handle: unknown): void {
    this.callbacks.delete(handle as number);
  }
  get pending(): number {
    return this.callbacks.size;
  }
  runAll(): void {
    const due = [...this.callbacks.values()];
    this.callbacks.clear();
    for (const callback of due) callback();
  }
}

/** How a scripted stream ends normally: its end reason, and what the server said about the reply. */
export interface ScriptedEnd {
  end: 'done' | 'end-of-body';
  finishReason?: FinishReason;
  usage?: TokenUsage;
}

/** A chunk of the answer, reasoning handed to the request's onReasoning, a failure, or the end. */
export type ScriptItem = string | { reasoning: string } | Error | ScriptedEnd;

/** A reply stream whose chunks, reasoning, end and failure the test decides; it honours the request's abort signal. */
export class ScriptedStream implements ReplyStream {
  endReason: 'done' | 'end-of-body' | undefined;
  finishReason: FinishReason | undefined;
  usage: TokenUsage | undefined;
  private readonly queue: ScriptItem[] = [];
  private wake: (() => void) | undefined;

  constructor(
    readonly messages: PromptMessage[],
    readonly request: StreamRequest,
  ) {
    request.signal.addEventListener('abort', () => this.wake?.());
  }

  push(...items: ScriptItem[]): void {
    this.queue.push(...items);
    this.wake?.();
  }

  /** Items pushed that the reader has not taken yet. */
  get unread(): number {
    return this.queue.length;
  }

  async *[Symbol.asyncIterator](): AsyncIterator<string> {
    for (;;) {
      if (this.request.signal.aborted) throw Object.assign(new Error('The request was stopped.'), { kind: 'aborted' });
      const item = this.queue.shift();
      if (item === undefined) {
        await new Promise<void>((resolve) => (this.wake = resolve));
        continue;
      }
      if (typeof item === 'string') yield item;
      else if (item instanceof Error) throw item;
      else if ('reasoning' in item) this.request.onReasoning(item.reasoning);
      else {
        ({ end: this.endReason, finishReason: this.finishReason, usage: this.usage } = item);
        return;
      }
    }
  }
}

/** Collects the streams a service opens, so a test can script each request. */
export class StreamScript {
  readonly streams: ScriptedStream[] = [];
  private waiting: ((stream: ScriptedStream) => void)[] = [];

  readonly streamChat = (messages: PromptMessage[], request: StreamRequest): ScriptedStream => {
    const stream = new ScriptedStream(messages, request);
    this.streams.push(stream);
    for (const resolve of this.waiting.splice(0)) resolve(stream);
    return stream;
  };

  /** The n-th stream (0-based), once the service has opened it; fails when it is not opened within timeoutMs. */
  async stream(index: number, timeoutMs = 5000): Promise<ScriptedStream> {
    const opened = async (): Promise<ScriptedStream> => {
      while (this.streams.length <= index) {
        await new Promise<ScriptedStream>((resolve) => this.waiting.push(resolve));
      }
      return this.streams[index];
    };
    return within(timeoutMs, `request ${index + 1} of the chat`, opened());
  }
}

export async function withTempDir<T>(run: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(tmpdir(), 'vitalentum-chat-'));
  try {
    return await run(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
