// A layout for the webview tests of long conversations (jsdom lays nothing out).

/**
 * A layout the test sets (jsdom has none): each message 100 px tall, one under the other (in their groups), in a list
 * 500 px tall that shows its bottom; `scrollTo` moves it, as the user's scrolling would, and reports a scroll.
 * `widen` lays the list out anew at another width, each message `messageHeight` tall, and reports the scroll that
 * keeps its bottom in view. `looks` counts how often the chat measured the list.
 */
export function fakeLayout(list: HTMLElement) {
  let rowHeight = 100;
  let width = 300;
  let scrollTop = Infinity;
  const rect = (top: number, height: number) => ({ top, bottom: top + height, height }) as DOMRect;
  let looks = 0;
  list.getBoundingClientRect = () => (looks++, rect(0, 500));
  const height = () => list.querySelectorAll('[data-testid="message"]').length * rowHeight;
  const shownTop = () => Math.min(scrollTop, Math.max(0, height() - 500));
  Object.defineProperties(list, {
    clientWidth: { get: () => width },
    clientHeight: { get: () => 500 },
    scrollHeight: { get: () => Math.max(height(), 500) },
    scrollTop: { get: shownTop, set: (top: number) => (scrollTop = top) },
  });
  const place = () => {
    const messages = [...list.querySelectorAll('[data-testid="message"]')];
    const top = shownTop();
    messages.forEach((message, i) => (message.getBoundingClientRect = () => rect(i * rowHeight - top, rowHeight)));
    // The groups span their messages; the empty state (hidden) and the scroll anchor come last, of no height.
    for (const item of list.children) {
      const inside = [...item.children].filter((child) => messages.includes(child));
      const first = inside.length > 0 ? messages.indexOf(inside[0]) : messages.length;
      item.getBoundingClientRect = () => rect(first * rowHeight - top, inside.length * rowHeight);
    }
  };
  const scrollTo = (top: number): void => {
    scrollTop = top;
    place();
    list.dispatchEvent(new list.ownerDocument.defaultView!.Event('scroll'));
  };
  return {
    place,
    looks: () => looks,
    scrollTo,
    widen(newWidth: number, messageHeight: number): void {
      [width, rowHeight] = [newWidth, messageHeight];
      scrollTo(Infinity);
    },
  };
}
