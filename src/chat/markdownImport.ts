// Reads a chat exported as Markdown (./markdownExport.ts) back into a new conversation. The file may come from anyone:
// it is only parsed, never run or applied; its messages pass the stored format's own reader, so an import holds what
// the history may hold, and a file that is not a whole export is refused with one plain reason, never taken in part.
import type { Conversation } from './conversation';
import { FORMAT_VERSION, fromStored, readStoredConversation } from './conversationFormat';
import {
  EXPORT_FORMAT,
  EXPORT_VERSION,
  FENCE,
  HEADING,
  THINKING_CLOSE,
  THINKING_OPEN,
  markerLine,
  statusNote,
} from './markdownExport';
import { t } from '../shared/l10n';

/** The largest file an import reads; a conversation this size is already far beyond any chat's. */
export const MAX_IMPORT_BYTES = 32 * 1024 * 1024;

/** Why a file cannot be imported, as the end of a sentence for the user. */
export class ImportRefused extends Error {}

function notAnExport(): ImportRefused {
  return new ImportRefused(t('it is not a chat exported by Ask Vitalentum'));
}

function damaged(detail: string): ImportRefused {
  return new ImportRefused(t('it is damaged: {0}', detail));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A time the export wrote as an ISO string, in milliseconds; `undefined` when it is not one. */
function time(value: unknown): number | undefined {
  const ms = typeof value === 'string' ? Date.parse(value) : NaN;
  return Number.isFinite(ms) ? ms : undefined;
}

/** The front matter's JSON and the body after it; a CRLF file (an editor or git converted it) is read as LF. */
function split(markdown: string): { header: unknown; body: string } {
  // The decoder has already dropped a byte-order mark.
  const source = markdown.startsWith(`${FENCE}\r\n`) ? markdown.replace(/\r\n/g, '\n') : markdown;
  if (!source.startsWith(`${FENCE}\n`)) throw notAnExport();
  const end = `${source}\n`.indexOf(`\n${FENCE}\n`, FENCE.length);
  if (end < 0) throw notAnExport();
  try {
    return { header: JSON.parse(source.slice(FENCE.length + 1, end)), body: source.slice(end + FENCE.length + 2) };
  } catch {
    throw notAnExport();
  }
}

/** The body's parts by marker label, after checking that the markers are exactly those the front matter implies. */
function readParts(body: string, boundary: string, reasoned: readonly boolean[]): Map<string, string> {
  // The boundary is a plain word and the marker's own text has no pattern characters, so it is its own pattern.
  const pattern = new RegExp(`^${markerLine(boundary, '(\\d+(?: thinking| answer)?|end)')}$`, 'gm');
  const found = [...body.matchAll(pattern)];
  const expected = reasoned.flatMap((has, i) =>
    has ? [`${i + 1}`, `${i + 1} thinking`, `${i + 1} answer`] : [`${i + 1}`],
  );
  if (found.map((match) => match[1]).join('|') !== [...expected, 'end'].join('|')) {
    throw damaged(t('the messages in the text do not match the list in its front matter'));
  }
  return new Map(
    found.map((match, i) => {
      const start = match.index + match[0].length + 1;
      return [match[1], body.slice(start, found[i + 1]?.index ?? body.length)];
    }),
  );
}

/** `part` without the first of `endings` it ends with: the blank lines, and any note, the export added. */
function withoutEnding(part: string, endings: readonly (string | undefined)[]): string {
  const ending = endings.find((e) => e !== undefined && part.endsWith(e));
  return ending === undefined ? part : part.slice(0, part.length - ending.length);
}

/** Refuses a file over MAX_IMPORT_BYTES, before it is read when its size is known. */
export function refuseIfTooLarge(bytes: number): void {
  if (bytes > MAX_IMPORT_BYTES) {
    throw new ImportRefused(t('it is larger than {0} MB', MAX_IMPORT_BYTES / (1024 * 1024)));
  }
}

/**
 * The conversation an exported file holds, with new ids so it stands beside the one it was exported from. Throws
 * ImportRefused, with the reason, for anything that is not a whole export this version can read.
 */
export function conversationFromExport(file: Uint8Array): Conversation {
  refuseIfTooLarge(file.byteLength);
  let markdown: string;
  try {
    markdown = new TextDecoder('utf-8', { fatal: true }).decode(file);
  } catch {
    throw new ImportRefused(t('it is not UTF-8 text'));
  }
  const { header, body } = split(markdown);
  if (!isRecord(header) || header.format !== EXPORT_FORMAT) throw notAnExport();
  if (typeof header.version === 'number' && header.version > EXPORT_VERSION) {
    throw new ImportRefused(
      t('it was exported by a newer version of Ask Vitalentum; update the extension to import it'),
    );
  }
  if (header.version !== EXPORT_VERSION) throw damaged(t('its format version is not one this version knows'));
  const { boundary, messages } = header;
  if (typeof boundary !== 'string' || !/^[A-Za-z0-9-]{1,64}$/.test(boundary)) throw damaged(t('it has no boundary'));
  if (!Array.isArray(messages) || !messages.every(isRecord)) throw damaged(t('its front matter lists no messages'));
  const parts = readParts(
    body,
    boundary,
    messages.map((m) => isRecord(m.reasoning)),
  );
  const stored = readStoredConversation({
    version: FORMAT_VERSION,
    id: crypto.randomUUID(),
    title: header.title,
    createdAt: time(header.createdAt),
    updatedAt: time(header.updatedAt),
    // The texts are taken from the body below, once each message's status says which note follows its text.
    messages: messages.map((m) => ({
      ...m,
      id: crypto.randomUUID(),
      text: '',
      createdAt: time(m.startedAt),
      ...(isRecord(m.reasoning) ? { reasoning: { ...m.reasoning, text: '' } } : {}),
    })),
  });
  if (!stored) throw damaged(t('its front matter does not describe a conversation'));
  stored.messages.forEach((message, i) => {
    const n = i + 1;
    const head = parts.get(`${n}`) ?? '';
    const heading = `${HEADING[message.role]}\n\n`;
    if (!head.startsWith(heading)) throw damaged(t('message {0} has lost its heading', n));
    const answer = message.reasoning ? (parts.get(`${n} answer`) ?? '') : head.slice(heading.length);
    const note = statusNote(message);
    message.text = withoutEnding(answer, [note && `\n\n${note}\n\n`, '\n\n', '\n']);
    if (!message.reasoning) return;
    if (!head.startsWith(`${heading}${THINKING_OPEN}`)) throw damaged(t('message {0} has lost its reasoning block', n));
    const thinking = parts.get(`${n} thinking`) ?? '';
    message.reasoning.text = withoutEnding(thinking, [`\n\n${THINKING_CLOSE}\n\n`, '\n\n', '\n']);
  });
  // A reply exported while it was still arriving has no stream behind it here: it is kept as incomplete.
  return fromStored(stored);
}
