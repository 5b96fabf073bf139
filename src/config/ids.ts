// Every id the manifest and the code share, declared once: commands, views, context keys, the settings section and
// the secret's key. A unit test checks them against package.json.

/** publisher.name from package.json: how VS Code knows this extension. */
export const EXTENSION_ID = 'vitalentum.ask-vitalentum';

export const COMMAND = {
  ask: 'vitalentum.ask',
  explainSelection: 'vitalentum.explainSelection',
  newChat: 'vitalentum.newChat',
  stop: 'vitalentum.stop',
  setApiKey: 'vitalentum.setApiKey',
  clearApiKey: 'vitalentum.clearApiKey',
  selectModel: 'vitalentum.selectModel',
  exportChat: 'vitalentum.exportChat',
  importChat: 'vitalentum.importChat',
  acceptChanges: 'vitalentum.acceptChanges',
  rejectChanges: 'vitalentum.rejectChanges',
  /** The quick fixes' commands, hidden from the palette: they need the diagnostic they were offered for. */
  fixDiagnostic: 'vitalentum.fixDiagnostic',
  explainDiagnostic: 'vitalentum.explainDiagnostic',
  addFileToChat: 'vitalentum.addFileToChat',
  chooseBackend: 'vitalentum.chooseBackend',
} as const;

export const VIEW = {
  /** The activity-bar container. */
  container: 'vitalentum',
  /** The sidebar chat (a webview view). */
  sidebarChat: 'vitalentum.chatView',
  /** The chat editor panel's webview type, which its serializer is registered for. */
  chatPanel: 'vitalentum.chatPanel',
} as const;

export const CONTEXT_KEY = {
  /** True while any reply streams (the Escape keybinding's condition). */
  streaming: 'vitalentum.streaming',
  /** True while an Apply diff waits for Accept or Reject (their title buttons' and palette entries' condition). */
  proposalOpen: 'vitalentum.proposalOpen',
} as const;

/** The scheme of a proposed text, the right side of an Apply diff. */
export const PROPOSAL_SCHEME = 'vitalentum-proposal';

/** The status bar item shown while a reply streams. */
export const STATUS_BAR_ITEM = 'vitalentum.streaming';

/** The prefix of every setting: `vitalentum.baseUrl` is key `baseUrl` in this section. */
export const SETTINGS_SECTION = 'vitalentum';

/** The global-state key of the setup card's record (a question answered, a choice made). */
export const SETUP_STATE_KEY = 'vitalentum.setup';

/**
 * The schemes of workspace files: `file`, and `vscode-remote` for a remote window's files, as an extension running
 * on the local side (see extensionKind in package.json) sees them.
 */
export const FILE_SCHEMES = ['file', 'vscode-remote'] as const;

/** Where SecretStorage keeps the API key. */
export const API_KEY_SECRET = 'vitalentum.apiKey';

/** The workspace file whose text is sent first in every conversation of that workspace (trusted workspaces only). */
export const INSTRUCTIONS_FILE = '.vitalentum/instructions.md';
