// Turns whatever ended a reply into the one plain sentence the user reads, plus the technical detail behind it.
import type { ReplyError, ReplyErrorKind } from '../shared/protocol';

/** The parts of a provider error this module reads; checked structurally so any thrown value can be passed. */
interface ProviderErrorShape {
  kind: ReplyErrorKind;
  message: string;
  status?: number;
  retryAfterSeconds?: number;
  bodyExcerpt?: string;
}

const KINDS: readonly ReplyErrorKind[] = [
  'http',
  'rate-limited',
  'blocked',
  'network',
  'timeout',
  'protocol',
  'aborted',
  'auth',
  'config',
];

function isProviderError(error: unknown): error is ProviderErrorShape {
  return error instanceof Error && KINDS.includes((error as Partial<ProviderErrorShape>).kind as ReplyErrorKind);
}

function retryWhen(seconds: number | undefined): string {
  if (seconds === undefined) return 'Try again in a little while.';
  if (seconds < 90) return `Try again in ${Math.max(1, Math.ceil(seconds))} seconds.`;
  return `Try again in ${Math.ceil(seconds / 60)} minutes.`;
}

/** A setting or missing piece that keeps a request from being made at all. */
export function configError(message: string): ReplyError {
  return { kind: 'config', message };
}

export function toReplyError(error: unknown, idleTimeoutSeconds: number): ReplyError {
  if (!isProviderError(error)) {
    const detail = error instanceof Error ? error.message : String(error);
    return { kind: 'protocol', message: 'The reply could not be read because of an unexpected error.', detail };
  }
  const details = [
    error.status === undefined ? undefined : `HTTP ${error.status}`,
    error.message,
    error.bodyExcerpt ? `Response: ${error.bodyExcerpt}` : undefined,
  ].filter((part): part is string => part !== undefined && part !== '');
  const detail = details.length > 0 ? details.join('\n') : undefined;
  const withDetail = (message: string): ReplyError => ({ kind: error.kind, message, ...(detail ? { detail } : {}) });

  switch (error.kind) {
    case 'rate-limited':
      return {
        ...withDetail(`The server is limiting requests. ${retryWhen(error.retryAfterSeconds)}`),
        ...(error.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: error.retryAfterSeconds }),
      };
    case 'blocked':
      return withDetail('The service returned a bot-check page instead of an answer.');
    case 'timeout':
      return withDetail(`No data arrived for ${idleTimeoutSeconds} s, so the reply was given up.`);
    case 'network':
      return withDetail(
        'The chat server could not be reached or the connection dropped; check the base URL, network and proxy.',
      );
    case 'protocol':
      return withDetail('The server sent a response that is not a chat reply.');
    case 'http':
      return withDetail(
        error.status === undefined
          ? 'The server answered with an HTTP error.'
          : `The server answered with HTTP status ${error.status}.`,
      );
    case 'auth':
      return withDetail("The API key was refused. Run 'Vitalentum: Set API Key'.");
    case 'aborted':
      return withDetail('The reply was stopped.');
    case 'config':
      return withDetail(error.message);
  }
}
