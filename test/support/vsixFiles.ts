// Which files the .vsix ships: those that a `!` line of .vscodeignore names (`*` within one folder), nothing else.
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** A test of a path relative to the project (with `/`), true when the package ships that file. */
export function vsixShips(root: string): (file: string) => boolean {
  const patterns = readFileSync(path.join(root, '.vscodeignore'), 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('!'))
    .map((line) => new RegExp(`^${line.slice(1).trim().replace(/\./g, '\\.').replace(/\*/g, '[^/]*')}$`));
  return (file) => patterns.some((pattern) => pattern.test(file));
}
