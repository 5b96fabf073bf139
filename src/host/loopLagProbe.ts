// Measures the extension host's event-loop lag while replies stream, for the benchmarks: started only when the
// VITALENTUM_LOOP_LAG_FILE environment variable names a file, so a normal window pays nothing but one lookup.
import { appendFileSync } from 'node:fs';
import { monitorEventLoopDelay, performance, PerformanceObserver, type EventLoopUtilization } from 'node:perf_hooks';
import type { ChatService } from '../chat/chatService';
import { toDisposable, type Disposable } from '../common/lifecycle';

const ENV_VAR = 'VITALENTUM_LOOP_LAG_FILE';
/** The histogram's sampling interval; each sample is the interval plus the lag, so the interval is taken off. */
const RESOLUTION_MS = 1;
/** Node reports a garbage collection in a later task: the window's line waits this long for the last ones. */
const COLLECTIONS_REPORTED_MS = 50;

/**
 * While any reply streams (from the request to the settled reply saved), the event loop's delays are recorded, and
 * the garbage collections (their pauses are among the longest delays); after the end one JSON line
 * `{p50, p99, max, samples, wall, busy, cpu, collections, longestCollection}` (milliseconds) is appended to the file.
 * `busy` is the wall time the loop ran tasks, `cpu` the CPU time the process used: a loop busier than the CPU it got
 * was waiting for a core, not working.
 */
export function probeLoopLag(service: ChatService): Disposable | undefined {
  const file = process.env[ENV_VAR];
  if (!file) return undefined;
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  const lag = (nanoseconds: number): number => Math.max(0, nanoseconds / 1e6 - RESOLUTION_MS);
  // Kept only from a window's start to its line, so an idle window keeps nothing.
  let collections: { startTime: number; duration: number }[] | undefined;
  const collector = new PerformanceObserver((list) => {
    for (const { startTime, duration } of list.getEntries()) collections?.push({ startTime, duration });
  });
  collector.observe({ entryTypes: ['gc'] });
  // Where the clock, the loop's busy time and the process's CPU time stood when the window started.
  const startOfWindow = (): { at: number; loop: EventLoopUtilization; cpu: NodeJS.CpuUsage } => ({
    at: performance.now(),
    loop: performance.eventLoopUtilization(),
    cpu: process.cpuUsage(),
  });
  let windowStart = startOfWindow();
  let streaming = false;
  const pending = new Set<NodeJS.Timeout>();
  const report = (start: number, end: number, figures: object): void => {
    const kept = collections ?? [];
    const pauses = kept.filter((c) => c.startTime >= start && c.startTime <= end).map((c) => c.duration);
    collections = streaming || pending.size > 0 ? kept.filter((c) => c.startTime > end) : undefined;
    const line = { ...figures, collections: pauses.length, longestCollection: Math.max(0, ...pauses) };
    appendFileSync(file, `${JSON.stringify(line)}\n`);
  };
  const subscription = service.onEvent((event) => {
    if (event.type !== 'streamingChanged') return;
    streaming = event.streaming;
    if (event.streaming) {
      windowStart = startOfWindow();
      collections ??= [];
      histogram.reset();
      histogram.enable();
      return;
    }
    histogram.disable();
    const start = windowStart.at;
    const end = performance.now();
    const cpu = process.cpuUsage(windowStart.cpu);
    const figures = {
      p50: lag(histogram.percentile(50)),
      p99: lag(histogram.percentile(99)),
      max: lag(histogram.max),
      samples: histogram.count,
      wall: end - start,
      busy: performance.eventLoopUtilization(windowStart.loop).active,
      cpu: (cpu.user + cpu.system) / 1000,
    };
    const timer = setTimeout(() => {
      pending.delete(timer);
      report(start, end, figures);
    }, COLLECTIONS_REPORTED_MS);
    pending.add(timer);
  });
  return toDisposable(() => {
    histogram.disable();
    collector.disconnect();
    for (const timer of pending) clearTimeout(timer);
    subscription.dispose();
  });
}
