// What streams into replies on its way to one webview: the answer's text and the reasoning, each gathered apart by a
// DeltaCoalescer, so the webview gets about one post per frame per reply however fast either arrives.
import { disposeAll, type Disposable } from '../common/lifecycle';
import { DeltaCoalescer, type Scheduler } from './deltaCoalescer';

/** The notification each kind of streamed text travels in. */
export type DeltaKind = 'delta' | 'reasoningDelta';

export class ReplyDeltas implements Disposable {
  private readonly coalescers: Record<DeltaKind, DeltaCoalescer>;

  constructor(emit: (kind: DeltaKind, messageId: string, text: string) => void, scheduler?: Scheduler) {
    const gather = (kind: DeltaKind) =>
      new DeltaCoalescer((messageId, text) => emit(kind, messageId, text), undefined, scheduler);
    this.coalescers = { delta: gather('delta'), reasoningDelta: gather('reasoningDelta') };
  }

  push(kind: DeltaKind, messageId: string, text: string): void {
    this.coalescers[kind].push(messageId, text);
  }

  /** Drops what was gathered for one reply (or all), of both kinds: the receiver is about to get the full text. */
  discard(messageId?: string): void {
    for (const coalescer of Object.values(this.coalescers)) coalescer.discard(messageId);
  }

  dispose(): void {
    disposeAll(Object.values(this.coalescers));
  }
}
