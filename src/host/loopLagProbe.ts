// Measures the extension host's event-loop lag while replies stream, for the benchmarks: started only when the
// VITALENTUM_LOOP_LAG_FILE environment variable names a file, so a normal window pays nothing but one lookup.
import { appendFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { ChatService } from '../chat/chatService';
import { toDisposable, type Disposable } from '../common/lifecycle';

const ENV_VAR = 'VITALENTUM_LOOP_LAG_FILE';
/** The histogram's sampling interval; each sample is the interval plus the lag, so the interval is taken off. */
const RESOLUTION_MS = 1;

/**
 * While any reply streams (from the request to the settled reply saved), the event loop's delays are recorded; at the
 * end one JSON line `{p50, p99, max, samples}` (milliseconds) is appended to the file.
 */
export function probeLoopLag(service: ChatService): Disposable | undefined {
  const file = process.env[ENV_VAR];
  if (!file) return undefined;
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  const lag = (nanoseconds: number): number => Math.max(0, nanoseconds / 1e6 - RESOLUTION_MS);
  const subscription = service.onEvent((event) => {
    if (event.type !== 'streamingChanged') return;
    if (event.streaming) {
      histogram.reset();
      histogram.enable();
      return;
    }
    histogram.disable();
    const figures = {
      p50: lag(histogram.percentile(50)),
      p99: lag(histogram.percentile(99)),
      max: lag(histogram.max),
      samples: histogram.count,
    };
    appendFileSync(file, `${JSON.stringify(figures)}\n`);
  });
  return toDisposable(() => {
    histogram.disable();
    subscription.dispose();
  });
}
