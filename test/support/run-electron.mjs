// The online launcher: the same integration suite through @vscode/test-electron, which downloads a VS Code build.
// For machines that can reach the download service; `npm test` uses the offline launcher instead.
import path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { buildIntegrationSuite } from './build-tests.mjs';
import { repoRoot } from './vscode-host.mjs';

const extensionTestsPath = await buildIntegrationSuite();
try {
  await runTests({
    version: '1.100.3',
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath,
    launchArgs: [
      path.join(repoRoot, 'test', 'fixtures', 'workspace'),
      '--disable-extensions',
      '--disable-workspace-trust',
    ],
  });
} catch (error) {
  console.error(error);
  process.exit(1);
}
