import assert from 'node:assert/strict';
import { test } from 'node:test';
import { neutralizeControlChars } from '../../../src/webview-ui/controlChars';

test('bidi overrides and isolates become visible labels, so text cannot be reordered', () => {
  const trojan = 'if (isAdmin) {\u202E } \u2066// check\u2069';
  const shown = neutralizeControlChars(trojan);
  assert.equal(shown, 'if (isAdmin) {⟨U+202E⟩ } ⟨U+2066⟩// check⟨U+2069⟩');
  assert.doesNotMatch(shown, /[\u202A-\u202E\u2066-\u2069]/);
});

test('terminal control codes are shown as control pictures; tab and newline stay', () => {
  assert.equal(neutralizeControlChars('\u001b[31mred\u0007\tok\n\u0000\u007f'), '␛[31mred␇\tok\n␀␡');
});

test('line endings are normalized to LF', () => {
  assert.equal(neutralizeControlChars('a\r\nb\rc'), 'a\nb\nc');
});

test('zero-width, soft hyphen, C1 and tag characters are labelled; ZWJ emoji and RTL script are untouched', () => {
  assert.equal(neutralizeControlChars('pay\u200Bpal\u00AD\u0085'), 'pay⟨U+200B⟩pal⟨U+00AD⟩⟨U+0085⟩');
  assert.equal(neutralizeControlChars('x\u{E0041}y'), 'x⟨U+E0041⟩y');
  const family = '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}';
  assert.equal(neutralizeControlChars(family), family);
  assert.equal(neutralizeControlChars('שלום مرحبا'), 'שלום مرحبا');
});
