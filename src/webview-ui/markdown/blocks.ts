// Finds where a growing markdown text can be cut so that everything before the cut renders the same now as it will
// when the text is complete. The streaming view renders the part before the cut once and re-parses only the rest.

interface OpenFence {
  char: '`' | '~';
  length: number;
}

const FENCE_OPEN = /^ *(`{3,}|~{3,})(.*)$/;
const FENCE_CLOSE = /^ *(`{3,}|~{3,})[ \t]*$/;
/** A line that would continue a list that precedes the blank line (and make it loose) rather than end it. */
const LIST_ITEM = /^(?:[-+*]|\d{1,9}[.)])(?:[ \t]|$)/;

function openingFence(line: string): OpenFence | undefined {
  const match = FENCE_OPEN.exec(line);
  if (!match) return undefined;
  const marker = match[1];
  const char = marker[0] === '`' ? '`' : '~';
  // A backtick fence's info string may not contain backticks (CommonMark); such a line is inline code instead.
  if (char === '`' && match[2].includes('`')) return undefined;
  return { char, length: marker.length };
}

function closesFence(line: string, fence: OpenFence): boolean {
  const match = FENCE_CLOSE.exec(line);
  return match !== null && match[1][0] === fence.char && match[1].length >= fence.length;
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
 * starts the next block must be complete, since its first characters alone may not tell what it is.
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
  for (;;) {
    const newline = text.indexOf('\n', lineStart);
    if (newline === -1) return boundary;
    const line = text.slice(lineStart, newline);
    if (fence) {
      if (closesFence(line, fence)) fence = undefined;
      previousBlank = false;
    } else {
      if (previousBlank && startsTopLevelBlock(line)) {
        if (lineStart > reach) return boundary > start ? boundary : lineStart;
        boundary = lineStart;
      }
      fence = openingFence(line);
      previousBlank = line.trim() === '';
    }
    lineStart = newline + 1;
  }
}
