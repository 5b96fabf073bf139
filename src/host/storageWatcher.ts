// Tells the chat when a file in the conversation store's folder changes, so a window shows what another one saved.
// Node's watcher, since the folder is the extension's global storage, outside any workspace VS Code watches.
import { mkdirSync, watch } from 'node:fs';
import type { WatchStorage } from '../chat/conversationStore';
import { toDisposable } from '../common/lifecycle';
import type { ChatLog } from '../common/log';

export function watchStorageFolder(folder: string, log: ChatLog): WatchStorage {
  return (onChange) => {
    try {
      mkdirSync(folder, { recursive: true });
      // Not persistent: watching must never keep a process alive by itself.
      const watcher = watch(folder, { persistent: false }, (_event, fileName) => onChange(fileName ?? undefined));
      watcher.on('error', (error) => log.warn(`Stopped watching the chat history for other windows: ${error.message}`));
      return toDisposable(() => watcher.close());
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      log.warn(`Changes from other windows show in this one only after it saves: ${detail}`);
      return toDisposable(() => undefined);
    }
  };
}
