// Measures how one request's reply arrives, and describes it for the reply's details and the log.
import type { RequestOptions } from '../config/requestOptions';
import type { ReplyStats } from '../shared/protocol';

export interface ReplyMeasurement {
  /** Milliseconds from sending the request to the first chunk; absent when none arrived. */
  firstChunkMs?: number;
  durationMs: number;
  chunks: number;
  chars: number;
}

export class ReplyRecorder {
  private readonly started: number;
  private firstChunkMs: number | undefined;
  private chunks = 0;
  private chars = 0;

  constructor(private readonly now: () => number) {
    this.started = now();
  }

  record(chunk: string): void {
    this.firstChunkMs ??= this.now() - this.started;
    this.chunks++;
    this.chars += chunk.length;
  }

  /** This request's figures, its duration ending now. */
  finish(): ReplyMeasurement {
    const { firstChunkMs, chunks, chars } = this;
    return {
      ...(firstChunkMs === undefined ? {} : { firstChunkMs }),
      durationMs: this.now() - this.started,
      chunks,
      chars,
    };
  }
}

/**
 * The reply's details after one more request. A continued reply was received over several requests; its details
 * describe all of them together, from the first request's first chunk.
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
  };
}

/** One line for the log: where the request went and how it went, with this request's figures alone. */
export function describeRequest(
  request: Pick<RequestOptions, 'protocol' | 'baseUrl' | 'model'>,
  messages: number,
  outcome: string,
  measured: ReplyMeasurement,
): string {
  const { firstChunkMs, durationMs, chunks, chars } = measured;
  return (
    `Request ${request.protocol} ${request.baseUrl} model=${request.model ?? '-'} messages=${messages}: ` +
    `${outcome} in ${durationMs} ms, ${chunks} chunks, ${chars} chars, ` +
    `first chunk ${firstChunkMs === undefined ? '-' : `${firstChunkMs} ms`}`
  );
}
