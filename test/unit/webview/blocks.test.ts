import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  findFenceEnd,
  lastStableBoundary,
  leadingFence,
  mayCloseFence,
  stableBoundaryNear,
} from '../../../src/webview-ui/markdown/blocks';

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
  const fenceStart = text.indexOf('```');
  assert.equal(stableBoundaryNear(text, 3), fenceStart, 'the first block alone');
  assert.equal(stableBoundaryNear(text, text.length), fenceStart, 'the scan ends at a top-level fence');
  const fromCode = text.slice(fenceStart);
  assert.equal(stableBoundaryNear(fromCode, 5), code.length, 'the code block, longer than the share');
  const after = fromCode.slice(code.length);
  assert.equal(stableBoundaryNear(after, after.indexOf('Last') - 1), after.indexOf('Next'));
  assert.equal(stableBoundaryNear(after, after.length), after.indexOf('Last'));
  assert.equal(stableBoundaryNear('one block\nstill going\n', 3), 0);
});

test('a top-level fence is a block of its own: it ends the blocks before it, blank line or not, and its close ends it', () => {
  assert.equal(lastStableBoundary('Some text:\n```ts\ncode\n'), 'Some text:\n'.length);
  assert.equal(lastStableBoundary('- item\n~~~\ncode\n'), '- item\n'.length);
  assert.equal(lastStableBoundary('Some text:\n```ts'), 0, 'the fence line is not complete');
  assert.equal(lastStableBoundary('- item\n  ```ts\ncode\n'), 0, 'an indented fence may belong to the item');
  assert.equal(lastStableBoundary('```ts\ncode\n```\nText'), '```ts\ncode\n```\n'.length);
  assert.equal(lastStableBoundary('```ts\ncode\n    ```\nText\n'), 0, 'indented four spaces, a line is code');
  assert.equal(lastStableBoundary('```ts\ncode\n   ```\nText\n'), '```ts\ncode\n   ```\n'.length);
});

test('a leading fence gives its info string and code, and its end is found from where the last scan stopped', () => {
  assert.equal(leadingFence('```ts'), undefined, 'the line is not complete');
  assert.equal(leadingFence(' ```ts\n'), undefined, 'indented');
  assert.equal(leadingFence('```a`b\n'), undefined, 'inline code');
  const leading = leadingFence('Text\n````ts title="a.ts"\ncode\n', 5);
  assert.deepEqual(leading, {
    fence: { char: '`', length: 4, topLevel: true },
    info: 'ts title="a.ts"',
    contentStart: 'Text\n````ts title="a.ts"\n'.length,
  });
  const fence = { char: '`' as const, length: 3, topLevel: true };
  const text = '```\none\n````x\n``\ntwo';
  assert.deepEqual(findFenceEnd(text, fence, 4), { closed: false, scannedTo: text.indexOf('two') });
  const closed = `${text}\n \`\`\`\` \nafter`;
  const codeEnd = closed.indexOf(' ````');
  assert.deepEqual(findFenceEnd(closed, fence, text.indexOf('two')), {
    closed: true,
    codeEnd,
    blockEnd: closed.indexOf('after'),
  });
  assert.ok(mayCloseFence('``', fence) && mayCloseFence('   `', fence) && mayCloseFence('', fence));
  assert.ok(!mayCloseFence('~~', fence) && !mayCloseFence('    `', fence) && !mayCloseFence('`x', fence));
});
