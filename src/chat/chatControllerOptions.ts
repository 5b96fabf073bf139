// What a chat controller is built from: the chat service, the webview's post, the editor's actions and the optional
// hooks the host plugs in.
import type { ChatLog } from '../common/log';
import type { HostToWebviewMessage } from '../shared/messages';
import type { ChatService } from './chatService';
import type { ContextActions } from './contextChips';
import type { Scheduler } from './deltaCoalescer';
import type { EditorActions } from './editorActions';
import type { ExportProvenance } from './markdownExport';
import type { SetupCard } from './setupCard';

export interface ChatControllerOptions {
  service: ChatService;
  post: (message: HostToWebviewMessage) => void;
  actions: EditorActions;
  log: ChatLog;
  /**
   * The conversation to show first (a restored view); a new one when absent or gone. It may still be being looked up
   * (a view's record of what it showed): the first state waits for it.
   */
  conversationId?: string | Promise<string | undefined>;
  /** Called whenever the webview sends something: the user is working in this chat. */
  onActivity?: () => void;
  /** The settings an export names as its source; without it an export says nothing of them. */
  exportProvenance?: () => ExportProvenance;
  scheduler?: Scheduler;
  /** Picks and opens context; without it the Add Context button adds nothing. */
  context?: ContextActions;
  /** The setup card the chat shows until it works; without it no card is shown. */
  setupCard?: Pick<SetupCard, 'view' | 'useServer' | 'useCustomUrl' | 'keepVitalentum' | 'findServers'>;
}
