// `npm run l10n:check`: lists what the translations lack or hold in excess. The keys are the English texts passed to
// `t()` in src (read with TypeScript's parser, so comments and other strings do not count) and the `%key%`
// references in package.json; each must be in every bundle with the same placeholders, and no bundle may keep a key
// nothing uses. `--template` prints the missing keys of the German bundle as JSON lines to translate and paste in.
// The unit test test/unit/l10n.test.ts runs the same checks.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/** The languages shipped besides English, each with l10n/bundle.l10n.<lang>.json and package.nls.<lang>.json. */
export const LANGUAGES = ['de'];

function sourceFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** Whether the file imports `t` from the translation seam (src/shared/l10n.ts). */
function importsT(source) {
  return source.statements.some(
    (statement) =>
      ts.isImportDeclaration(statement) &&
      ts.isStringLiteral(statement.moduleSpecifier) &&
      /(^|\/)l10n$/.test(statement.moduleSpecifier.text) &&
      statement.importClause?.namedBindings &&
      ts.isNamedImports(statement.importClause.namedBindings) &&
      statement.importClause.namedBindings.elements.some((element) => element.name.text === 't'),
  );
}

function insideFunction(node) {
  for (let parent = node.parent; parent; parent = parent.parent) {
    if (ts.isFunctionLike(parent)) return true;
  }
  return false;
}

/** The sorted `{n}` placeholders of a text (`{baseUrl}`-style names too, for the manifest). */
export function placeholders(text) {
  return [...new Set(text.match(/\{[^{}\s]+\}/g) ?? [])].sort();
}

/**
 * Every `t()` call in the .ts files under `srcDir`: `keys` maps each English text to where it is used; `problems`
 * lists calls whose text is not a plain literal (no bundle could hold it), calls made when a module loads (before
 * the bundle is installed), and calls that pass fewer arguments than their placeholders need.
 */
export function collectKeys(srcDir) {
  const keys = new Map();
  const problems = [];
  const root = path.dirname(srcDir);
  for (const file of sourceFiles(srcDir)) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    if (!importsT(source)) continue;
    const visit = (node) => {
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 't') {
        const { line } = source.getLineAndCharacterOfPosition(node.getStart());
        const where = `${path.relative(root, file).split(path.sep).join('/')}:${line + 1}`;
        const [first, ...args] = node.arguments;
        if (!first || !(ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first))) {
          problems.push(
            `${where}: t() must be called with a plain string literal, not ${first?.getText() ?? 'nothing'}`,
          );
        } else {
          keys.set(first.text, [...(keys.get(first.text) ?? []), where]);
          const needed = Math.max(0, ...placeholders(first.text).map((p) => Number(p.slice(1, -1)) + 1));
          const spread = args.some((arg) => ts.isSpreadElement(arg));
          if (!spread && args.length < needed) {
            problems.push(`${where}: "${first.text}" needs ${needed} arguments, ${args.length} given`);
          }
        }
        if (!insideFunction(node)) {
          problems.push(`${where}: t() runs when the module loads, before the translations are installed`);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { keys, problems };
}

/** Every `%key%` that package.json's strings refer to. */
export function manifestKeys(manifest) {
  const found = new Set();
  const visit = (value) => {
    if (typeof value === 'string') {
      const match = /^%(.+)%$/.exec(value);
      if (match) found.add(match[1]);
    } else if (value && typeof value === 'object') {
      Object.values(value).forEach(visit);
    }
  };
  visit(manifest);
  return found;
}

/**
 * How `bundle` falls short of `expected` (key → English text): keys it lacks, keys nothing uses, and keys whose
 * translation has other placeholders than the English.
 */
export function compareBundle(expected, bundle) {
  const missing = [...expected.keys()].filter((key) => typeof bundle[key] !== 'string');
  const stale = Object.keys(bundle).filter((key) => !expected.has(key));
  const placeholderMismatch = [...expected.keys()]
    .filter((key) => typeof bundle[key] === 'string')
    .filter((key) => placeholders(expected.get(key)).join() !== placeholders(bundle[key]).join());
  return { missing, stale, placeholderMismatch };
}

function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** The checks on the checkout at `root`: one entry per file checked, with what it lacks or holds in excess. */
export function checkTranslations(root) {
  const { keys, problems } = collectKeys(path.join(root, 'src'));
  const code = new Map([...keys.keys()].map((key) => [key, key]));
  const english = readJson(path.join(root, 'package.nls.json'));
  const referenced = manifestKeys(readJson(path.join(root, 'package.json')));
  const manifest = new Map([...referenced].map((key) => [key, english[key] ?? '']));
  const results = [
    {
      file: 'package.nls.json',
      ...compareBundle(manifest, english),
      placeholderMismatch: [],
    },
  ];
  for (const language of LANGUAGES) {
    const bundleFile = `l10n/bundle.l10n.${language}.json`;
    results.push({ file: bundleFile, ...compareBundle(code, readJson(path.join(root, bundleFile))) });
    const nlsFile = `package.nls.${language}.json`;
    results.push({ file: nlsFile, ...compareBundle(manifest, readJson(path.join(root, nlsFile))) });
  }
  return { keys, problems, results };
}

function report(root, template) {
  const { keys, problems, results } = checkTranslations(root);
  let failed = problems.length > 0;
  for (const problem of problems) console.log(problem);
  for (const { file, missing, stale, placeholderMismatch } of results) {
    for (const key of missing) console.log(`${file}: missing ${JSON.stringify(key)} (${keys.get(key)?.[0] ?? ''})`);
    for (const key of stale) console.log(`${file}: stale ${JSON.stringify(key)}`);
    for (const key of placeholderMismatch) console.log(`${file}: other placeholders for ${JSON.stringify(key)}`);
    failed ||= missing.length + stale.length + placeholderMismatch.length > 0;
    if (template && file.startsWith('l10n/') && missing.length > 0) {
      console.log(`\nTo translate in ${file}:`);
      for (const key of missing) console.log(`  ${JSON.stringify(key)}: ${JSON.stringify(key)},`);
    }
  }
  console.log(failed ? 'l10n: translations are incomplete.' : `l10n: ${keys.size} texts, every bundle complete.`);
  return failed ? 1 : 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  process.exit(report(root, process.argv.includes('--template')));
}
