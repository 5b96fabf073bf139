// The suite's entry, as both launchers expect it: `run()` resolves when tests ran and every one of them passed.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import Mocha from 'mocha';

function runMocha(mocha: Mocha): Promise<{ passes: number; failures: number }> {
  return new Promise((resolve) => {
    const runner = mocha.run((failures) => resolve({ passes: runner.stats?.passes ?? 0, failures }));
  });
}

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, reporter: 'spec' });
  const files = readdirSync(__dirname)
    .filter((n) => n.endsWith('.test.js'))
    .sort();
  for (const name of files) mocha.addFile(path.join(__dirname, name));
  const { passes, failures } = files.length > 0 ? await runMocha(mocha) : { passes: 0, failures: 0 };
  // A run without tests proves nothing, so it counts as a failure. Mocha's own summary is not read by CI; this
  // closing line is.
  console.log(`integration: ${passes} passed, ${failures + (passes + failures === 0 ? 1 : 0)} failed`);
  if (failures > 0) throw new Error(`${failures} integration test(s) failed`);
  if (files.length === 0) throw new Error(`no *.test.js files next to ${__filename}`);
  if (passes === 0) throw new Error('the integration suite ran no tests');
}
