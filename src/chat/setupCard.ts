// When the chat shows its setup card, and what the card holds. Shown the first time a chat opens while no backend
// has been chosen, and after a reply that could not reach its server; never again once any question was answered.
// Local servers are looked for only while the card is shown. The choices themselves are the host's to carry out.
import type { ChatLog } from '../common/log';
import type { ProbeResult } from '../provider';
import type { ChatMessageView } from '../shared/protocol';
import type { SetupCardServer, SetupCardView } from '../shared/setupCardView';

/** What is remembered across windows and restarts. */
export interface SetupRecord {
  /** A question was answered: the chat works, and the card never comes back. */
  answered: boolean;
  /** The user made a choice on the card (or in Choose Backend): it is not offered again on opening the chat. */
  dismissed: boolean;
}

export interface SetupMemory {
  read(): unknown;
  write(record: SetupRecord): PromiseLike<void>;
}

/** The choices the card offers, carried out by the host; each resolves to whether the user went through with it. */
export interface BackendChoices {
  useServer(baseUrl: string, model: string): Promise<boolean>;
  useCustomUrl(): Promise<boolean>;
  keepVitalentum(): Promise<boolean>;
}

export interface SetupCardDeps {
  memory: SetupMemory;
  /** True when the user's or the workspace's settings name a backend (provider or base URL). */
  backendConfigured(): boolean;
  /** Looks for local servers. */
  probe(signal: AbortSignal): Promise<ProbeResult>;
  looked: SetupCardView['looked'];
  choices: BackendChoices;
  /** The card changed: every chat view shows it again. */
  changed(): void;
  log: ChatLog;
}

function readRecord(value: unknown): SetupRecord {
  const record = typeof value === 'object' && value !== null ? (value as Partial<Record<string, unknown>>) : {};
  return { answered: record.answered === true, dismissed: record.dismissed === true };
}

/** A reply that shows the chat server works: it ended without an error and said something, or ended normally. */
export function isAnswer(message: ChatMessageView): boolean {
  if (message.role !== 'assistant') return false;
  return (
    message.status === 'complete' ||
    ((message.status === 'incomplete' || message.status === 'stopped') && message.text !== '')
  );
}

export class SetupCard {
  private record: SetupRecord;
  /** A reply in this window could not reach its server since the last choice. */
  private unreachable = false;
  private looking: AbortController | undefined;
  private found: SetupCardServer[] | undefined;

  constructor(private readonly deps: SetupCardDeps) {
    this.record = readRecord(deps.memory.read());
  }

  /** Whether the card is shown now. */
  get shown(): boolean {
    if (this.record.answered) return false;
    return this.unreachable || (!this.record.dismissed && !this.deps.backendConfigured());
  }

  /** The card to show, or none; showing it starts looking for local servers unless that was done since it appeared. */
  view(): SetupCardView | undefined {
    if (!this.shown) {
      this.stopLooking();
      this.found = undefined;
      return undefined;
    }
    if (this.found === undefined && !this.looking) this.lookForServers();
    return {
      reason: this.unreachable ? 'unreachable' : 'firstRun',
      looking: this.looking !== undefined,
      servers: this.found ?? [],
      looked: this.deps.looked,
    };
  }

  /** Looks for local servers again (the card's button). */
  findServers(): void {
    if (!this.shown) return;
    this.stopLooking();
    this.lookForServers();
    this.deps.changed();
  }

  /** Learns from every settled reply: an answer retires the card for good, an unreachable server brings it back. */
  replySettled(message: ChatMessageView): void {
    if (this.record.answered || message.role !== 'assistant') return;
    if (isAnswer(message)) {
      void this.remember({ ...this.record, answered: true });
    } else if (message.status === 'error' && message.error?.serverUnreachable && !this.unreachable) {
      this.unreachable = true;
      this.deps.changed();
    }
  }

  async useServer(baseUrl: string, model: string): Promise<void> {
    // Only what this card found may be written to the settings: the webview names it, the host checks it.
    const server = this.found?.find((s) => s.baseUrl === baseUrl && s.models.some((m) => m.id === model));
    if (!server) throw new Error(`${baseUrl} with model ${model} is not among the servers found.`);
    await this.choose(() => this.deps.choices.useServer(baseUrl, model));
  }

  useCustomUrl(): Promise<void> {
    return this.choose(() => this.deps.choices.useCustomUrl());
  }

  keepVitalentum(): Promise<void> {
    return this.choose(() => this.deps.choices.keepVitalentum());
  }

  /** A choice made outside the card (Choose Backend) settles it as well. */
  async chosenElsewhere(): Promise<void> {
    await this.choose(() => Promise.resolve(true));
  }

  dispose(): void {
    this.stopLooking();
  }

  private async choose(choice: () => Promise<boolean>): Promise<void> {
    if (!(await choice())) return;
    this.unreachable = false;
    await this.remember({ ...this.record, dismissed: true });
  }

  private async remember(record: SetupRecord): Promise<void> {
    this.record = record;
    this.deps.changed();
    await this.deps.memory.write(record);
  }

  private lookForServers(): void {
    const looking = new AbortController();
    this.looking = looking;
    this.found = undefined;
    this.deps.probe(looking.signal).then(
      (result) => {
        if (this.looking !== looking) return;
        this.looking = undefined;
        this.found = result.found.map(({ name, baseUrl, models }) => ({ name, baseUrl, models }));
        for (const miss of result.missed) this.deps.log.trace(`No local server at ${miss.baseUrl}: ${miss.reason}`);
        this.deps.log.info(`Local servers found: ${result.found.map((s) => s.baseUrl).join(', ') || 'none'}`);
        this.deps.changed();
      },
      (error: unknown) => {
        if (this.looking !== looking) return;
        this.looking = undefined;
        this.found = [];
        this.deps.log.error(
          `Looking for local servers failed: ${error instanceof Error ? error.message : String(error)}`,
        );
        this.deps.changed();
      },
    );
  }

  private stopLooking(): void {
    this.looking?.abort();
    this.looking = undefined;
  }
}
