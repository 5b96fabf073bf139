// The activation time of the extension's own code: the production host bundle loaded and activated in Node with a
// stand-in for `vscode` (test/support/productionBundle.ts). Each measurement is a fresh process, so loading
// includes reading and compiling the bundle.
import { spawnSync } from 'node:child_process';
import { buildProduction, activateBundle, type Activation } from '../support/productionBundle';
import { median, report } from './benchSupport';

const ACTIVATE_FLAG = '--activate';
const RUNS = 9;

function activation(bundle: string): Activation {
  const result = spawnSync(process.execPath, [process.argv[1], ACTIVATE_FLAG, bundle], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`activation failed:\n${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').pop()!) as Activation;
}

function main(): void {
  const build = buildProduction(process.cwd());
  try {
    const runs = Array.from({ length: RUNS }, () => activation(build.host).ms);
    report({ name: 'activation.loadAndActivate', value: median(runs), unit: 'ms' });
  } finally {
    build.remove();
  }
}

const flag = process.argv.indexOf(ACTIVATE_FLAG);
if (flag === -1) main();
else console.log(JSON.stringify(activateBundle(process.cwd(), process.argv[flag + 1])));
