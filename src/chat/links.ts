// Which links from model output the host is willing to open outside the editor.

const OPENABLE_SCHEMES = new Set(['http:', 'https:', 'mailto:']);

export function isOpenableLink(href: string): boolean {
  try {
    return OPENABLE_SCHEMES.has(new URL(href).protocol);
  } catch {
    return false;
  }
}
