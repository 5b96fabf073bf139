// Where a message sits in the conversation, and what of that its view shows.
/** Where a message sits in the conversation, which decides the actions it offers. */
export interface MessagePosition {
  isLastAssistant: boolean;
  isLastUser: boolean;
  /** A reply is streaming somewhere in the conversation. */
  busy: boolean;
  /**
   * A settled reply far from the viewport: its body keeps the plain source text (found by find-in-page, about as tall)
   * until `renderDeferred` turns it into markdown.
   */
  defer?: boolean;
}

/**
 * What of a position the message's view shows: a reply streaming elsewhere matters to the last question and reply
 * alone, and `defer` only to a body rendered again, which only a changed message is.
 */
export function positionKey({ isLastAssistant, isLastUser, busy }: MessagePosition): string {
  return [isLastAssistant, isLastUser, busy && (isLastAssistant || isLastUser)].join();
}
