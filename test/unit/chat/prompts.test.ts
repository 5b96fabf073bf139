import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatSelection } from '../../../src/chat/prompts';

describe('selected code as the model reads it', () => {
  it('gives the file name, the language and the code fenced', () => {
    const prompt = formatSelection({
      fileName: 'src/fibonacci.ts',
      languageId: 'typescript',
      text: 'export const fib = (n: number): number => (n < 2 ? n : fib(n - 1) + fib(n - 2));',
    });
    assert.equal(
      prompt,
      'File: src/fibonacci.ts (typescript)\n\n```typescript\nexport const fib = (n: number): number => (n < 2 ? n : fib(n - 1) + fib(n - 2));\n```',
    );
  });

  it('uses a fence longer than any backtick run in the code so the block cannot close early', () => {
    const code = 'Example:\n```js\nx()\n```\n';
    const prompt = formatSelection({
      fileName: 'README.md',
      languageId: 'markdown',
      text: code,
    });
    assert.equal(prompt, `File: README.md (markdown)\n\n\`\`\`\`markdown\n${code}\`\`\`\``);
  });
});
