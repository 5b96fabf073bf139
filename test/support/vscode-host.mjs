// The offline VS Code host: code-server 4.100.3 (VS Code 1.100.3) installed from the npm registry into a
// git-ignored cache, plus the Debian packages it and the browser tests need. Shared by `npm test` and `npm start`.
import { execFileSync, spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { harnessSettings } from './codeServerSettings.mjs';

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

/**
 * Where code-server, the extension host and Chromium keep what they would otherwise write into the user's home
 * (code-server's config.yaml, VS Code's caches, Chromium's NSS database and font cache): a git-ignored folder of the
 * checkout. Every process the harness starts gets it as HOME and as each XDG base folder.
 */
export const sandboxHome = path.join(cacheDir, 'home');

/** The environment for a process the harness starts: the caller's, with home and XDG folders in `sandboxHome`. */
export function sandboxEnv(extraEnv = {}) {
  const xdg = {
    XDG_CONFIG_HOME: path.join(sandboxHome, '.config'),
    XDG_DATA_HOME: path.join(sandboxHome, '.local', 'share'),
    XDG_CACHE_HOME: path.join(sandboxHome, '.cache'),
    XDG_STATE_HOME: path.join(sandboxHome, '.local', 'state'),
  };
  for (const dir of Object.values(xdg)) mkdirSync(dir, { recursive: true });
  return { ...process.env, HOME: sandboxHome, ...xdg, ...extraEnv };
}

/**
 * node-gyp needs the running Node's headers to rebuild code-server's native modules. Without an npm user config it
 * downloads them, which fails offline; the headers installed beside Node (Debian's nodejs ships them) serve instead.
 */
export function nodeHeadersDir(execPath = process.execPath, version = process.version) {
  const prefix = path.resolve(path.dirname(execPath), '..');
  const header = path.join(prefix, 'include', 'node', 'node_version.h');
  if (!existsSync(header)) {
    throw new Error(
      `Node's C headers are not at ${header}; native modules cannot be rebuilt offline. ` +
        'Install the headers of this Node build (Debian: the nodejs package that ships /usr/include/node, or libnode-dev).',
    );
  }
  const text = readFileSync(header, 'utf8');
  const part = (name) => new RegExp(`^#define NODE_${name}_VERSION (\\d+)\\s*$`, 'm').exec(text)?.[1];
  const found = `v${part('MAJOR')}.${part('MINOR')}.${part('PATCH')}`;
  if (found !== version) {
    throw new Error(`Node's C headers at ${header} are for ${found}, but this is Node ${version}.`);
  }
  return prefix;
}

function run(cmd, args, cwd, extraEnv = {}) {
  execFileSync(cmd, args, {
    cwd,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: sandboxEnv({
      npm_config_yes: 'true',
      npm_config_unsafe_perm: 'true',
      npm_config_update_notifier: 'false',
      npm_config_fund: 'false',
      npm_config_audit: 'false',
      ...extraEnv,
    }),
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

/** True when `--version` output has a line that starts with the version (code-server may print other lines first). */
export function readsVersion(output, version) {
  return output.split(/\r?\n/).some((line) => line.trim().split(/\s+/)[0] === version);
}

function codeServerAnswers() {
  if (!existsSync(codeServerBin)) return false;
  try {
    const out = execFileSync(process.execPath, [codeServerBin, '--version'], {
      encoding: 'utf8',
      timeout: 60_000,
      env: sandboxEnv(),
    });
    return readsVersion(out, CODE_SERVER_VERSION);
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
  // Checked before anything is downloaded, so a machine without Node's headers fails in seconds, with the fix.
  const npmEnv = { npm_config_nodedir: nodeHeadersDir(), npm_config_devdir: path.join(cacheDir, 'node-gyp') };
  rmSync(installDir, { recursive: true, force: true });
  mkdirSync(installDir, { recursive: true });
  writeFileSync(path.join(installDir, 'package.json'), JSON.stringify({ name: 'vscode-host-cache', private: true }));
  run(
    'npm',
    ['install', '--no-save', '--ignore-scripts', '--no-package-lock', `code-server@${CODE_SERVER_VERSION}`],
    installDir,
    npmEnv,
  );
  run('npm', ['rebuild', 'argon2'], installDir, npmEnv);
  const vscodeDir = path.join(moduleDir, 'lib', 'vscode');
  run('npm', ['install', '--omit=dev', '--ignore-scripts', '--no-package-lock'], vscodeDir, npmEnv);
  run(
    'npm',
    ['rebuild', 'node-pty', '@vscode/spdlog', 'kerberos', 'native-watchdog', '@parcel/watcher', '@vscode/deviceid'],
    vscodeDir,
    npmEnv,
  );
  const rgDir = path.join(vscodeDir, 'node_modules', '@vscode', 'ripgrep', 'bin');
  mkdirSync(rgDir, { recursive: true });
  link('/usr/bin/rg', path.join(rgDir, 'rg'));
  link('node_modules', path.join(vscodeDir, 'node_modules.asar'));
  link('code-linux.sh', path.join(vscodeDir, 'bin', 'remote-cli', 'code-server'));
  link('browser-linux.sh', path.join(vscodeDir, 'bin', 'helpers', 'browser.sh'));
  run('npm', ['install', '--omit=dev', '--no-package-lock'], path.join(vscodeDir, 'extensions'), npmEnv);
  if (!codeServerAnswers()) {
    throw new Error(`code-server was installed but does not answer --version with ${CODE_SERVER_VERSION}`);
  }
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
 * Installs the built extension (what the .vsix ships: manifest and its translations, bundles, the translations of
 * their texts, media) into an extensions folder.
 */
export function installBuiltExtension(extensionsDir) {
  const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  const target = path.join(extensionsDir, `${manifest.publisher}.${manifest.name}-${manifest.version}`);
  rmSync(target, { recursive: true, force: true });
  const manifestTranslations = readdirSync(repoRoot).filter((name) => /^package\.nls(\.[\w-]+)?\.json$/.test(name));
  for (const item of ['package.json', ...manifestTranslations, 'l10n', 'README.md', 'dist', 'media']) {
    if (existsSync(path.join(repoRoot, item))) {
      cpSync(path.join(repoRoot, item), path.join(target, item), { recursive: true });
    }
  }
  return target;
}

/**
 * Starts code-server on a free loopback port with its own config, user-data and extensions folders.
 * Resolves once it answers HTTP; `stop()` ends it and its children.
 */
export async function startCodeServer({
  userDataDir,
  extensionsDir,
  folder,
  settings = {},
  quiet = true,
  port = 0,
  installExtension = false,
  restricted = false,
  env = {},
}) {
  mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  writeFileSync(
    path.join(userDataDir, 'User', 'settings.json'),
    JSON.stringify(harnessSettings({ restricted, settings }), null, 2),
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
      ...(restricted ? [] : ['--disable-workspace-trust']),
      '--disable-getting-started-override',
      '--config',
      path.join(userDataDir, 'code-server.yaml'),
      '--user-data-dir',
      userDataDir,
      '--extensions-dir',
      extensionsDir,
      folder,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], detached: true, env: sandboxEnv(env) },
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
    pid: child.pid,
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
