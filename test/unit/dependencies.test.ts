// Every package the code imports is declared in package.json: one that is only there as another package's
// dependency could change or vanish with that package's next release.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { test } from 'node:test';
import ts from 'typescript';

/** The folders scanned; the files at the top (build and lint configurations) are scanned too. */
const SCANNED = ['src', 'test', 'scripts'];
const SOURCE = /\.(?:[cm]?js|ts)$/;
/** Provided by the editor that runs the extension; its types come from @types/vscode. */
const EDITOR_MODULES = ['vscode'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(full);
    return SOURCE.test(entry.name) ? [full] : [];
  });
}

/** `@scope/name/sub/path` → `@scope/name`, `name/sub/path` → `name`. */
function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** The bare specifiers a file imports, requires or re-exports, read by TypeScript's scanner (comments and strings aside). */
function bareImports(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return importedFiles.map((f) => f.fileName).filter((name) => !name.startsWith('.') && !path.isAbsolute(name));
}

test('every package imported by src, test, scripts and the top-level configurations is declared', () => {
  const root = process.cwd();
  const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
  };
  const allowed = new Set([
    ...Object.keys({ ...manifest.dependencies, ...manifest.devDependencies }),
    ...builtinModules,
    ...EDITOR_MODULES,
  ]);
  const topLevel = readdirSync(root).filter((name) => SOURCE.test(name));
  const files = [
    ...SCANNED.flatMap((dir) => sourceFiles(path.join(root, dir))),
    ...topLevel.map((name) => path.join(root, name)),
  ];
  const undeclared = files.flatMap((file) =>
    bareImports(file)
      .filter((specifier) => !specifier.startsWith('node:') && !allowed.has(packageName(specifier)))
      .map((specifier) => `${path.relative(root, file)} imports ${specifier}`),
  );
  assert.ok(files.length > 50, `only ${files.length} files were scanned`);
  assert.deepEqual(undeclared, []);
});
