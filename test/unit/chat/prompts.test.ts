import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { promptWithSelection } from '../../../src/chat/prompts';

describe('prompts with selected code', () => {
  it('puts a selection after the question with its file name, language and the code fenced', () => {
    const prompt = promptWithSelection('Explain this code.', {
      fileName: 'src/fibonacci.ts',
      languageId: 'typescript',
      text: 'export const fib = (n: number): number => (n < 2 ? n : fib(n - 1) + fib(n - 2));',
    });
    assert.equal(
      prompt,
      'Explain this code.\n\nFile: src/fibonacci.ts (typescript)\n\n```typescript\nexport const fib = (n: number): number => (n < 2 ? n : fib(n - 1) + fib(n - 2));\n```',
    );
  });

  it('uses a fence longer than any backtick run in the code so the block cannot close early', () => {
    const code = 'Example:\n```js\nx()\n```\n';
    const prompt = promptWithSelection('What does this say?', {
      fileName: 'README.md',
      languageId: 'markdown',
      text: code,
    });
    assert.equal(prompt, `What does this say?\n\nFile: README.md (markdown)\n\n\`\`\`\`markdown\n${code}\`\`\`\``);
  });
});
