// Lint for GLM Code Assistant: the layer rules of CONTRIBUTING.md and the type-aware rules that catch real bugs.
// Layers (what may import what): shared <- glm <- chat, editor <- host (+ extension.ts); webview <- shared;
// mock imports nothing of the product. Only src/host and src/extension.ts import `vscode`. Tests import anything.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import { createNodeResolver } from 'eslint-plugin-import-x';

const src = (dir) => `./src/${dir}`;

/** Zones for import-x/no-restricted-paths: files in `target` may not import from any `from`. */
const layerZones = [
  {
    target: src('shared'),
    from: './src',
    except: ['./shared'],
    message: 'src/shared imports nothing of ours.',
  },
  {
    target: src('glm'),
    from: './src',
    except: ['./glm', './shared'],
    message: 'src/glm may import only src/shared.',
  },
  ...['chat', 'editor'].map((layer) => ({
    target: src(layer),
    from: './src',
    except: [`./${layer}`, './glm', './shared'],
    message: `src/${layer} may import only src/glm and src/shared.`,
  })),
  {
    target: src('webview'),
    from: './src',
    except: ['./webview', './shared'],
    message: 'src/webview may import only src/shared.',
  },
  {
    target: src('mock'),
    from: './src',
    except: ['./mock'],
    message: 'src/mock imports nothing of the product (it is a stand-in for the real server).',
  },
];

const noVscode = {
  name: 'vscode',
  message: 'Only src/host and src/extension.ts import vscode: put the logic in a pure layer behind an interface.',
};

/** Node built-ins, by `node:` prefix or bare name, for code that runs in the webview. */
const nodeBuiltins = {
  regex: '^(node:.*|fs|path|os|crypto|http|https|net|child_process|stream|url|util|events|buffer)(/.*)?$',
  message: 'src/webview runs in a browser: no Node built-ins.',
};

export default tseslint.config(
  {
    ignores: ['dist/**', 'out/**', 'node_modules/**', '.test-cache/**', '.test-results/**', '**/*.js', '**/*.mjs'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.json', '.d.ts'] })],
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Bugs first.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true, allowDefaultCaseForExhaustiveSwitch: true },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
      eqeqeq: ['error', 'smart'],
      'no-restricted-exports': ['error', { restrictDefaultExports: { direct: true, named: true, defaultFrom: true } }],
      // Untyped input (JSON bodies, marked tokens) is checked by explicit guards where it enters; `no-explicit-any`
      // keeps new `any` out, so the no-unsafe-* family would only repeat it at every use.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // Noise for this codebase: strings built from numbers, `async` handlers without awaits, typed catch
      // variables and narrowing `!` are deliberate here.
      '@typescript-eslint/restrict-template-expressions': 'off',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
      '@typescript-eslint/only-throw-error': 'off',
      '@typescript-eslint/prefer-promise-reject-errors': 'off',
      '@typescript-eslint/no-base-to-string': 'off',
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/no-redundant-type-constituents': 'off',
    },
  },
  {
    // The layer rules apply to product code only.
    files: ['src/**/*.ts'],
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: layerZones }],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/host/**', 'src/extension.ts', 'src/webview/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [noVscode] }] },
  },
  {
    files: ['src/webview/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [noVscode], patterns: [nodeBuiltins] }] },
  },
  {
    // The mock reads request bodies as the raw wire JSON a real server gets, and validates them itself.
    files: ['src/mock/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Test and bench code may import anything and lean on `any` from fixtures and JSON.
    files: ['test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
