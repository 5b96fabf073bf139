// Everything the chat needs at run time, built on first use so activation stays free of I/O: the log channel, the
// settings, the conversation store and the chat service, plus the registry of open chat views (the last one the user
// worked in is where commands act).
import path from 'node:path';
import * as vscode from 'vscode';
import {
  LOCAL_SERVER_KINDS,
  listModels,
  probeLocalServers,
  streamChat,
  type ModelInfo,
  type ProbeResult,
} from '../provider';
import { ChatService } from '../chat/chatService';
import { ChatController } from '../chat/chatController';
import { SetupCard } from '../chat/setupCard';
import { ConversationStore } from '../chat/conversationStore';
import type { Conversation } from '../chat/conversation';
import type { ExportProvenance } from '../chat/markdownExport';
import { DisposableBase, toDisposable, type Disposable } from '../common/lifecycle';
import type { ChatLog } from '../common/log';
import type { HostToWebviewMessage } from '../shared/messages';
import { SETTINGS_SECTION, SETUP_STATE_KEY } from '../config/ids';
import { backendInfo, requestOptions, type RequestConfig } from '../config/requestOptions';
import type { Settings } from '../config/settings';
import { ApiKey } from './apiKey';
import { backendChoices, backendConfigured } from './backendChoices';
import { VsCodeEditorActions } from './editorActions';
import { ContextLengths } from './contextLengths';
import { contextActions } from './contextPicker';
import { instructionsNotice, readContext } from './contextReader';
import { ViewRecord, type RecordedView } from './viewRecord';
import { probeLoopLag } from './loopLagProbe';
import { probeCpuProfile } from './cpuProfileProbe';
import { Proposals } from './proposals';
import { SettingsReader } from './settingsReader';
import { watchStorageFolder } from './storageWatcher';
import { StreamingIndicator } from './streamingIndicator';
import { tokenizerFolder, tokenizerLoader } from './tokenizers';
import { readWorkspaceInstructions } from './workspaceInstructions';

export class ChatRuntime extends DisposableBase {
  private channel: vscode.LogOutputChannel | undefined;
  private chatService: ChatService | undefined;
  private store: ConversationStore | undefined;
  private readonly settingsReader = new SettingsReader(() => this.log);
  private readonly contextLengths = new ContextLengths(() => this.log);
  private readonly indicator = this._register(new StreamingIndicator());
  private readonly controllers = new Set<ChatController>();
  private lastActive: ChatController | undefined;
  private applyProposals: Proposals | undefined;
  private readonly viewRecords = new Map<RecordedView, ViewRecord>();
  private setup: SetupCard | undefined;
  private keptApiKey: ApiKey | undefined;

