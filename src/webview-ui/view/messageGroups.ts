// The messages of the list in groups, each a box the browser skips laying out and painting while it is far from the
// viewport (content-visibility in styles.css). A box per message made the browser check thousands of boxes against
// the viewport at every frame of a streaming reply; per group it checks a few dozen, and a screenful lays out whole.
// Messages added before the first (a long conversation's earlier ones, a page at a time) go into groups of their own
// before the others, which stay where they are: moving every message to the next group would lay out the whole list.

/** Messages per group: a few screenfuls of an ordinary conversation. */
export const GROUP_SIZE = 20;

export class MessageGroups {
  /** The groups in order; the first has the number `first`. */
  private readonly groups: HTMLElement[] = [];
  private first = 0;
  /** Added to a message's index for its place: the message at place p is in group floor(p / GROUP_SIZE). */
  private base = 0;

  /** Groups go into `list` before `end`, which stays after them. */
  constructor(
    private readonly list: HTMLElement,
    private readonly end: Element,
  ) {}

  /** Puts the element of the message at `index` in its group, after `previous`, the element of the one before. */
  place(element: HTMLElement, index: number, previous: Element | null): void {
    const place = index + this.base;
    const group = this.group(Math.floor(place / GROUP_SIZE));
    const after = place % GROUP_SIZE === 0 ? null : previous;
    if (element.parentElement === group && element.previousElementSibling === after) return;
    if (after) after.after(element);
    else group.prepend(element);
  }

  /** `count` messages came before the first: the others keep their groups, and the new ones go in groups before. */
  prepended(count: number): void {
    this.base -= count;
  }

  /** Removes the groups that `count` messages no longer fill, at either end. */
  trim(count: number): void {
    if (count === 0) {
      for (const group of this.groups.splice(0)) group.remove();
      [this.first, this.base] = [0, 0];
      return;
    }
    const last = Math.floor((count - 1 + this.base) / GROUP_SIZE);
    while (this.groups.length > 0 && this.first + this.groups.length - 1 > last) this.groups.pop()?.remove();
    while (this.groups.length > 0 && this.first < Math.floor(this.base / GROUP_SIZE)) {
      this.groups.shift()?.remove();
      this.first++;
    }
  }

  clear(): void {
    this.trim(0);
  }

  private group(number: number): HTMLElement {
    if (this.groups.length === 0) this.first = number;
    while (number < this.first) {
      this.groups.unshift(this.create(this.groups[0]));
      this.first--;
    }
    while (number >= this.first + this.groups.length) this.groups.push(this.create(this.end));
    return this.groups[number - this.first];
  }

  private create(before: Element): HTMLElement {
    const group = this.list.ownerDocument.createElement('div');
    group.className = 'message-group';
    this.list.insertBefore(group, before);
    return group;
  }
}
