// The production bundles, built into a temporary folder, and the host bundle activated in plain Node with a stand-in
// for the `vscode` module that only records what the extension registers (the extension host's own start-up is not
// the extension's cost). The budget suite checks sizes and registrations; the activation bench times activation.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import Module from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface ProductionBuild {
  /** The folder the build wrote into (`dist` and `media/dist` under it). */
  root: string;
  host: string;
  /** undici's subset, which the host bundle requires from beside itself on its first request. */
  undici: string;
  webview: string;
  /** The code highlighter's worker, a bundle of its own beside the webview's. */
  highlightWorker: string;
  /** The folder of the tokenizers' files. */
  tokenizers: string;
  /** Removes the build. */
  remove(): void;
}

/** `node esbuild.js --production` into a temporary folder, as `npm run package` builds what ships. */
export function buildProduction(root: string): ProductionBuild {
  const outRoot = mkdtempSync(path.join(tmpdir(), 'vitalentum-bundle-'));
  execFileSync(process.execPath, ['esbuild.js', '--production', '--out-root', outRoot], {
    cwd: root,
    stdio: 'inherit',
  });
  return {
    root: outRoot,
    host: path.join(outRoot, 'dist', 'extension.js'),
    undici: path.join(outRoot, 'dist', 'undici.js'),
    webview: path.join(outRoot, 'media', 'dist', 'webview.js'),
    highlightWorker: path.join(outRoot, 'media', 'dist', 'highlightWorker.js'),
    tokenizers: path.join(outRoot, 'dist', 'tokenizers'),
    remove: () => rmSync(outRoot, { recursive: true, force: true }),
  };
}

/**
 * The production build as the .vsix ships it, in a folder VS Code can load as the extension: the bundles with the
 * manifest, its translations, the README and the media beside them.
 */
export function buildProductionExtension(root: string): ProductionBuild & { folder: string } {
  const build = buildProduction(root);
  const folder = path.dirname(path.dirname(build.host));
  const shipped = readdirSync(root).filter((name) => /^package(\.nls(\.[\w-]+)?)?\.json$|^README\.md$/.test(name));
  for (const name of shipped) cpSync(path.join(root, name), path.join(folder, name));
  for (const name of readdirSync(path.join(root, 'media'))) {
    const from = path.join(root, 'media', name);
    if (name !== 'dist' && existsSync(from)) cpSync(from, path.join(folder, 'media', name), { recursive: true });
  }
  return { ...build, folder };
}

export interface Registrations {
  commands: string[];
  webviewPanelSerializers: string[];
  webviewViewProviders: string[];
}

export interface Activation {
  /** Loading the bundle (reading and compiling it included) and running `activate()`. */
  ms: number;
  registrations: Registrations;
}

/** The names `vscode` exports (namespaces, classes, enums, constants), read from its type declarations. */
function vscodeExportNames(root: string): string[] {
  const declarations = readFileSync(path.join(root, 'node_modules', '@types', 'vscode', 'index.d.ts'), 'utf8');
  const names = [...declarations.matchAll(/^\t(?:export )?(?:namespace|class|enum|const|let|function) (\w+)/gm)];
  return [...new Set(names.map((match) => match[1]))];
}

/**
 * Each export of `vscode` is present, and whatever the extension touches under it exists and does nothing; the three
 * kinds of registration are recorded. `then` is left undefined, so a stand-in is never mistaken for a promise.
 */
function vscodeStandIn(root: string, registrations: Registrations): Record<string, unknown> {
  const recorders: Record<string, string[]> = {
    registerCommand: registrations.commands,
    registerWebviewPanelSerializer: registrations.webviewPanelSerializers,
    registerWebviewViewProvider: registrations.webviewViewProviders,
  };
  const make = (name: string): unknown =>
    new Proxy(function standIn() {}, {
      get: (_target, key) => (key === 'then' || typeof key === 'symbol' ? undefined : make(key)),
      apply: (_target, _self, args: unknown[]) => {
        recorders[name]?.push(String(args[0]));
        return make(`${name}()`);
      },
      construct: () => make(`new ${name}`) as object,
    });
  return Object.fromEntries(vscodeExportNames(root).map((name) => [name, make(name)]));
}

/**
 * Loads the host bundle and activates it once. Meant for a process of its own: `require('vscode')` answers with the
 * stand-in from then on, and the bundle stays loaded.
 */
export function activateBundle(root: string, bundle: string): Activation {
  const registrations: Registrations = { commands: [], webviewPanelSerializers: [], webviewViewProviders: [] };
  const standIn = vscodeStandIn(root, registrations);
  const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const load = loader._load;
  loader._load = (request, ...rest) => (request === 'vscode' ? standIn : load(request, ...rest));
  const storage = mkdtempSync(path.join(tmpdir(), 'vitalentum-activation-'));
  const context = {
    subscriptions: [] as unknown[],
    extensionUri: { fsPath: path.dirname(path.dirname(bundle)), scheme: 'file' },
    globalStorageUri: { fsPath: storage, scheme: 'file' },
  };
  try {
    const start = performance.now();
    const extension = Module.createRequire(bundle)(bundle) as { activate: (context: unknown) => void };
    extension.activate(context);
    return { ms: performance.now() - start, registrations };
  } finally {
    rmSync(storage, { recursive: true, force: true });
  }
}
