// The files under a folder, at any depth, whose names match a pattern.
import { readdirSync } from 'node:fs';
import path from 'node:path';

/** The files under `folder` whose names match `pattern`; none when the folder does not exist. */
export function filesNamed(folder: string, pattern: RegExp): string[] {
  let entries;
  try {
    entries = readdirSync(folder, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return filesNamed(full, pattern);
    return pattern.test(entry.name) ? [full] : [];
  });
}
