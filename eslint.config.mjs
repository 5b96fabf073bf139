import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'media/dist/', 'out/', '.vscode-test/', 'test-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'smart'],
      curly: ['error', 'multi-line'],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: { globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  // Layers (see the design): only extension, commands, host and panels may touch `vscode`, and no layer imports one
  // that sits above it. Each zone lists what its files must not import.
  ...layerZones({
    'src/common/**': ['chat', 'commands', 'config', 'host', 'panels', 'provider', 'shared', 'webview-ui', 'extension'],
    'src/chat/**': ['commands', 'host', 'panels', 'webview-ui', 'extension'],
    'src/config/**': ['chat', 'commands', 'host', 'panels', 'webview-ui', 'extension'],
    'src/provider/**': ['chat', 'commands', 'config', 'host', 'panels', 'shared', 'webview-ui', 'extension'],
    'src/shared/**': ['chat', 'commands', 'config', 'host', 'panels', 'provider', 'webview-ui', 'extension'],
    'src/webview-ui/**': ['chat', 'commands', 'config', 'host', 'panels', 'provider', 'extension'],
  }),
);

/**
 * No-restricted-imports rules per zone: `vscode` and the named sibling folders of `src` are off limits. A relative
 * import leaves a layer only with one `../` more than the file's depth inside it, so the rule is written per depth:
 * `webview-ui/view/composer.ts` may import `../host` (its own layer's host.ts) but not `../../host`.
 */
function layerZones(zones, maxDepth = 4) {
  return Object.entries(zones).flatMap(([zone, forbidden]) => {
    const layer = zone.slice(0, -3);
    return Array.from({ length: maxDepth }, (_, depth) => ({
      files: [`${layer}/${'*/'.repeat(depth)}*.ts`],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            paths: [
              {
                name: 'vscode',
                message: `${layer} runs without VS Code; only extension, commands, host and panels import vscode.`,
              },
            ],
            patterns: [
              {
                regex: `^(\\.\\./){${depth + 1}}(${forbidden.join('|')})(/|$)`,
                message: `${layer} must not depend on this layer.`,
              },
            ],
          },
        ],
      },
    }));
  });
}
