// The provider: streams a chat reply from a Vitalentum-protocol or OpenAI-compatible server. Plain Node, no vscode.
export { ProviderError, type ProviderErrorKind } from './errors';
export { listModels } from './list-models';
export { streamChat } from './stream-chat';
export type { ChatMessage, ChatProtocol, ChatStream, ListModelsOptions, ProviderWarning, StreamOptions } from './types';
