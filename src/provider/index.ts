// The provider: streams a chat reply from a Vitalentum-protocol or OpenAI-compatible server. Plain Node, no vscode.
export { httpUrlProblem, normalizeBaseUrl } from './baseUrl';
export {
  INVALID_URL,
  INVALID_URL_SCHEME,
  NO_MODEL_LIST,
  PROVIDER_ERROR_KINDS,
  ProviderError,
  type ProviderErrorKind,
  type UrlSource,
} from './errors';
export { DEFAULT_IDLE_TIMEOUT_MS } from './http';
export { listModels, type ModelInfo } from './listModels';
export {
  LOCAL_HOSTS,
  LOCAL_SERVER_KINDS,
  probeLocalServers,
  type FoundServer,
  type LocalServerKind,
  type ProbeOptions,
  type ProbeResult,
} from './localServers';
export { streamChat } from './streamChat';
export {
  DEFAULT_TEMPERATURE,
  PROTOCOLS,
  type ChatMessage,
  type ChatStream,
  type FinishReason,
  type ListModelsOptions,
  type Protocol,
  type ProviderWarning,
  type StreamOptions,
  type TokenUsage,
} from './types';