  constructor(private readonly context: vscode.ExtensionContext) {
    super();
    this._register(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (!event.affectsConfiguration(SETTINGS_SECTION)) return;
        this.settingsReader.invalidate();
        this.contextLengths.forget();
        if (this.controllers.size === 0) return;
        this.settingsReader.get();
        for (const controller of this.controllers) controller.postBackend();
      }),
    );
  }

  get log(): vscode.LogOutputChannel {
    this.channel ??= this._register(vscode.window.createOutputChannel('Vitalentum', { log: true }));
    return this.channel;
  }

  get service(): ChatService {
    if (!this.chatService) {
      const log: ChatLog = this.log;
      this.chatService = this._register(
        new ChatService({
          store: this.conversations,
          watchStorage: watchStorageFolder(this.storageFolder, log),
          log,
          streamChat: (messages, request) => streamChat(messages, request),
          requestConfig: () => this.requestConfig(),
          workspaceInstructions: readWorkspaceInstructions,
          instructionsNotice,
          readContext,
          contextLength: (request) => this.contextLengths.get(request),
          tokenizer: tokenizerLoader(tokenizerFolder(this.context.extensionPath), log),
          notify: (message) => void vscode.window.showWarningMessage(message),
        }),
      );
      this.chatService.onEvent((event) => {
        if (event.type === 'streamingChanged') this.indicator.set(event.streaming);
        if (event.type === 'messageUpdated') this.setupCard.replySettled(event.message);
      });
      for (const probe of [probeLoopLag(this.chatService), probeCpuProfile(this.chatService, log)]) {
        if (probe) this._register(probe);
      }
    }
    return this.chatService;
  }

  private get storageFolder(): string {
    return path.join(this.context.globalStorageUri.fsPath, 'conversations');
  }

  /** The one store of this window: the chat service's, and an import's. */
  private get conversations(): ConversationStore {
    this.store ??= new ConversationStore(this.storageFolder, this.log);
    return this.store;
  }

  /** Which conversation the chat panel or the sidebar showed last in this workspace (none without a workspace). */
  viewRecord(view: RecordedView): ViewRecord {
    let record = this.viewRecords.get(view);
    if (!record) {
      const folder = this.context.storageUri?.fsPath;
      record = new ViewRecord(folder && path.join(folder, `chat-${view}.json`), this.log);
      this.viewRecords.set(view, record);
    }
    return record;
  }

  /** Apply's diffs, built on the first Apply, Accept or Reject. */
  get proposals(): Proposals {
    this.applyProposals ??= this._register(new Proposals());
    return this.applyProposals;
  }

  /** The setup card every chat view shows until a question is answered; its state lives in the global state. */
  get setupCard(): SetupCard {
    if (!this.setup) {
      const setup = new SetupCard({
        memory: {
          read: () => this.context.globalState.get(SETUP_STATE_KEY),
          write: (record) => this.context.globalState.update(SETUP_STATE_KEY, record),
        },
        backendConfigured,
        probe: (signal) => this.findLocalServers(signal),
        looked: LOCAL_SERVER_KINDS.map(({ name, port }) => ({ name, port })),
        choices: backendChoices,
        changed: () => {
          for (const controller of this.controllers) controller.postSetupCard();
        },
        log: this.log,
      });
      this._register(toDisposable(() => setup.dispose()));
      this.setup = setup;
    }
    return this.setup;
  }

  /** Looks for OpenAI-compatible servers on this machine's usual ports. */
  findLocalServers(signal: AbortSignal): Promise<ProbeResult> {
    return probeLocalServers({ signal });
  }

  settings(): Settings {
    return this.settingsReader.get();
  }

  /** The API key, kept in VS Code's secret storage. */
  get apiKey(): ApiKey {
    this.keptApiKey ??= this._register(new ApiKey(this.context.secrets));
    return this.keptApiKey;
  }

  /** A controller for one chat webview; it is tracked until disposed. */
  createController(
    post: (message: HostToWebviewMessage) => void,
    conversationId?: string | Promise<string | undefined>,
  ): ChatController {
    const controller: ChatController = new ChatController({
      service: this.service,
      post,
      actions: new VsCodeEditorActions(
        () => backendInfo(this.settings()),
        (code, info, replyId) => this.proposals.apply(code, info, replyId),
      ),
      log: this.log,
      ...(conversationId ? { conversationId } : {}),
      onActivity: () => this.markActive(controller),
      exportProvenance: () => this.exportProvenance(),
      context: contextActions,
      setupCard: this.setupCard,
    });
    this.controllers.add(controller);
    this.lastActive = controller;
    return controller;
  }

  /** Forgets a controller (its webview closed). */
  releaseController(controller: ChatController): Disposable {
    return toDisposable(() => {
      this.controllers.delete(controller);
      if (this.lastActive === controller) this.lastActive = [...this.controllers].at(-1);
    });
  }

  markActive(controller: ChatController): void {
    if (this.controllers.has(controller)) this.lastActive = controller;
  }

  /** The chat the user worked in last, if one is open. */
  activeController(): ChatController | undefined {
    return this.lastActive;
  }

  async listModels(signal?: AbortSignal): Promise<ModelInfo[]> {
    return listModels({ ...requestOptions(await this.requestConfig()), ...(signal ? { signal } : {}) });
  }

  /**
   * Keeps a conversation read from an exported file as a new one in the history, through the store every chat view
   * reads, and shows it in `view` as if it had been picked from the history there.
   */
  async importConversation(conversation: Conversation, view: ChatController): Promise<void> {
    await this.conversations.save(conversation);
    // The store reports no change to the window that made it, so the other views are rebuilt with the new history.
    for (const controller of this.controllers) if (controller !== view) void controller.postState();
    await view.handleMessage({ type: 'openConversation', id: conversation.id });
  }

  /** Stops every reply and waits until the partial replies are saved. */
  async shutdown(): Promise<void> {
    await this.chatService?.stopAll();
  }

  private exportProvenance(): ExportProvenance {
    const settings = this.settings();
    const { version } = this.context.extension.packageJSON as { version?: unknown };
    return {
      ...backendInfo(settings),
      extensionVersion: typeof version === 'string' ? version : 'unknown',
      temperature: settings.temperature,
      extraBody: settings.extraBody,
    };
  }

  private async requestConfig(): Promise<RequestConfig> {
    const apiKey = await this.apiKey.get();
    return { settings: this.settings(), ...(apiKey ? { apiKey } : {}), ...this.settingsReader.proxy() };
  }
}
