import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const boundary = (forbidden) => ({
  'no-restricted-imports': [
    'error',
    { patterns: [{ group: forbidden, message: 'client and server only share code through shared/.' }] },
  ],
});

export default tseslint.config(
  { ignores: ['dist', 'data', '.tools', 'node_modules', 'test-results'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['eslint.config.js'] } },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
    },
  },
  {
    files: ['client/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules, ...boundary(['**/server/**']) },
  },
  { files: ['server/**/*.ts'], rules: boundary(['**/client/**']) },
  { files: ['shared/**/*.ts'], rules: boundary(['**/client/**', '**/server/**']) },
  { files: ['eslint.config.js'], ...tseslint.configs.disableTypeChecked },
);
