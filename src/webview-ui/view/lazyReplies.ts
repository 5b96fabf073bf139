// Settled replies far from the viewport stay plain source text until they come near it, so a conversation of
// thousands of messages opens in the time of a screenful and keeps rendered markdown only where the user has looked.
import type { MessageView } from './message';

/** How far beyond the visible part of the list a reply is rendered ahead of the user's scrolling. */
const AHEAD = '1500px 0px';
/** The last messages of a conversation, which render at once so the first paint shows them finished. */
export const EAGER_MESSAGES = 6;

export class LazyReplies {
  private readonly views = new Map<Element, MessageView>();
  private readonly observer: IntersectionObserver | undefined;

  constructor(root: HTMLElement) {
    const Observer = root.ownerDocument.defaultView?.IntersectionObserver;
    this.observer =
      Observer &&
      new Observer(
        (entries) => {
          for (const entry of entries) if (entry.isIntersecting) this.render(entry.target);
        },
        { root, rootMargin: AHEAD },
      );
  }

  /** Renders `view` once it comes near the viewport (at once where nothing can tell, as in tests without layout). */
  watch(view: MessageView): void {
    if (!view.isDeferred || this.views.has(view.element)) return;
    if (!this.observer) return view.renderDeferred();
    this.views.set(view.element, view);
    this.observer.observe(view.element);
  }

  forget(view: MessageView): void {
    if (this.views.delete(view.element)) this.observer?.unobserve(view.element);
  }

  clear(): void {
    for (const element of this.views.keys()) this.observer?.unobserve(element);
    this.views.clear();
  }

  private render(element: Element): void {
    const view = this.views.get(element);
    this.views.delete(element);
    this.observer?.unobserve(element);
    view?.renderDeferred();
  }
}
