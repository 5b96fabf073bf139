// Settled replies far from the viewport stay plain source text until they come near it, so a conversation of
// thousands of messages opens in the time of a screenful and keeps rendered markdown only where the user has looked.
// Which replies are near is worked out from the list's scroll position once per frame after a scroll, with a binary
// search over the groups of messages and the messages in them: an IntersectionObserver watching thousands of them recomputes every one at each layout,
// which cost more than the rendering it saved.
import { isAtBottom } from './bottomFollower';
import type { MessageView } from './message';

/** How far beyond the visible part of the list a reply is rendered ahead of the user's scrolling. */
const AHEAD_PX = 1500;
/** The last messages of a conversation, which render at once so the first paint shows them finished. */
export const EAGER_MESSAGES = 6;

export class LazyReplies {
  private readonly views = new Map<Element, MessageView>();
  private scheduled = false;
  /** The list's size when a look with the list at its bottom found nothing waiting near it. */
  private bottomDone: ListSize | undefined;

  constructor(
    private readonly list: HTMLElement,
    private readonly requestFrame: (callback: () => void) => void,
  ) {
    list.addEventListener(
      'scroll',
      () => {
        // While a reply streams into a list that follows its bottom, the browser scrolls it down each frame as the
        // text grows (scroll anchoring). Replies further up only get further away, so another look, which would
        // measure the whole list in the middle of the frame, would find nothing. A list that got narrower, shorter
        // or taller in view (a webview laid out anew) is looked at again.
        if (this.bottomDone && isAtBottom(list) && onlyGrew(this.bottomDone, sizeOf(list))) return;
        this.bottomDone = undefined;
        this.schedule();
      },
      { passive: true },
    );
  }

  /** Renders `view` once it comes near the viewport. */
  watch(view: MessageView): void {
    if (!view.isDeferred || this.views.has(view.element)) return;
    this.views.set(view.element, view);
    this.bottomDone = undefined;
    this.schedule();
  }

  forget(view: MessageView): void {
    this.views.delete(view.element);
  }

  clear(): void {
    this.views.clear();
    this.bottomDone = undefined;
  }

  private schedule(): void {
    if (this.scheduled || this.views.size === 0) return;
    this.scheduled = true;
    this.requestFrame(() => {
      this.scheduled = false;
      this.renderNear();
    });
  }

  /** Renders the waiting replies within AHEAD_PX of the visible part of the list. */
  private renderNear(): void {
    const bounds = this.list.getBoundingClientRect();
    const [top, bottom] = [bounds.top - AHEAD_PX, bounds.bottom + AHEAD_PX];
    const near: MessageView[] = [];
    // The list holds groups of messages (view/messageGroups.ts), both in order, top to bottom.
    for (const group of within(this.list.children, top, bottom)) {
      for (const element of within(group.children, top, bottom)) {
        const view = this.views.get(element);
        if (view) near.push(view);
      }
    }
    for (const view of near) {
      this.views.delete(view.element);
      view.renderDeferred();
    }
    // Rendered replies change height, which may bring others near.
    if (near.length > 0) this.schedule();
    else this.bottomDone = isAtBottom(this.list) ? sizeOf(this.list) : undefined;
  }
}

/** The elements of `items`, which are in order top to bottom, that reach into `top`..`bottom`: a binary search. */
function* within(items: HTMLCollection, top: number, bottom: number): Generator<Element> {
  let [low, high] = [0, items.length];
  while (low < high) {
    const middle = (low + high) >> 1;
    if (items[middle].getBoundingClientRect().bottom < top) low = middle + 1;
    else high = middle;
  }
  for (let i = low; i < items.length && items[i].getBoundingClientRect().top <= bottom; i++) yield items[i];
}

interface ListSize {
  width: number;
  viewport: number;
  content: number;
}

function sizeOf(list: HTMLElement): ListSize {
  return { width: list.clientWidth, viewport: list.clientHeight, content: list.scrollHeight };
}

/** Only the content grew since `before`, in a list as wide and as tall in view: what streaming text does. */
function onlyGrew(before: ListSize, now: ListSize): boolean {
  return now.width === before.width && now.viewport === before.viewport && now.content >= before.content;
}
