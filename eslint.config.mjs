// ESLint 9 flat config with typescript-eslint. `npm run lint` runs it with --max-warnings 0.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/**', 'dist-vsix/**', 'out/**', 'node_modules/**', '.vscode-test/**', 'models/train/**', '**/*.min.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['warn', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
      'no-empty': ['warn', { allowEmptyCatch: true }],
      '@typescript-eslint/no-unused-expressions': ['error', { allowShortCircuit: true, allowTernary: true }],
    },
  },
  {
    // The engine layers stay free of the editor: they run in the CLI, the server's worker and the tests alike.
    // (src/common/paths, which finds the shipped models, is shared with them on purpose.)
    files: ['src/icd/**/*.ts', 'src/note/**/*.ts', 'src/encoder/**/*.ts', 'src/coder/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['vscode', 'vscode-languageserver', 'vscode-languageserver/*', 'vscode-languageserver-*', 'vscode-languageclient', 'vscode-languageclient/*'], message: 'The engine layers must not depend on VS Code or the language server protocol.' },
        { group: ['**/server', '**/server/**', '**/extension', '**/extension/**'], message: 'The engine layers must not import the language server or the extension client.' },
      ] }],
    },
  },
  { files: ['webview/**/*.ts', 'test/webview/**'], languageOptions: { globals: { ...globals.browser } } },
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' } },
);
