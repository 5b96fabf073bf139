// What the long-conversation bench measures inside the chat webview, with the webview's own clock: opening a
// conversation from the history, frame times and key-press latency (Event Timing API) while a reply streams, and the
// arrival on screen of the reply's first text (Element Timing: when the frame that shows it was presented), and the
// end of a reply.
import type { Frame } from 'playwright-core';
import type { ChatView } from '../support/ui';

/** Event Timing reports no entry shorter than this; a key press without an entry counts as this long. */
export const EVENT_TIMING_FLOOR_MS = 16;

export interface OpenResult {
  paintedMs: number;
  focusedMs: number | undefined;
  /** To the frame that has every message of the conversation in the page (a long one's start comes after its end). */
  wholeMs: number;
}

interface ProbeWindow {
  benchOpen?: Promise<OpenResult>;
  benchStream?: {
    frames: number[];
    keys: number[];
    stop: boolean;
    firstPainted?: number;
    firstRendered?: number;
    firstDeltaAt?: number;
  };
}

/**
 * Arms the next click on the history entry titled `title`: from that click to the frame that paints the last message
 * rendered as markdown with a code block containing `lastText`, to the composer having the focus, and to the frame
 * with all `count` messages in the page.
 */
export async function armOpenProbe(
  frame: Frame,
  open: { title: string; lastText: string; count: number },
  timeoutMs: number,
): Promise<void> {
  await frame.evaluate(
    ([{ title: wantTitle, lastText: wantText, count }, timeout]) => {
      const scope = window as unknown as ProbeWindow;
      scope.benchOpen = new Promise((resolve, reject) => {
        const onClick = (event: MouseEvent): void => {
          const entry = (event.target as Element | null)?.closest('[data-testid="history-item"]');
          if (!entry?.textContent?.includes(wantTitle)) return;
          document.removeEventListener('click', onClick, true);
          const clickedAt = event.timeStamp;
          let paintedMs: number | undefined;
          let focusedMs: number | undefined;
          const input = document.querySelector('[data-testid="input"]');
          const check = (now: number): void => {
            const messages = document.querySelectorAll('[data-testid="message"]');
            const last = messages[messages.length - 1];
            const body = last?.querySelector('[data-testid="message-body"]');
            if (paintedMs === undefined && body?.querySelector('.code-block') && body.textContent?.includes(wantText)) {
              paintedMs = now - clickedAt;
            }
            if (paintedMs !== undefined && focusedMs === undefined && document.activeElement === input) {
              focusedMs = now - clickedAt;
            }
            if (paintedMs !== undefined && messages.length >= count) {
              return resolve({ paintedMs, focusedMs, wholeMs: now - clickedAt });
            }
            if (now - clickedAt > timeout) {
              return reject(new Error(`the conversation did not show whole within ${timeout} ms`));
            }
            requestAnimationFrame(check);
          };
          requestAnimationFrame(check);
        };
        document.addEventListener('click', onClick, true);
      });
    },
    [open, timeoutMs] as const,
  );
}

export function openProbeResult(frame: Frame): Promise<OpenResult> {
  return frame.evaluate(() => (window as unknown as Required<ProbeWindow>).benchOpen);
}

