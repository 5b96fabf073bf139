// The file a reply's code block names: from its info string or a first-line comment, and never outside the workspace.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fitToRange, nearestOccurrence, parseCodeTarget, safeRelativePath } from '../../../src/chat/codeTarget';

describe('parseCodeTarget', () => {
  it('reads title= and path= from the info string, quoted or not, and keeps the code whole', () => {
    assert.deepEqual(parseCodeTarget('ts title=src/a.ts', 'x\n'), { path: 'src/a.ts', code: 'x\n' });
    assert.deepEqual(parseCodeTarget('py path="scripts/my tool.py"', '# x.py\n'), {
      path: 'scripts/my tool.py',
      code: '# x.py\n',
    });
    assert.deepEqual(parseCodeTarget("js file='./lib//b.js'", 'y'), { path: 'lib/b.js', code: 'y' });
  });

  it('reads a path from a comment alone on the first line and drops that line', () => {
    assert.deepEqual(parseCodeTarget('ts', '// src/a.ts\nexport const a = 1;\n'), {
      path: 'src/a.ts',
      code: 'export const a = 1;\n',
    });
    assert.deepEqual(parseCodeTarget('', '# scripts/x.py\nprint(1)\n'), { path: 'scripts/x.py', code: 'print(1)\n' });
    assert.deepEqual(parseCodeTarget('html', '<!-- web/index.html -->\n<p></p>'), {
      path: 'web/index.html',
      code: '<p></p>',
    });
  });

  it('names no file for an ordinary first line or comment', () => {
    for (const code of ['// compute the answer\nf();\n', '# TODO: fix.me later\n', 'const a = 1; // a.ts\n', 'x.ts']) {
      assert.deepEqual(parseCodeTarget('ts', code), { code }, code);
    }
  });

  it('refuses paths that leave the workspace, in the info string or a comment', () => {
    assert.deepEqual(parseCodeTarget('ts title=../outside.ts', 'x'), { code: 'x' });
    assert.deepEqual(parseCodeTarget('sh path=/etc/passwd', 'x'), { code: 'x' });
    assert.deepEqual(parseCodeTarget('ts', '// ../../etc/x.ts\ny'), { code: '// ../../etc/x.ts\ny' });
  });
});

describe('safeRelativePath', () => {
  it('normalizes separators and dots, and refuses absolute, home, drive and climbing paths', () => {
    assert.equal(safeRelativePath('src\\a.ts'), 'src/a.ts');
    assert.equal(safeRelativePath('./src/./a.ts'), 'src/a.ts');
    for (const bad of ['', '/a.ts', '~/a.ts', 'C:/a.ts', 'c:a.ts', 'a/../../b.ts', 'a/..', '.']) {
      assert.equal(safeRelativePath(bad), undefined, bad);
    }
  });
});

describe('fitToRange', () => {
  it("drops the block's last line end only when the replaced text ends inside a line", () => {
    assert.equal(fitToRange('a();\n', 'let x = 1;'), 'a();');
    assert.equal(fitToRange('a();\r\n', 'let x = 1;'), 'a();');
    assert.equal(fitToRange('a();\n', 'let x = 1;\n'), 'a();\n');
    assert.equal(fitToRange('a();', 'let x = 1;'), 'a();');
  });
});

describe('nearestOccurrence', () => {
  it('finds the occurrence nearest to where the excerpt was, and none for a gone or empty excerpt', () => {
    const text = 'x = 1\ny = 2\nx = 1\n';
    assert.equal(nearestOccurrence(text, 'x = 1', 0), 0);
    assert.equal(nearestOccurrence(text, 'x = 1', 11), 12);
    assert.equal(nearestOccurrence(text, 'z = 3', 0), -1);
    assert.equal(nearestOccurrence(text, '', 0), -1);
  });
});
