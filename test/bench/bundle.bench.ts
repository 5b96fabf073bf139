// The production bundles: their sizes, and the activation time of the extension's own code. Activation runs in
// Node with a stand-in for the `vscode` module that only records registrations (the extension host's own start-up
// is not the extension's cost): each measurement is a fresh process, so loading includes reading and compiling.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import Module from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { median, report } from './bench-support';

const ACTIVATE_FLAG = '--activate';
const RUNS = 9;

interface Registrations {
  commands: string[];
  webviewPanelSerializers: string[];
  webviewViewProviders: string[];
}

interface Activation {
  ms: number;
  registrations: Registrations;
}

/** The names `vscode` exports (namespaces, classes, enums, constants), read from its type declarations. */
function vscodeExportNames(): string[] {
  const declarations = readFileSync(path.join('node_modules', '@types', 'vscode', 'index.d.ts'), 'utf8');
  const names = [...declarations.matchAll(/^\t(?:export )?(?:namespace|class|enum|const|let|function) (\w+)/gm)];
  return [...new Set(names.map((match) => match[1]))];
}

/**
 * Each export of `vscode` is present, and whatever the extension touches under it exists and does nothing; the three
 * kinds of registration are recorded. `then` is left undefined, so a stand-in is never mistaken for a promise.
 */
function vscodeStandIn(registrations: Registrations): Record<string, unknown> {
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
  return Object.fromEntries(vscodeExportNames().map((name) => [name, make(name)]));
}

/** In the child process: loads the bundle and activates it once, printing the time and what it registered. */
function activateOnce(bundle: string): void {
  const registrations: Registrations = { commands: [], webviewPanelSerializers: [], webviewViewProviders: [] };
  const standIn = vscodeStandIn(registrations);
  const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const load = loader._load;
  loader._load = (request, ...rest) => (request === 'vscode' ? standIn : load(request, ...rest));
  const storage = mkdtempSync(path.join(tmpdir(), 'vitalentum-activation-'));
  const context = {
    subscriptions: [] as unknown[],
    extensionUri: { fsPath: path.dirname(path.dirname(bundle)), scheme: 'file' },
    globalStorageUri: { fsPath: storage, scheme: 'file' },
  };
  const start = performance.now();
  const extension = Module.createRequire(bundle)(bundle) as { activate: (context: unknown) => void };
  extension.activate(context);
  const ms = performance.now() - start;
  rmSync(storage, { recursive: true, force: true });
  console.log(JSON.stringify({ ms, registrations } satisfies Activation));
}

function activation(bundle: string): Activation {
  const result = spawnSync(process.execPath, [process.argv[1], ACTIVATE_FLAG, bundle], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`activation failed:\n${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').pop()!) as Activation;
}

function main(): void {
  const root = process.cwd();
  const outRoot = mkdtempSync(path.join(tmpdir(), 'vitalentum-bundle-'));
  try {
    execFileSync(process.execPath, ['esbuild.js', '--production', '--out-root', outRoot], {
      cwd: root,
      stdio: 'inherit',
    });
    const host = path.join(outRoot, 'dist', 'extension.js');
    const webview = path.join(outRoot, 'media', 'dist', 'webview.js');
    report({ name: 'bundle.host', value: statSync(host).size / 1000, unit: 'KB', max: 300 });
    report({ name: 'bundle.webview', value: statSync(webview).size / 1000, unit: 'KB', max: 250 });

    const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      contributes: { commands: { command: string }[] };
    };
    const declared = manifest.contributes.commands.map((c) => c.command).sort();
    const runs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const { ms, registrations } = activation(host);
      const registered = [...registrations.commands].sort();
      if (JSON.stringify(registered) !== JSON.stringify(declared)) {
        throw new Error(`activation registered ${registered.join(', ')}; the manifest declares ${declared.join(', ')}`);
      }
      if (registrations.webviewPanelSerializers.length !== 1 || registrations.webviewViewProviders.length !== 1) {
        throw new Error(`activation registered ${JSON.stringify(registrations)}`);
      }
      runs.push(ms);
    }
    report({ name: 'activation.loadAndActivate', value: median(runs), unit: 'ms', max: 20 });
  } finally {
    rmSync(outRoot, { recursive: true, force: true });
  }
}

const flag = process.argv.indexOf(ACTIVATE_FLAG);
if (flag === -1) main();
else activateOnce(process.argv[flag + 1]);
