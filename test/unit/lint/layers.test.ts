// The layer rules live in eslint.config.mjs; this proves they bite by linting small sources placed in each layer
// with the real config (type-aware rules switched off: the layer rules need no type information).

import assert from 'node:assert/strict';
import path from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';

const ROOT = path.resolve(__dirname, '../../..');

const LAYER_RULES = new Set(['import-x/no-restricted-paths', 'no-restricted-imports']);

let eslint: ESLint;

/** The layer-rule messages for `code` as if it were the file `file` (relative to the repository root). */
async function layerErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  const fatal = result.messages.filter((m) => m.fatal);
  assert.deepEqual(fatal, [], 'the fixture parses');
  return result.messages.filter((m) => m.ruleId !== null && LAYER_RULES.has(m.ruleId)).map((m) => m.message);
}

describe('lint: layer rules', function () {
  this.timeout(60_000);

  before(() => {
    eslint = new ESLint({ cwd: ROOT, overrideConfig: [tseslint.configs.disableTypeChecked] });
  });

  it('forbids vscode in src/chat, in every import form', async () => {
    for (const code of [
      "import * as vscode from 'vscode';\nexport const x = vscode;\n",
      "import type { Uri } from 'vscode';\nexport type X = Uri;\n",
      "export { window } from 'vscode';\n",
    ]) {
      const errors = await layerErrors('src/chat/fixture.ts', code);
      assert.equal(errors.length, 1, code);
      assert.match(errors[0], /Only src\/host and src\/extension\.ts import vscode/);
    }
  });

  it('forbids vscode in glm, editor, shared, mock and webview, and allows it in host and extension.ts', async () => {
    const code = "import * as vscode from 'vscode';\nexport const x = vscode;\n";
    for (const dir of ['glm', 'editor', 'shared', 'mock', 'webview']) {
      assert.equal((await layerErrors(`src/${dir}/fixture.ts`, code)).length, 1, dir);
    }
    assert.deepEqual(await layerErrors('src/host/fixture.ts', code), []);
    assert.deepEqual(await layerErrors('src/extension.ts', code), []);
  });

  it('keeps each pure layer to the layers below it', async () => {
    const cases: [file: string, importPath: string, allowed: boolean][] = [
      ['src/chat/fixture.ts', '../host/config', false],
      ['src/chat/fixture.ts', '../webview/strings', false],
      ['src/chat/fixture.ts', '../glm/errors', true],
      ['src/chat/fixture.ts', '../shared/protocol', true],
      ['src/editor/fixture.ts', '../chat/search', false],
      ['src/editor/fixture.ts', '../glm/errors', true],
      ['src/glm/fixture.ts', '../chat/search', false],
      ['src/glm/fixture.ts', '../shared/protocol', true],
      ['src/shared/fixture.ts', '../glm/errors', false],
      ['src/webview/fixture.ts', '../glm/errors', false],
      ['src/webview/fixture.ts', '../shared/protocol', true],
      ['src/mock/fixture.ts', '../glm/errors', false],
      ['src/mock/fixture.ts', '../shared/protocol', false],
      ['src/host/fixture.ts', '../chat/search', true],
      ['test/unit/fixture.ts', '../../src/host/config', true],
    ];
    for (const [file, importPath, allowed] of cases) {
      const errors = await layerErrors(file, `import * as m from '${importPath}';\nexport const x = m;\n`);
      assert.equal(errors.length, allowed ? 0 : 1, `${file} -> ${importPath}: ${errors.join('; ')}`);
    }
  });

  it('keeps Node built-ins out of the webview', async () => {
    for (const mod of ['node:fs', 'path', 'node:crypto']) {
      const errors = await layerErrors('src/webview/fixture.ts', `import * as m from '${mod}';\nexport const x = m;\n`);
      assert.equal(errors.length, 1, mod);
      assert.match(errors[0], /no Node built-ins/);
    }
    assert.deepEqual(await layerErrors('src/chat/fixture.ts', "import * as fs from 'node:fs';\nexport const x = fs;\n"), []);
  });
});
