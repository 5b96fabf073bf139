// Every text the code words through t() and every %key% of package.json is translated in each shipped language, with
// the same placeholders, and no bundle keeps a text nothing uses. `npm run l10n:check` lists the same findings.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { checkTranslations, collectKeys, compareBundle, LANGUAGES, placeholders } from '../../../scripts/l10n.mjs';

const root = process.cwd();

describe('translations', () => {
  const { keys, problems, results } = checkTranslations(root);

  it('finds the texts of every layer', () => {
    const files = new Set([...keys.values()].flat().map((where) => where.split('/')[1]));
    for (const layer of ['commands', 'host', 'chat', 'config', 'webview-ui']) assert.ok(files.has(layer), layer);
    assert.ok(keys.size > 150, `only ${keys.size} texts found`);
  });

  it('calls t() only with a plain literal, inside a function, with an argument for every placeholder', () => {
    assert.deepEqual(problems, []);
  });

  for (const file of [
    'package.nls.json',
    ...LANGUAGES.flatMap((l) => [`l10n/bundle.l10n.${l}.json`, `package.nls.${l}.json`]),
  ]) {
    it(`${file} has every key, no stale one, and the English placeholders`, () => {
      const result = results.find((r) => r.file === file);
      assert.ok(result, file);
      assert.deepEqual(
        { missing: result.missing, stale: result.stale, placeholderMismatch: result.placeholderMismatch },
        { missing: [], stale: [], placeholderMismatch: [] },
      );
    });
  }
});

describe('the translation checks', () => {
  it('compare placeholders as sets, names included', () => {
    assert.deepEqual(placeholders('{1} of {0}, then {0}'), ['{0}', '{1}']);
    assert.deepEqual(placeholders('POST {baseUrl}/v1'), ['{baseUrl}']);
    const expected = new Map([
      ['Hello {0}', 'Hello {0}'],
      ['Gone', 'Gone'],
    ]);
    assert.deepEqual(compareBundle(expected, { 'Hello {0}': 'Hallo {1}', Old: 'Alt' }), {
      missing: ['Gone'],
      stale: ['Old'],
      placeholderMismatch: ['Hello {0}'],
    });
  });

  it('refuse a computed text, a call at load time and a missing argument', () => {
    const scratch = mkdtempSync(path.join(os.tmpdir(), 'l10n-'));
    try {
      mkdirSync(path.join(scratch, 'src'));
      writeFileSync(
        path.join(scratch, 'src', 'sample.ts'),
        [
          "import { t } from './shared/l10n';",
          "const early = t('At load');",
          'export function words(name: string): string[] {',
          "  return [early, t(`Hi ${name}`), t(name), t('Two {0} {1}', name), t('Fine {0}', name)];",
          '}',
        ].join('\n'),
      );
      const { keys, problems } = collectKeys(path.join(scratch, 'src'));
      assert.deepEqual([...keys.keys()], ['At load', 'Two {0} {1}', 'Fine {0}']);
      assert.deepEqual(
        problems.map((p) => p.replace(/^src\/sample\.ts:\d+: /, '')),
        [
          't() runs when the module loads, before the translations are installed',
          't() must be called with a plain string literal, not `Hi ${name}`',
          't() must be called with a plain string literal, not name',
          '"Two {0} {1}" needs 2 arguments, 1 given',
        ],
      );
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});
