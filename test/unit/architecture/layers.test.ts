// The layer rule is enforced by lint, not by comments: a planted forbidden import fails ESLint with the project's
// own configuration, and an allowed one passes.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ESLint } from 'eslint';

const eslint = new ESLint();

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe('layer zones', { timeout: 60_000 }, () => {
  for (const layer of ['common', 'chat', 'config', 'provider', 'shared', 'webview-ui']) {
    it(`refuses vscode in src/${layer}`, async () => {
      const found = await problems(
        `src/${layer}/planted.ts`,
        "import * as vscode from 'vscode';\nexport const v = vscode;\n",
      );
      assert.equal(found.length, 1, found.join('\n'));
      assert.match(found[0], /^no-restricted-imports: 'vscode' import is restricted/);
    });
  }

  for (const layer of ['extension', 'commands/planted', 'host/planted', 'panels/planted']) {
    it(`allows vscode in src/${layer}`, async () => {
      assert.deepEqual(
        await problems(`src/${layer}.ts`, "import * as vscode from 'vscode';\nexport const v = vscode;\n"),
        [],
      );
    });
  }

  it('refuses a lower layer importing a higher one, at any depth', async () => {
    const planted = [
      ['src/chat/planted.ts', '../host/chatRuntime'],
      ['src/provider/planted.ts', '../chat/conversation'],
      ['src/webview-ui/view/planted.ts', '../../panels/chatPanel'],
      ['src/shared/planted.ts', '../provider'],
      ['src/common/planted.ts', '../chat/chatService'],
    ];
    for (const [file, target] of planted) {
      const found = await problems(file, `import * as m from '${target}';\nexport const v = m;\n`);
      assert.match(found.join('\n'), /must not depend on this layer/, `${file} importing ${target}`);
    }
  });

  it('lets a nested file import its own layer by a name another layer also has', async () => {
    assert.deepEqual(
      await problems('src/webview-ui/view/planted.ts', "import * as m from '../host';\nexport const v = m;\n"),
      [],
    );
  });
});
