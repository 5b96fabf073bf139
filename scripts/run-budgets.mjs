// The budgets that do not depend on timing (bundle sizes, activation's registrations, webview posts per reply),
// checked on every `npm test`: the node --test suites under test/budgets, each printing its figures and budgets.
import { runNodeTests } from './node-tests.mjs';

// The production build takes a few seconds; a file still running after a minute has hung.
process.exit(await runNodeTests('budgets', process.argv.slice(2), { timeoutMs: 60_000 }));
