import js from '@eslint/js';
import lit from 'eslint-plugin-lit';
import litA11y from 'eslint-plugin-lit-a11y';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'storybook-static/', 'node_modules/', 'custom-elements.json', 'bench/out/', '.scratch/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  lit.configs['flat/recommended'],
  litA11y.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node, ...globals.mocha } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'lit/no-template-bind': 'error',
    },
  },
  {
    // model/ and backend/ run in the browser and in Node alike: neither may reach for the other's APIs.
    files: ['src/model/**', 'src/backend/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['node:*', 'lit', 'lit/*', '../components/*', '../transport/*'] }],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'process', 'Buffer'],
    },
  },
  {
    // Components get the store from context; they never talk to a transport themselves.
    files: ['src/components/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['**/transport/*-transport.js', '**/backend/*', '@microsoft/signalr'] }],
    },
  },
);
