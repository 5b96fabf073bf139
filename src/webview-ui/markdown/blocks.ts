// Finds where a growing markdown text can be cut so that everything before the cut renders the same now as it will
// when the text is complete. The streaming view renders the part before the cut once and re-parses only the rest.
// A code fence opened at the start of a line is a block of its own from its opening line to its closing one, so the
// streaming view can show its code as it grows, line by line, instead of rendering it again whole (incremental.ts).

export interface OpenFence {
  char: '`' | '~';
  length: number;
  /** Opened at the start of a line: a top-level block (anything indented may belong to a list item or be code). */
  topLevel: boolean;
}

const FENCE_OPEN = /^( *)(`{3,}|~{3,})(.*)$/;
const FENCE_CLOSE = /^( *)(`{3,}|~{3,})[ \t]*$/;
/** A line that would continue a list that precedes the blank line (and make it loose) rather than end it. */
const LIST_ITEM = /^(?:[-+*]|\d{1,9}[.)])(?:[ \t]|$)/;

function openingFence(line: string): OpenFence | undefined {
  const match = FENCE_OPEN.exec(line);
  if (!match) return undefined;
  const marker = match[2];
  const char = marker[0] === '`' ? '`' : '~';
  // A backtick fence's info string may not contain backticks (CommonMark); such a line is inline code instead.
  if (char === '`' && match[3].includes('`')) return undefined;
  return { char, length: marker.length, topLevel: match[1] === '' };
}

/** Whether `line` (without its line break) closes `fence`. */
export function closesFence(line: string, fence: OpenFence): boolean {
  const match = FENCE_CLOSE.exec(line);
  // A top-level fence's closing line is indented three spaces at most; with four it is code (CommonMark).
  if (match === null || (fence.topLevel && match[1].length > 3)) return false;
  return match[2][0] === fence.char && match[2].length >= fence.length;
}

/**
 * A blank line followed by an unindented line that is not a list item ends every open block, so nothing after it
 * can change how the text before it renders (reference definitions aside, which the renderer shares forward).
 */
function startsTopLevelBlock(line: string): boolean {
  return /^\S/.test(line) && !LIST_ITEM.test(line);
}

/**
 * Offset of the last top-level block boundary in `text` at or after `start` (which must itself be a boundary or
 * 0), or `start` when there is none yet. Boundaries are never inside an open code fence, and the line that
 * starts the next block must be complete, since its first characters alone may not tell what it is. A top-level
 * fence after `start` is the last boundary the scan looks for.
 */
export function lastStableBoundary(text: string, start = 0): number {
  return scanBoundaries(text, start, Infinity);
}

/**
 * The boundary that cuts `text` closest to `reach` characters without going over, or, when the first block is longer,
 * the end of that block; 0 when `text` has no boundary. A share of a burst ends there: one block at least, and no
 * more than that when it alone reaches past the share (a longer scan would pass over the share by several blocks).
 */
export function stableBoundaryNear(text: string, reach: number): number {
  return scanBoundaries(text, 0, reach);
}

/** The last boundary at or before `reach` (at or after `start`), else the first after it, else `start`. */
function scanBoundaries(text: string, start: number, reach: number): number {
  let fence: OpenFence | undefined;
  let previousBlank = false;
  let boundary = start;
  let lineStart = start;
  const cut = (at: number): boolean => {
    if (at > reach) return true;
    boundary = at;
    return false;
  };
  for (;;) {
    const newline = text.indexOf('\n', lineStart);
    if (newline === -1) return boundary;
    const line = text.slice(lineStart, newline);
    if (fence) {
      const closed = closesFence(line, fence);
      const topLevel = fence.topLevel;
      if (closed) fence = undefined;
      // Nothing after a closed top-level fence can change it: the next line starts a block, whatever it is.
      if (closed && topLevel && cut(newline + 1)) return boundary > start ? boundary : newline + 1;
      previousBlank = false;
    } else {
      fence = openingFence(line);
      // A top-level fence ends the blocks before it, blank line or not: it interrupts a paragraph, a list and a quote.
      // The scan ends there too: such a block streams on its own (incremental.ts), so no cut is wanted past it.
      const fenceStarts = fence?.topLevel === true && lineStart > start;
      const starts = fenceStarts || (previousBlank && startsTopLevelBlock(line));
      if (starts && cut(lineStart)) return boundary > start ? boundary : lineStart;
      if (fenceStarts) return boundary;
      previousBlank = line.trim() === '';
    }
    lineStart = newline + 1;
  }
}

/** A top-level fence's opening line: the fence, its info string, and where its code starts. */
export interface LeadingFence {
  fence: OpenFence;
  info: string;
  contentStart: number;
}

/** The top-level fence whose opening line starts at `at` in `text`, once that line is complete. */
export function leadingFence(text: string, at = 0): LeadingFence | undefined {
  const newline = text.indexOf('\n', at);
  if (newline === -1) return undefined;
  const fence = openingFence(text.slice(at, newline));
  if (!fence?.topLevel) return undefined;
  return { fence, info: text.slice(at + fence.length, newline), contentStart: newline + 1 };
}

/** Where a fence's code ends and its block ends (after the closing line), or how far the lines scanned were open. */
export type FenceEnd = { closed: true; codeEnd: number; blockEnd: number } | { closed: false; scannedTo: number };

/**
 * Looks for `fence`'s closing line among the complete lines of `text` from `from` (a line's start). Open, the
 * scan can resume from `scannedTo`, the start of the line still incomplete.
 */
export function findFenceEnd(text: string, fence: OpenFence, from: number): FenceEnd {
  let lineStart = from;
  for (;;) {
    const newline = text.indexOf('\n', lineStart);
    if (newline === -1) return { closed: false, scannedTo: lineStart };
    if (closesFence(text.slice(lineStart, newline), fence)) {
      return { closed: true, codeEnd: lineStart, blockEnd: newline + 1 };
    }
    lineStart = newline + 1;
  }
}

/** Whether `line`, the last and still incomplete line of a fence's code, may be the start of its closing line. */
export function mayCloseFence(line: string, fence: OpenFence): boolean {
  const match = /^( *)(`*|~*)[ \t]*$/.exec(line);
  return match !== null && match[1].length <= 3 && (match[2] === '' || match[2][0] === fence.char);
}
