// Which links from model output may leave the editor: the webview renders only these as links, and the host opens
// only these. Everything else stays text.

export const OPENABLE_LINK_SCHEMES = ['http', 'https', 'mailto'] as const;

/** Matches an href that starts with an openable scheme (for the renderer and its sanitizer). */
export const OPENABLE_LINK = new RegExp(`^(?:${OPENABLE_LINK_SCHEMES.join('|')}):`, 'i');

/** Whether the host may open `href`: it parses as a URL whose scheme is openable. */
export function isOpenableLink(href: string): boolean {
  try {
    const scheme = new URL(href).protocol.slice(0, -1);
    return (OPENABLE_LINK_SCHEMES as readonly string[]).includes(scheme);
  } catch {
    return false;
  }
}
