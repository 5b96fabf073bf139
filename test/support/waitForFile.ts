// Waiting for a file on disk to reach the state a UI test expects.
import { readFileSync } from 'node:fs';

/** The file's text once `ready` accepts it (a save reaches the disk a little after the editor says so), or after 10 s. */
export async function waitForFile(file: string, ready: (text: string) => boolean): Promise<string> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const text = readFileSync(file, 'utf8');
    if (ready(text) || Date.now() > deadline) return text;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
