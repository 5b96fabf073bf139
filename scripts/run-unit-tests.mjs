// `npm run test:unit [filter]`: the node --test suites under test/unit, the test harness's own under test/support and
// the benches' helpers' under test/bench (see node-tests.mjs for how they are built). A unit file runs in a second or
// two, so a hang fails after 30 s.
import { runNodeTests } from './node-tests.mjs';

process.exit(
  await runNodeTests('unit', process.argv.slice(2), { folders: ['unit', 'support', 'bench'], timeoutMs: 30_000 }),
);
