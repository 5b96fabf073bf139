// Measures how one request's reply arrives, and describes it for the reply's details and the log.
import type { RequestOptions } from '../config/requestOptions';
import type { FinishReason, TokenUsage } from '../provider';
import type { ChatMessageView, ReplyStats } from '../shared/protocol';
import type { PromptMessage } from './conversation';
import { promptCutWarning } from './promptCut';

export interface ReplyMeasurement {
  /** Milliseconds from sending the request to the first chunk; absent when none arrived. */
  firstChunkMs?: number;
  durationMs: number;
  chunks: number;
  chars: number;
  /** Milliseconds from the first to the last reasoning text; absent when the model sent none. */
  reasoningMs?: number;
  /** What the server said when the reply ended normally. */
  finishReason?: FinishReason;
  usage?: TokenUsage;
}

/** What the stream tells once it has ended normally. */
export interface ReplyEnding {
  finishReason?: FinishReason;
  usage?: TokenUsage;
}

export class ReplyRecorder {
  private readonly started: number;
  private firstChunkMs: number | undefined;
  private chunks = 0;
  private chars = 0;
  private reasoning: { first: number; last: number } | undefined;
  private ending: ReplyEnding = {};

  constructor(private readonly now: () => number) {
    this.started = now();
  }

  record(chunk: string): void {
    this.firstChunkMs ??= this.now() - this.started;
    this.chunks++;
    this.chars += chunk.length;
  }

  /** Times a reasoning text; true for the request's first. */
  recordReasoning(): boolean {
    const at = this.now();
    const first = this.reasoning === undefined;
    this.reasoning = { first: this.reasoning?.first ?? at, last: at };
    return first;
  }

  /** Keeps what the stream told at its normal end. */
  ended(ending: ReplyEnding): void {
    this.ending = ending;
  }

  /** This request's figures, its duration ending now. */
  finish(): ReplyMeasurement {
    const { firstChunkMs, chunks, chars, reasoning } = this;
    const { finishReason, usage } = this.ending;
    return {
      ...(firstChunkMs === undefined ? {} : { firstChunkMs }),
      durationMs: this.now() - this.started,
      chunks,
      chars,
      ...(reasoning === undefined ? {} : { reasoningMs: reasoning.last - reasoning.first }),
      ...(finishReason === undefined ? {} : { finishReason }),
      ...(usage === undefined ? {} : { usage }),
    };
  }
}

/**
 * The token counts of the whole reply: a continued reply's requests added up. A sum that would leave out a request
 * (one that failed or was stopped before the server reported its usage) would read as the whole; it is left out.
 */
function tokens(earlier: ReplyStats | undefined, usage: TokenUsage | undefined): Partial<ReplyStats> {
  if (usage === undefined) return {};
  if (earlier === undefined) return { promptTokens: usage.promptTokens, completionTokens: usage.completionTokens };
  if (earlier.promptTokens === undefined || earlier.completionTokens === undefined) return {};
  return {
    promptTokens: earlier.promptTokens + usage.promptTokens,
    completionTokens: earlier.completionTokens + usage.completionTokens,
  };
}

/**
 * The reply's details after one more request. A continued reply was received over several requests; its details
 * describe all of them together, from the first request's first chunk, and end with the last request's finish reason.
 */
export function replyStats(
  earlier: ReplyStats | undefined,
  request: Pick<RequestOptions, 'protocol' | 'model'>,
  measured: ReplyMeasurement,
): ReplyStats {
  const firstChunkMs = earlier?.firstChunkMs ?? measured.firstChunkMs;
  return {
    protocol: request.protocol,
    ...(request.model ? { model: request.model } : {}),
    ...(firstChunkMs === undefined ? {} : { firstChunkMs }),
    durationMs: (earlier?.durationMs ?? 0) + measured.durationMs,
    chunks: (earlier?.chunks ?? 0) + measured.chunks,
    chars: (earlier?.chars ?? 0) + measured.chars,
    ...tokens(earlier, measured.usage),
    ...(measured.finishReason === undefined ? {} : { finishReason: measured.finishReason }),
  };
}

/**
 * Adds one request's figures to the reply's details, and its reasoning time to the reply's reasoning (a continued
 * reply may reason again in each request). A server's prompt count far below the prompt's estimated size
 * (`promptTokens`) marks the reply as cut.
 */
export function addMeasurement(
  reply: ChatMessageView,
  request: Pick<RequestOptions, 'protocol' | 'model'>,
  measured: ReplyMeasurement,
  promptTokens: number,
): void {
  reply.stats = replyStats(reply.stats, request, measured);
  const cut = promptCutWarning(promptTokens, measured.usage?.promptTokens);
  if (cut) reply.promptCut = cut;
  if (reply.reasoning && measured.reasoningMs !== undefined) {
    reply.reasoning.durationMs = (reply.reasoning.durationMs ?? 0) + measured.reasoningMs;
  }
}

/** The prompt as the log shows it at the Trace level. */
export function describePrompt(prompt: readonly PromptMessage[]): string {
  return `Prompt (${prompt.length} messages):\n${prompt.map((m) => `[${m.role}] ${m.content}`).join('\n')}`;
}

/** One line for the log: where the request went and how it went, with this request's figures alone. */
export function describeRequest(
  request: Pick<RequestOptions, 'protocol' | 'baseUrl' | 'model'>,
  messages: number,
  outcome: string,
  measured: ReplyMeasurement,
): string {
  const { firstChunkMs, durationMs, chunks, chars, reasoningMs, finishReason, usage } = measured;
  return (
    `Request ${request.protocol} ${request.baseUrl} model=${request.model ?? '-'} messages=${messages}: ` +
    `${outcome} in ${durationMs} ms, ${chunks} chunks, ${chars} chars, ` +
    `first chunk ${firstChunkMs === undefined ? '-' : `${firstChunkMs} ms`}` +
    (reasoningMs === undefined ? '' : `, reasoning ${reasoningMs} ms`) +
    (finishReason === undefined ? '' : `, finish ${finishReason}`) +
    (usage === undefined ? '' : `, tokens ${usage.promptTokens} in ${usage.completionTokens} out`)
  );
}
