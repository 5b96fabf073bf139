// The chat's setup card as the webview shows it: the local servers found on this machine with their models, and the
// ports that were looked at. The host decides when the card is shown and what it holds.

export interface SetupCardModel {
  id: string;
  /** Tokens the server takes for the model, prompt and reply together, when it says. */
  contextLength?: number;
}

export interface SetupCardServer {
  /** The kind of server whose default port answered (Ollama, LM Studio…). */
  name: string;
  baseUrl: string;
  models: SetupCardModel[];
}

export interface SetupCardView {
  /** Why the card is shown: the chat was never used yet, or the chat server could not be reached. */
  reason: 'firstRun' | 'unreachable';
  /** True while the local servers are being looked for. */
  looking: boolean;
  servers: SetupCardServer[];
  /** The servers and ports looked at, for saying where nothing was found. */
  looked: { name: string; port: number }[];
}
