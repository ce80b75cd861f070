// Lint rules; the one that matters most keeps the pure layers free of `vscode` (test/unit/architecture.test.ts
// checks the same thing without ESLint).
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'tools/**', '**/*.js', '**/*.mjs'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/core/**/*.ts', 'src/emulator/**/*.ts', 'src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'The core, the emulator and the CLI must run without VS Code.' }],
          patterns: [{ group: ['**/vscode/**', '../vscode', '../../vscode'], message: 'Only src/vscode may depend on the VS Code layer.' }],
        },
      ],
    },
  },
);
