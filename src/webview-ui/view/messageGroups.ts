// The messages of the list in groups, each a box the browser skips laying out and painting while it is far from the
// viewport (content-visibility in styles.css). A box per message made the browser check thousands of boxes against
// the viewport at every frame of a streaming reply; per group it checks a few dozen, and a screenful lays out whole.

/** Messages per group: a few screenfuls of an ordinary conversation. */
export const GROUP_SIZE = 20;

export class MessageGroups {
  private readonly groups: HTMLElement[] = [];

  /** Groups go into `list` before `end`, which stays after them. */
  constructor(
    private readonly list: HTMLElement,
    private readonly end: Element,
  ) {}

  /** Puts the element of the message at `index` in its group, after `previous`, the element of the one before. */
  place(element: HTMLElement, index: number, previous: Element | null): void {
    const group = this.group(Math.floor(index / GROUP_SIZE));
    const after = index % GROUP_SIZE === 0 ? null : previous;
    if (element.parentElement === group && element.previousElementSibling === after) return;
    if (after) after.after(element);
    else group.prepend(element);
  }

  /** Removes the groups beyond those that `count` messages fill. */
  trim(count: number): void {
    const needed = Math.ceil(count / GROUP_SIZE);
    while (this.groups.length > needed) this.groups.pop()?.remove();
  }

  clear(): void {
    this.trim(0);
  }

  private group(index: number): HTMLElement {
    while (this.groups.length <= index) {
      const group = this.list.ownerDocument.createElement('div');
      group.className = 'message-group';
      this.list.insertBefore(group, this.end);
      this.groups.push(group);
    }
    return this.groups[index];
  }
}
