import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lastStableBoundary, stableBoundaryNear } from '../../../src/webview-ui/markdown/blocks';

test('cuts at the last blank line before a new top-level block', () => {
  const text = '# Title\n\nFirst paragraph.\n\nSecond para\nstill writ';
  assert.equal(text.slice(lastStableBoundary(text)), 'Second para\nstill writ');
});

test('never cuts inside an open code fence, however many blank lines it holds', () => {
  const text = 'Intro\n\n```python\ndef f():\n\n    pass\n\nprint(1)\n';
  assert.equal(text.slice(lastStableBoundary(text)), '```python\ndef f():\n\n    pass\n\nprint(1)\n');
});

test('cuts after a fence once it is closed, honouring fence char and length', () => {
  const text = '````\n```\n\nstill code\n````\n\nAfter\n';
  assert.equal(text.slice(lastStableBoundary(text)), 'After\n');
  const tildes = '~~~\n```\n\nstill code\n';
  assert.equal(lastStableBoundary(tildes), 0);
});

test('does not cut between list items or inside an indented continuation', () => {
  assert.equal(lastStableBoundary('- a\n\n- b\n'), 0);
  assert.equal(lastStableBoundary('1. a\n\n2. b\n'), 0);
  assert.equal(lastStableBoundary('- a\n\n  more of a\n'), 0);
  assert.equal(lastStableBoundary('    code\n\n    more code\n'), 0);
});

test('waits until the first line of the next block is complete', () => {
  assert.equal(lastStableBoundary('para\n\n1'), 0);
  assert.equal(lastStableBoundary('para\n\n1. item\n'), 0);
  assert.equal(lastStableBoundary('para\n\n12 monkeys\n'), 6);
});

test('scanning resumes from an earlier boundary', () => {
  const text = 'a\n\nb\n\nc\n';
  const first = lastStableBoundary(text.slice(0, 5));
  assert.equal(first, 3);
  assert.equal(text.slice(lastStableBoundary(text, first)), 'c\n');
});

test('a share ends at the last boundary within its reach, or at the end of a first block that reaches past it', () => {
  const code = `\`\`\`ts\n${'let x = 1;\n'.repeat(40)}\`\`\`\n`;
  const text = `Intro.\n\n${code}\nAfter the code.\n\nNext.\n\nLast.\n`;
  const afterCode = text.indexOf('After');
  assert.equal(stableBoundaryNear(text, 3), text.indexOf('```'), 'the first block alone');
  const fromCode = text.slice(text.indexOf('```'));
  assert.equal(stableBoundaryNear(fromCode, 5), fromCode.indexOf('After'), 'the code block, longer than the share');
  assert.equal(stableBoundaryNear(text, afterCode + 3), afterCode);
  assert.equal(stableBoundaryNear(text, text.indexOf('Last') - 1), text.indexOf('Next'));
  assert.equal(stableBoundaryNear(text, text.length), text.indexOf('Last'));
  assert.equal(stableBoundaryNear('one block\nstill going\n', 3), 0);
});
