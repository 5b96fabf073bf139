// A small element builder. Text is always added as text nodes, so nothing passed here is parsed as HTML.

type AttributeValue = string | boolean | undefined;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, AttributeValue> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === true) element.setAttribute(name, '');
    else if (typeof value === 'string') element.setAttribute(name, value);
  }
  element.append(...children);
  return element;
}

export function icon(name: string): HTMLSpanElement {
  return h('span', { class: `codicon codicon-${name}`, 'aria-hidden': 'true' });
}

/** A button showing only an icon; its label is read by screen readers and shown as a tooltip. */
export function iconButton(name: string, label: string, testId: string, onClick: () => void): HTMLButtonElement {
  const button = h(
    'button',
    { type: 'button', class: 'icon-button', 'aria-label': label, title: label, 'data-testid': testId },
    icon(name),
  );
  button.addEventListener('click', onClick);
  return button;
}

/** A button with an icon and a visible text label. */
export function textButton(name: string, label: string, testId: string, onClick: () => void): HTMLButtonElement {
  const button = h('button', { type: 'button', class: 'text-button', 'data-testid': testId }, icon(name), label);
  button.addEventListener('click', onClick);
  return button;
}

/** A disclosure button and the region it shows and hides; the open state survives re-rendering. */
export function disclosure(
  label: string,
  testId: string,
  region: HTMLElement,
  open: boolean,
  onToggle: (open: boolean) => void,
): HTMLButtonElement {
  const regionId = uniqueId('region');
  region.id = regionId;
  region.hidden = !open;
  const button = textButton(open ? 'chevron-down' : 'chevron-right', label, testId, () => {
    const next = region.hidden;
    region.hidden = !next;
    button.setAttribute('aria-expanded', String(next));
    button
      .querySelector('.codicon')
      ?.classList.replace(
        next ? 'codicon-chevron-right' : 'codicon-chevron-down',
        next ? 'codicon-chevron-down' : 'codicon-chevron-right',
      );
    onToggle(next);
  });
  button.setAttribute('aria-expanded', String(open));
  button.setAttribute('aria-controls', regionId);
  return button;
}

let nextId = 0;
/** A document-unique id for aria-controls / aria-labelledby pairs. */
export function uniqueId(prefix: string): string {
  nextId += 1;
  return `${prefix}-${nextId}`;
}
