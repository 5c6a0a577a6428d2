import js from '@eslint/js';
import lit from 'eslint-plugin-lit';
import litA11y from 'eslint-plugin-lit-a11y';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'storybook-static/', 'node_modules/', 'custom-elements.json', 'bench/out/', '.scratch/', 'examples/*/dist/', 'examples/*/.angular/'] },
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
    // Components get the store from context and call its intents; they never talk to a transport
    // themselves, nor load one (a dynamic import counts). The messenger, which builds the store, is
    // the one documented exception.
    files: ['src/components/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['**/transport/*', '**/backend/*', '@microsoft/signalr'] }],
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[property.name='transport']", message: 'Elements call store intents, never the transport.' },
        { selector: "ImportExpression[source.value=/transport|signalr|backend/]", message: 'Elements never load a transport or the backend.' },
      ],
    },
  },
  {
    // The exception: <im-messenger> is where a host hands over a transport (or a hub URL it
    // loads the SignalR transport for), and it builds the store on it. It calls no command.
    files: ['src/components/messenger/messenger.component.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['**/transport/*-transport.js', '**/backend/*', '@microsoft/signalr'] }],
      'no-restricted-syntax': 'off',
    },
  },
);
