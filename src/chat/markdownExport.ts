// A conversation as a Markdown document to read, keep and share, which Import Chat reads back (./markdownImport.ts):
// a front matter saying where it came from and each message's details, then each message under a heading with its
// text verbatim, a reply's reasoning in a collapsed block before its answer.
import { isCutAtTokenLimit, type ChatMessageView, type ReplyError, type ReplyStats } from '../shared/protocol';
import type { Conversation } from './conversation';

/** Names the front matter's format, so an import can tell an export from any other Markdown file. */
export const EXPORT_FORMAT = 'ask-vitalentum-chat';
/** The version this code writes; an import refuses later ones, whose meaning it cannot know. */
export const EXPORT_VERSION = 1;

/** The settings the chat runs with when it is exported. */
export interface ExportProvenance {
  extensionVersion: string;
  protocol: string;
  baseUrl: string;
  model?: string;
  temperature: number;
  extraBody: Record<string, unknown>;
}

/** What the front matter says of one message; the text, and a reply's reasoning, are in the body. */
interface ExportedMessage {
  role: ChatMessageView['role'];
  status: ChatMessageView['status'];
  startedAt: string;
  error?: ReplyError;
  stats?: ReplyStats;
  /** Present when the reply has reasoning, whose text is in the body. */
  reasoning?: { durationMs?: number };
  dropped?: ChatMessageView['dropped'];
  promptCut?: ChatMessageView['promptCut'];
}

/**
 * The front matter: JSON, which every YAML front-matter reader reads too, so no YAML writer is needed and nothing in
 * it can be a YAML tag or anchor.
 */
export interface ExportFrontMatter extends Partial<ExportProvenance> {
  format: typeof EXPORT_FORMAT;
  version: number;
  title: string;
  createdAt: string;
  updatedAt: string;
  /** Starts every marker line in the body; chosen to occur nowhere in the messages, so no text can fake a marker. */
  boundary: string;
  messages: ExportedMessage[];
}

export const FENCE = '---';
export const HEADING: Record<ChatMessageView['role'], string> = { user: '## You', assistant: '## Vitalentum' };
export const THINKING_OPEN = '<details><summary>Thinking</summary>';
export const THINKING_CLOSE = '</details>';

const STATUS_NOTE: Partial<Record<ChatMessageView['status'], string>> = {
  stopped: '_(stopped)_',
  incomplete: '_(may be cut short)_',
  streaming: '_(still arriving)_',
};

/** The line after a reply that did not end normally, telling a reader why it may be partial. */
export function statusNote(message: Pick<ChatMessageView, 'status' | 'error' | 'stats'>): string | undefined {
  if (message.status === 'error') return `_(failed: ${message.error?.message ?? 'unknown error'})_`;
  if (isCutAtTokenLimit(message)) return '_(cut short at the token limit)_';
  return STATUS_NOTE[message.status];
}

/** A marker line: `<!-- boundary 2 -->` opens message 2, `… 2 thinking` its reasoning, `… 2 answer` its answer. */
export function markerLine(boundary: string, label: string): string {
  return `<!-- ${boundary} ${label} -->`;
}

const BOUNDARY = 'vitalentum-export';

function boundaryFor(contents: readonly string[]): string {
  for (let n = 0; ; n++) {
    const candidate = n === 0 ? BOUNDARY : `${BOUNDARY}-${n}`;
    if (!contents.some((text) => text.includes(candidate))) return candidate;
  }
}

/** Query parameters whose values say nothing secret; every other value may be a key or a token. */
const PUBLIC_QUERY_PARAMETERS = new Set(['api-version']);

/**
 * The base URL as it may be shared: without `user:password@`, the fragment, or any query value but the public ones
 * (those are replaced by `***`). `undefined` when it is not a URL at all, since it cannot then be cleaned.
 */
export function withoutCredentials(baseUrl: string): string | undefined {
  let url: URL;
  try {
    url = new URL(baseUrl.trim());
  } catch {
    return undefined;
  }
  url.username = '';
  url.password = '';
  url.hash = '';
  for (const name of new Set(url.searchParams.keys())) {
    if (!PUBLIC_QUERY_PARAMETERS.has(name.toLowerCase())) url.searchParams.set(name, '***');
  }
  return url.pathname === '/' && url.search === '' ? url.origin : url.href;
}

function provenanceFields(provenance: ExportProvenance): Partial<ExportProvenance> {
  const { extensionVersion, protocol, model, temperature, extraBody } = provenance;
  const baseUrl = withoutCredentials(provenance.baseUrl);
  return {
    extensionVersion,
    protocol,
    ...(baseUrl === undefined ? {} : { baseUrl }),
    ...(model ? { model } : {}),
    temperature,
    extraBody,
  };
}

function exportedMessage(message: ChatMessageView): ExportedMessage {
  const { role, status, error, stats, reasoning, dropped, promptCut } = message;
  const durationMs = reasoning?.durationMs;
  return {
    role,
    status,
    startedAt: new Date(message.createdAt).toISOString(),
    ...(error ? { error: { ...error } } : {}),
    ...(stats ? { stats: { ...stats } } : {}),
    ...(reasoning ? { reasoning: durationMs === undefined ? {} : { durationMs } } : {}),
    ...(dropped ? { dropped: { ...dropped } } : {}),
    ...(promptCut ? { promptCut: { ...promptCut } } : {}),
  };
}

/** The conversation as a Markdown document; with `provenance`, the front matter also says how it was produced. */
export function conversationToMarkdown(conversation: Conversation, provenance?: ExportProvenance): string {
  const { messages } = conversation;
  const title = conversation.title.replace(/\s+/g, ' ').trim();
  const notes = messages.map(statusNote);
  const boundary = boundaryFor([
    title,
    ...messages.flatMap((m) => [m.text, m.reasoning?.text ?? '']),
    ...notes.flatMap((note) => note ?? []),
  ]);
  const frontMatter: ExportFrontMatter = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    ...(provenance ? provenanceFields(provenance) : {}),
    title: conversation.title,
    createdAt: new Date(conversation.createdAt).toISOString(),
    updatedAt: new Date(conversation.updatedAt).toISOString(),
    boundary,
    messages: messages.map(exportedMessage),
  };
  const marker = (label: string) => markerLine(boundary, label);
  const lines = [FENCE, JSON.stringify(frontMatter, null, 2), FENCE, '', `# ${title}`, ''];
  messages.forEach((message, index) => {
    const n = index + 1;
    lines.push(marker(`${n}`), HEADING[message.role], '');
    if (message.reasoning) {
      lines.push(THINKING_OPEN, '', marker(`${n} thinking`), message.reasoning.text, '', THINKING_CLOSE, '');
      lines.push(marker(`${n} answer`));
    }
    lines.push(message.text, '');
    const note = notes[index];
    if (note) lines.push(note, '');
  });
  lines.push(marker('end'), '');
  return lines.join('\n');
}
