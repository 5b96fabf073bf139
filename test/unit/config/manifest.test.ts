// The ids in src/config/ids.ts and the settings in src/config/settings.ts are the ones package.json contributes,
// with the same defaults: the manifest and the code cannot drift apart unnoticed.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import {
  COMMAND,
  CONTEXT_KEY,
  EXTENSION_ID,
  FILE_SCHEMES,
  INSTRUCTIONS_FILE,
  SETTINGS_SECTION,
  VIEW,
} from '../../../src/config/ids';
import { DEFAULT_SETTINGS, SETTING_KEYS } from '../../../src/config/settings';
import { PROTOCOLS } from '../../../src/provider';
import { vsixShips } from '../../support/vsixFiles';

interface Manifest {
  publisher: string;
  name: string;
  activationEvents: string[];
  extensionKind: string[];
  capabilities: { untrustedWorkspaces: { supported: unknown; description?: unknown } };
  contributes: {
    commands: { command: string; title: string; category?: string }[];
    keybindings: { command: string; when?: string }[];
    viewsContainers: { activitybar: { id: string }[] };
    views: Record<string, { id: string }[]>;
    configuration: { properties: Record<string, { default: unknown; enum?: unknown[] }> };
    menus: Record<string, { command: string; when?: string }[]>;
    walkthroughs: {
      id: string;
      title: string;
      steps: {
        id: string;
        title: string;
        description: string;
        media: Record<string, string>;
        completionEvents: string[];
      }[];
    }[];
  };
}

const manifest = JSON.parse(readFileSync(path.join(process.cwd(), 'package.json'), 'utf8')) as Manifest;
/** The manifest's English texts: a `%key%` string stands for its entry in package.nls.json. */
const english = JSON.parse(readFileSync(path.join(process.cwd(), 'package.nls.json'), 'utf8')) as Record<
  string,
  string
>;
const text = (value: unknown): unknown =>
  typeof value === 'string' ? value.replace(/^%(.+)%$/, (whole, key: string) => english[key] ?? whole) : value;
const { contributes } = manifest;

describe('package.json and the ids in code', () => {
  it('names the extension as publisher.name', () => {
    assert.equal(EXTENSION_ID, `${manifest.publisher}.${manifest.name}`);
  });

  it('contributes exactly the commands the code registers', () => {
    assert.deepEqual(contributes.commands.map((c) => c.command).sort(), Object.values(COMMAND).sort());
  });

  it('puts every command but Ask Vitalentum under the Vitalentum category, as the palette and the docs name them', () => {
    for (const { command, title, category } of contributes.commands) {
      assert.equal(category, command === COMMAND.ask ? undefined : 'Vitalentum', `${command} (${title})`);
    }
  });

  it('declares the views and the panel the code registers', () => {
    assert.deepEqual(
      contributes.viewsContainers.activitybar.map((c) => c.id),
      [VIEW.container],
    );
    assert.deepEqual(
      contributes.views[VIEW.container].map((v) => v.id),
      [VIEW.sidebarChat],
    );
    assert.ok(manifest.activationEvents.includes(`onWebviewPanel:${VIEW.chatPanel}`));
  });

  it('binds keys to registered commands and known context keys only', () => {
    for (const binding of contributes.keybindings) {
      assert.ok(Object.values<string>(COMMAND).includes(binding.command), binding.command);
      for (const key of binding.when?.match(/\bvitalentum\.\w+/g) ?? []) {
        assert.ok([...Object.values(CONTEXT_KEY), ...Object.values(VIEW)].includes(key as never), key);
      }
    }
  });

  it('contributes exactly the settings the code reads, each with the default of the field it fills', () => {
    const properties = contributes.configuration.properties;
    const keys = Object.values(SETTING_KEYS).map((key) => `${SETTINGS_SECTION}.${key}`);
    assert.deepEqual(Object.keys(properties).sort(), keys.sort());
    for (const field of Object.keys(SETTING_KEYS) as (keyof typeof SETTING_KEYS)[]) {
      const key = `${SETTINGS_SECTION}.${SETTING_KEYS[field]}`;
      assert.deepEqual(properties[key].default, DEFAULT_SETTINGS[field], key);
    }
  });

  it('offers exactly the protocols the provider speaks, under the provider key', () => {
    const setting = contributes.configuration.properties[`${SETTINGS_SECTION}.${SETTING_KEYS.protocol}`];
    assert.equal(SETTING_KEYS.protocol, 'provider');
    assert.deepEqual(setting.enum, PROTOCOLS);
  });

  it('runs in restricted workspaces with less, and says that the instructions file is what it leaves out', () => {
    const { supported, description } = manifest.capabilities.untrustedWorkspaces;
    assert.equal(supported, 'limited');
    const words = text(description);
    assert.ok(typeof words === 'string' && words.includes(INSTRUCTIONS_FILE));
  });

  it('prefers the local side of a remote window, where a local server runs, and can run on the remote side', () => {
    assert.deepEqual(manifest.extensionKind, ['ui', 'workspace']);
  });

  it('offers Add File to Chat on the tabs of local and remote files alike', () => {
    const entry = contributes.menus['editor/title/context'].find((m) => m.command === COMMAND.addFileToChat);
    for (const scheme of FILE_SCHEMES) assert.match(entry?.when ?? '', new RegExp(`resourceScheme == ${scheme}\\b`));
  });
});

describe('the walkthrough', () => {
  const root = process.cwd();
  const ships = vsixShips(root);
  const [walkthrough] = contributes.walkthroughs;

  it('is one walkthrough of three steps: choose a backend, ask, explain a selection', () => {
    assert.equal(contributes.walkthroughs.length, 1);
    assert.deepEqual(
      walkthrough.steps.map((step) => step.id),
      ['chooseBackend', 'ask', 'explainSelection'],
    );
  });

  it('gives each step a button that runs its registered command, and completes the step when it runs', () => {
    const commands = [COMMAND.chooseBackend, COMMAND.ask, COMMAND.explainSelection];
    walkthrough.steps.forEach((step, index) => {
      const title = text(contributes.commands.find((c) => c.command === commands[index])?.title);
      assert.ok(title, commands[index]);
      // A link alone on its own line is shown as a button.
      const description = String(text(step.description));
      assert.ok(description.split('\n').includes(`[${String(title)}](command:${commands[index]})`), description);
      assert.deepEqual(step.completionEvents, [`onCommand:${commands[index]}`]);
    });
  });

  it('shows media that exists under media/ and is shipped in the package', () => {
    for (const step of walkthrough.steps) {
      const files = Object.entries(step.media)
        .filter(([kind]) => kind === 'markdown' || kind === 'image' || kind === 'svg')
        .map(([, file]) => file);
      assert.equal(files.length, 1, step.id);
      for (const file of files) {
        assert.ok(file.startsWith('media/') && existsSync(path.join(root, file)), file);
        assert.ok(ships(file), `${file} is left out by .vscodeignore`);
      }
    }
  });
});
