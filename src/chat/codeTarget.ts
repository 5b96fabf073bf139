// Which file a code block in a reply means: a path in its info string (`ts title=src/a.ts`, `path="b.py"`) or in a
// first-line comment (`// src/a.ts`, `# scripts/x.py`). Plain text rules, so Apply can be tested without an editor.

export interface CodeTarget {
  /** A workspace-relative path with `/` separators, never absolute and never climbing out with `..`. */
  path?: string;
  /** The code to apply: a first line that only named the file is not part of it. */
  code: string;
}

const INFO_PATH = /(?:^|\s)(?:title|path|file)=(?:"([^"]*)"|'([^']*)'|(\S+))/;
/** A comment alone on the first line holding one path-like word with an extension: `// src/a.ts`, `<!-- a.html -->`. */
const COMMENT_PATH = /^\s*(?:\/\/|#|--|;|\/\*|<!--)\s*([\w@.+-]+(?:\/[\w@.+-]+)*\.\w+)\s*(?:\*\/|-->)?\s*$/;

/** `path` as a workspace-relative path, or `undefined` when it is absolute, empty or leaves the workspace. */
export function safeRelativePath(path: string): string | undefined {
  const slashed = path.trim().replace(/\\/g, '/');
  if (slashed === '' || slashed.startsWith('/') || slashed.startsWith('~') || /^[a-zA-Z]:/.test(slashed)) {
    return undefined;
  }
  const parts: string[] = [];
  for (const part of slashed.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') return undefined;
    parts.push(part);
  }
  return parts.length === 0 ? undefined : parts.join('/');
}

/** The file a block names, if any, and the code to apply. */
export function parseCodeTarget(info: string, code: string): CodeTarget {
  const named = INFO_PATH.exec(info);
  if (named) {
    const path = safeRelativePath(named[1] ?? named[2] ?? named[3] ?? '');
    return path ? { path, code } : { code };
  }
  const newline = code.indexOf('\n');
  const firstLine = newline === -1 ? code : code.slice(0, newline);
  const commented = COMMENT_PATH.exec(firstLine);
  const path = commented ? safeRelativePath(commented[1]) : undefined;
  return path ? { path, code: newline === -1 ? '' : code.slice(newline + 1) } : { code };
}

/** Where `excerpt` occurs in `text` nearest to offset `near`, or -1 when it does not occur (or is empty). */
export function nearestOccurrence(text: string, excerpt: string, near: number): number {
  if (excerpt === '') return -1;
  let best = -1;
  for (let at = text.indexOf(excerpt); at !== -1; at = text.indexOf(excerpt, at + 1)) {
    if (best === -1 || Math.abs(at - near) < Math.abs(best - near)) best = at;
  }
  return best;
}

/** The code as a replacement for `replaced`: a block's final line end is dropped when the replaced text has none. */
export function fitToRange(code: string, replaced: string): string {
  if (replaced.endsWith('\n')) return code;
  return code.replace(/\r?\n$/, '');
}
