// A lock that every window's extension host respects: a file that only one of them can create. It is held for the
// milliseconds of a read-merge-write, so one older than ten seconds was left by a window that crashed holding it.
import { open, stat } from 'node:fs/promises';
import { removeFile } from './storeFiles';

const STALE_LOCK_MS = 10_000;
const RETRY_MS = 5;

function codeOf(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException).code;
}

async function acquire(lockFile: string): Promise<void> {
  for (;;) {
    try {
      await (await open(lockFile, 'wx')).close();
      return;
    } catch (error) {
      if (codeOf(error) !== 'EEXIST') throw error;
    }
    let age: number;
    try {
      age = Date.now() - (await stat(lockFile)).mtimeMs;
    } catch (error) {
      // Released between the two calls: try again at once.
      if (codeOf(error) === 'ENOENT') continue;
      throw error;
    }
    if (age > STALE_LOCK_MS) await removeFile(lockFile);
    else await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
  }
}

/** Runs `work` while holding `lockFile`; the folder must exist. */
export async function withFileLock<T>(lockFile: string, work: () => Promise<T>): Promise<T> {
  await acquire(lockFile);
  try {
    return await work();
  } finally {
    await removeFile(lockFile);
  }
}
