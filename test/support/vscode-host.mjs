// The offline VS Code host: code-server 4.100.3 (VS Code 1.100.3) installed from the npm registry into a
// git-ignored cache, plus the Debian packages it and the browser tests need. Shared by `npm test` and `npm start`.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.100.3';
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const cacheDir = path.join(repoRoot, '.vscode-test');
const installDir = path.join(cacheDir, `code-server-${CODE_SERVER_VERSION}`);
const moduleDir = path.join(installDir, 'node_modules', 'code-server');
export const codeServerBin = path.join(moduleDir, 'out', 'node', 'entry.js');
export const chromiumPath = '/usr/bin/chromium';

const DEBIAN_PACKAGES = {
  chromium: chromiumPath,
  ripgrep: '/usr/bin/rg',
  'libkrb5-dev': '/usr/include/gssapi/gssapi.h',
  'pkg-config': '/usr/bin/pkg-config',
};

function log(message) {
  process.stderr.write(`[vscode-host] ${message}\n`);
}

function run(cmd, args, cwd, extraEnv = {}) {
  execFileSync(cmd, args, {
    cwd,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      ...process.env,
      npm_config_yes: 'true',
      npm_config_unsafe_perm: 'true',
      npm_config_update_notifier: 'false',
      npm_config_fund: 'false',
      npm_config_audit: 'false',
      ...extraEnv,
    },
  });
}

export function ensureDebianPackages() {
  const missing = Object.entries(DEBIAN_PACKAGES)
    .filter(([, probe]) => !existsSync(probe))
    .map(([name]) => name);
  if (missing.length === 0) return;
  log(`installing Debian packages: ${missing.join(' ')}`);
  const sudo = process.getuid?.() === 0 ? [] : ['sudo'];
  const apt = (...args) =>
    run(sudo[0] ?? 'apt-get', sudo.length ? ['apt-get', ...args] : args, repoRoot, {
      DEBIAN_FRONTEND: 'noninteractive',
    });
  apt('update', '-qq');
  apt('install', '-y', '-qq', '--no-install-recommends', ...missing);
}

function codeServerAnswers() {
  if (!existsSync(codeServerBin)) return false;
  try {
    const out = execFileSync(process.execPath, [codeServerBin, '--version'], { encoding: 'utf8', timeout: 60_000 });
    return out.startsWith(CODE_SERVER_VERSION);
  } catch {
    return false;
  }
}

function link(target, at) {
  try {
    lstatSync(at);
    rmSync(at, { recursive: true, force: true });
  } catch {
    // nothing there yet
  }
  symlinkSync(target, at);
}

/** Installs code-server once; a cache whose `--version` answers is reused as it is. */
export function ensureCodeServer() {
  ensureDebianPackages();
  if (codeServerAnswers()) return;
  log(
    `installing code-server ${CODE_SERVER_VERSION} into ${path.relative(repoRoot, installDir)} (first run only, a few minutes)`,
  );
  rmSync(installDir, { recursive: true, force: true });
  mkdirSync(installDir, { recursive: true });
  writeFileSync(path.join(installDir, 'package.json'), JSON.stringify({ name: 'vscode-host-cache', private: true }));
  run(
    'npm',
    ['install', '--no-save', '--ignore-scripts', '--no-package-lock', `code-server@${CODE_SERVER_VERSION}`],
    installDir,
  );
  run('npm', ['rebuild', 'argon2'], installDir);
  const vscodeDir = path.join(moduleDir, 'lib', 'vscode');
  run('npm', ['install', '--omit=dev', '--ignore-scripts', '--no-package-lock'], vscodeDir);
  run(
    'npm',
    ['rebuild', 'node-pty', '@vscode/spdlog', 'kerberos', 'native-watchdog', '@parcel/watcher', '@vscode/deviceid'],
    vscodeDir,
  );
  const rgDir = path.join(vscodeDir, 'node_modules', '@vscode', 'ripgrep', 'bin');
  mkdirSync(rgDir, { recursive: true });
  link('/usr/bin/rg', path.join(rgDir, 'rg'));
  link('node_modules', path.join(vscodeDir, 'node_modules.asar'));
  link('code-linux.sh', path.join(vscodeDir, 'bin', 'remote-cli', 'code-server'));
  link('browser-linux.sh', path.join(vscodeDir, 'bin', 'helpers', 'browser.sh'));
  run('npm', ['install', '--omit=dev', '--no-package-lock'], path.join(vscodeDir, 'extensions'));
  if (!codeServerAnswers()) throw new Error('code-server was installed but does not answer --version');
}

/** A scratch copy of the fixture workspace, so that what a test or a demo writes never touches the repo. */
export function copyFixtureWorkspace(scratchDir) {
  const target = path.join(scratchDir, 'workspace');
  cpSync(path.join(repoRoot, 'test', 'fixtures', 'workspace'), target, { recursive: true });
  return target;
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts code-server on a free loopback port with its own user-data and extensions folders.
 * Resolves once it answers HTTP; `stop()` ends it and its children.
 */
/** Installs the built extension (what the .vsix ships: manifest, bundles, media) into an extensions folder. */
export function installBuiltExtension(extensionsDir) {
  const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  const target = path.join(extensionsDir, `${manifest.publisher}.${manifest.name}-${manifest.version}`);
  rmSync(target, { recursive: true, force: true });
  for (const item of ['package.json', 'README.md', 'dist', 'media']) {
    if (existsSync(path.join(repoRoot, item))) {
      cpSync(path.join(repoRoot, item), path.join(target, item), { recursive: true });
    }
  }
  return target;
}

export async function startCodeServer({
  userDataDir,
  extensionsDir,
  folder,
  settings = {},
  quiet = true,
  port = 0,
  installExtension = false,
}) {
  mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  writeFileSync(
    path.join(userDataDir, 'User', 'settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'security.workspace.trust.enabled': false,
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'telemetry.telemetryLevel': 'off',
        'git.openRepositoryInParentFolders': 'never',
        'workbench.tips.enabled': false,
        ...settings,
      },
      null,
      2,
    ),
  );
  if (installExtension) installBuiltExtension(extensionsDir);
  port ||= await freePort();
  const child = spawn(
    process.execPath,
    [
      codeServerBin,
      '--auth',
      'none',
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--user-data-dir',
      userDataDir,
      '--extensions-dir',
      extensionsDir,
      folder,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  let output = '';
  const collect = (chunk) => {
    output += chunk;
    if (!quiet) process.stderr.write(chunk);
  };
  child.stdout.setEncoding('utf8').on('data', collect);
  child.stderr.setEncoding('utf8').on('data', collect);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}:\n${output}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`code-server did not answer within 60 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    port,
    output: () => output,
    stop() {
      if (child.exitCode === null) {
        try {
          process.kill(-child.pid, 'SIGTERM');
        } catch {
          // already gone
        }
      }
    },
  };
}

// Run as a script (not when a bundle that includes this module runs): install and say so.
if (process.argv[1] && path.basename(process.argv[1]) === 'vscode-host.mjs') {
  ensureCodeServer();
  log('ready');
}
