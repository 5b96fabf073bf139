// t() words a text from the active bundle, fills its placeholders as vscode.l10n.t does, and falls back to English.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { currentTranslations, parseTranslations, setTranslations, t } from '../../../src/shared/l10n';

describe('t()', () => {
  afterEach(() => setTranslations(undefined));

  it('fills {n} placeholders in any order, more than once, and leaves one without an argument as it is', () => {
    assert.equal(t('{1} of {0}, {1} again', 3, 'two'), 'two of 3, two again');
    assert.equal(t('Only {0} and {1}', true), 'Only true and {1}');
    assert.equal(t('No placeholders'), 'No placeholders');
  });

  it('reads the installed bundle and falls back to English for a text it lacks', () => {
    setTranslations({ 'Send {0}': '{0} senden' });
    assert.equal(t('Send {0}', 'Nachricht'), 'Nachricht senden');
    assert.equal(t('Not translated {0}', 1), 'Not translated 1');
    assert.deepEqual(currentTranslations(), { 'Send {0}': '{0} senden' });
    setTranslations(undefined);
    assert.equal(t('Send {0}', 'it'), 'Send it');
  });

  it('takes a bundle handed over as JSON, keeping only its strings, and nothing from JSON that is not a bundle', () => {
    assert.deepEqual(parseTranslations('{"A":"Ä","n":1}'), { A: 'Ä' });
    for (const bad of [undefined, '', 'not json', '[1]', 'null', '"text"']) {
      assert.deepEqual(parseTranslations(bad), {});
    }
  });
});
