// A ChatService over a temporary store with a scripted stream, for the tests of what it sends: settings, instructions,
// the server's context length and pinned context are each the test's to give.
import { ChatService } from '../../../src/chat/chatService';
import type { ContextReader } from '../../../src/chat/contextItems';
import { ConversationStore } from '../../../src/chat/conversationStore';
import type { RequestOptions } from '../../../src/config/requestOptions';
import { DEFAULT_SETTINGS, type Settings } from '../../../src/config/settings';
import { RecordingLog, StreamScript, withTempDir } from './helpers';

export interface ServiceOptions {
  settings?: Partial<Settings>;
  workspace?: () => Promise<string | undefined>;
  contextLength?: (request: RequestOptions) => Promise<number | undefined>;
  readContext?: ContextReader;
}

export async function withService(
  options: ServiceOptions,
  run: (service: ChatService, script: StreamScript) => Promise<void>,
): Promise<void> {
  await withTempDir(async (dir) => {
    const log = new RecordingLog();
    const script = new StreamScript();
    const service = new ChatService({
      store: new ConversationStore(dir, log),
      log,
      streamChat: script.streamChat,
      requestConfig: async () => ({
        settings: { ...DEFAULT_SETTINGS, extraBody: {}, ...options.settings },
        strictSSL: true,
      }),
      ...(options.workspace ? { workspaceInstructions: options.workspace } : {}),
      ...(options.contextLength ? { contextLength: options.contextLength } : {}),
      ...(options.readContext ? { readContext: options.readContext } : {}),
      notify: () => undefined,
    });
    try {
      await run(service, script);
    } finally {
      await service.stopAll();
      service.dispose();
    }
  });
}

/** Sends `text` and lets the reply end with `answer`; returns the stream the service opened. */
export async function exchange(service: ChatService, script: StreamScript, id: string, text: string, answer: string) {
  const sent = service.send(id, text);
  const stream = await script.stream(script.streams.length);
  stream.push(answer, { end: 'done' });
  await sent;
  return stream;
}
