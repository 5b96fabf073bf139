// Files dropped on the chat from VS Code's Explorer or editor tabs (VS Code passes a drop into a webview through while
// Shift is held). VS Code puts the files' URIs in the drag data as a URI list (RFC 2483: one per line, `#` comments);
// they go to the host, which pins the files as chips.
import { MAX_DROPPED_FILES, type WebviewToHostMessage } from '../shared/messages';

/** The drag-data types that carry URI lists, VS Code's own first. */
const URI_LIST_TYPES = ['application/vnd.code.uri-list', 'text/uri-list'];
const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

function carriesUris(data: DataTransfer | null): boolean {
  return data !== null && URI_LIST_TYPES.some((type) => data.types.includes(type));
}

/** The URIs of the first URI list in `data`, without comments, blanks or duplicates, at most MAX_DROPPED_FILES. */
export function droppedUris(data: DataTransfer): string[] {
  for (const type of URI_LIST_TYPES) {
    const lines = data
      .getData(type)
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#') && SCHEME.test(line));
    if (lines.length > 0) return [...new Set(lines)].slice(0, MAX_DROPPED_FILES);
  }
  return [];
}

/** Lets `target` take dropped files, marked with the `dropping` class while files are dragged over it. */
export function acceptFileDrops(target: HTMLElement, post: (message: WebviewToHostMessage) => void): void {
  const leave = () => target.classList.remove('dropping');
  for (const type of ['dragenter', 'dragover'] as const) {
    target.addEventListener(type, (event) => {
      if (!carriesUris(event.dataTransfer)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
      target.classList.add('dropping');
    });
  }
  target.addEventListener('dragleave', (event) => {
    // Moving onto a child of the chat also leaves the chat's own box; only leaving the chat ends the outline.
    if (!target.contains(event.relatedTarget as Node | null)) leave();
  });
  target.addEventListener('drop', (event) => {
    leave();
    if (!event.dataTransfer || !carriesUris(event.dataTransfer)) return;
    event.preventDefault();
    const uris = droppedUris(event.dataTransfer);
    if (uris.length > 0) post({ type: 'dropFiles', uris });
  });
}