/** Starts recording frame times and key-press durations, and when `firstText` first shows in the last reply. */
export async function startStreamProbe(frame: Frame, firstText: string): Promise<void> {
  await frame.evaluate(
    ([first, floor]) => {
      const state: Required<ProbeWindow>['benchStream'] = { frames: [], keys: [], stop: false };
      const IDENTIFIER = 'bench-first-text';
      (window as unknown as ProbeWindow).benchStream = state;
      const startedAt = performance.now();
      let previous = startedAt;
      // True from this probe's animation-frame callback to the end of that frame's rendering. It is registered before
      // the chat renders anything, so in every frame it runs before the chat's own callbacks.
      let inFrame = false;
      const tick = (now: number): void => {
        state.frames.push(now - previous);
        previous = now;
        inFrame = true;
        setTimeout(() => (inFrame = false), 0);
        if (!state.stop) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
      // A task queued now runs once the frame that paints what just changed has rendered: this one when the change
      // came within a frame's callbacks, the next one otherwise.
      const afterPaint = (stamp: () => void): void => {
        if (inFrame) setTimeout(stamp, 0);
        else requestAnimationFrame(() => setTimeout(stamp, 0));
      };
      const events = new PerformanceObserver((list) => {
        // Entries come after the paint that follows their event, so presses from before the probe started (while
        // the composer was filled, or at the end of the previous run) still arrive: they are not this run's.
        for (const entry of list.getEntries()) {
          if (entry.name === 'keydown' && entry.startTime >= startedAt) state.keys.push(entry.duration);
        }
      });
      events.observe({ type: 'event', durationThreshold: floor, buffered: false } as PerformanceObserverInit);
      // The element holding the first text is marked for Element Timing before the frame that paints it has
      // rendered (mutation observers run right after the script that changed the page), so its entry gives the time
      // that frame was presented. A task after the paint is the fallback: under load such tasks can wait long.
      const painted = new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as (PerformanceEntry & { identifier?: string; renderTime?: number })[]) {
          if (entry.identifier === IDENTIFIER && entry.renderTime) {
            state.firstPainted ??= performance.timeOrigin + entry.renderTime;
          }
        }
      });
      painted.observe({ type: 'element', buffered: false } as PerformanceObserverInit);
      // When the reply's first text reached the webview: the part of the first token's time spent on the way to it.
      const arrived = (event: MessageEvent<{ type?: string; text?: string }>): void => {
        if (event.data?.type !== 'delta' || !event.data.text?.includes(first)) return;
        state.firstDeltaAt = performance.timeOrigin + performance.now();
        window.removeEventListener('message', arrived);
      };
      window.addEventListener('message', arrived);
      const shown = new MutationObserver(() => {
        const replies = document.querySelectorAll('[data-testid="message"][data-role="assistant"]');
        const body = replies[replies.length - 1]?.querySelector('[data-testid="message-body"]');
        if (!body?.textContent?.includes(first)) return;
        shown.disconnect();
        const texts = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
        for (let node = texts.nextNode(); node; node = texts.nextNode()) {
          if (node.textContent?.includes(first)) node.parentElement?.setAttribute('elementtiming', IDENTIFIER);
        }
        afterPaint(() => (state.firstRendered = Date.now()));
      });
      shown.observe(document.body, { subtree: true, childList: true, characterData: true });
      const end = (): void => {
        events.disconnect();
        painted.disconnect();
        shown.disconnect();
        window.removeEventListener('message', arrived);
      };
      void new Promise<void>((resolve) => {
        const wait = (): void => (state.stop ? resolve() : void setTimeout(wait, 50));
        wait();
      }).then(end);
    },
    [firstText, EVENT_TIMING_FLOOR_MS] as const,
  );
}

export interface StreamProbe {
  frames: number[];
  /** Durations of the key presses Event Timing reported (those of 16 ms and more). */
  keys: number[];
  /** Date.now() when the frame that first showed the reply's first text was presented, or else once it had rendered. */
  firstShownAt: number | undefined;
  /** Date.now() when the message carrying the reply's first text reached the webview. */
  firstDeltaAt: number | undefined;
}

export async function stopStreamProbe(frame: Frame): Promise<StreamProbe> {
  // Event Timing entries arrive after the paint that follows a key press.
  await frame.waitForTimeout(300);
  return frame.evaluate(() => {
    const state = (window as unknown as Required<ProbeWindow>).benchStream;
    state.stop = true;
    return {
      frames: state.frames.slice(1),
      keys: state.keys,
      firstShownAt: state.firstPainted ?? state.firstRendered,
      firstDeltaAt: state.firstDeltaAt,
    };
  });
}

/** The durations of `pressed` key presses, of which Event Timing reported `reported`: the others took less than its floor. */
export function keyPressDurations(reported: readonly number[], pressed: number): number[] {
  return [...reported, ...Array<number>(Math.max(0, pressed - reported.length)).fill(EVENT_TIMING_FLOOR_MS)];
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new Error('no values to take a percentile of');
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** The last message is a complete reply other than `previousId`: checked ten times a second, on the last group. */
export async function waitForNewReply(chat: ChatView, previousId: string | null): Promise<void> {
  await chat.frame.waitForFunction(
    (id) => {
      const groups = document.querySelectorAll('[data-testid="message-list"] > .message-group');
      const last = groups[groups.length - 1]?.lastElementChild;
      return (
        last?.getAttribute('data-role') === 'assistant' &&
        last.getAttribute('data-message-id') !== id &&
        last.getAttribute('data-status') === 'complete'
      );
    },
    previousId,
    { polling: 100, timeout: 120_000 },
  );
}
