// The conversation store's file operations. Every file is written to a temporary file that is then renamed over it,
// so a crash leaves the previous version, never half a file, and each version is a new inode: with its size and
// modification time, a stamp tells whether a file is still the version a window last read or wrote, without reading it.
import { mkdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface FileStamp {
  readonly ino: number;
  readonly size: number;
  readonly mtimeMs: number;
}

/** The versions of a conversation's file and of its journal, `undefined` for one that does not exist. */
export interface Stamps {
  file: FileStamp | undefined;
  journal: FileStamp | undefined;
}

/** `undefined` for a file that does not exist; other failures throw, since they prove nothing about the file. */
async function unlessMissing<T>(work: Promise<T>): Promise<T | undefined> {
  try {
    return await work;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** The file's text, or `undefined` when there is no such file. */
export function readTextIfAny(file: string): Promise<string | undefined> {
  return unlessMissing(readFile(file, 'utf8'));
}

/**
 * Removes a file; one that is not there is no failure. One system call, where `rm` with `force` makes three (two
 * `lstat`s and the `unlink`): a lock is released after every save.
 */
export async function removeFile(file: string): Promise<void> {
  await unlessMissing(unlink(file));
}

/** The file's stamp, or `undefined` when there is no such file. */
export async function stampOf(file: string): Promise<FileStamp | undefined> {
  const stats = await unlessMissing(stat(file));
  return stats && { ino: stats.ino, size: stats.size, mtimeMs: stats.mtimeMs };
}

/** Whether two stamps are of the same version of a file (two absent files are the same). */
export function sameStamp(a: FileStamp | undefined, b: FileStamp | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs;
}

/**
 * Writes to a temporary file in the same folder, then renames it over `file`. Text given in pieces is written a piece
 * at a time, each write awaited, so a file of megabytes does not hold the event loop while it is encoded.
 */
export async function writeAtomically(file: string, text: string | Iterable<string>): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${crypto.randomUUID()}.tmp`;
  try {
    await writeFile(temporary, text, 'utf8');
    await rename(temporary, file);
  } catch (error) {
    await removeFile(temporary);
    throw error;
  }
}
