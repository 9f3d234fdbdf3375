// The pure core never imports `vscode`: it must run in plain node (unit tests, the mock, the webview).

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const PURE_DIRS = ['src/glm', 'src/chat', 'src/shared', 'src/webview', 'src/mock', 'src/editor'];

// import ... from 'vscode', import 'vscode', export ... from 'vscode', require('vscode'), import('vscode')
const VSCODE_IMPORT = /(?:\bfrom\s*|\bimport\s*|\brequire\s*\(\s*|\bimport\s*\(\s*)['"]vscode['"]/;

function sourceFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx|js|mjs|cjs)$/.test(entry.name) ? [full] : [];
  });
}

function vscodeImporters(files: string[]): string[] {
  return files.filter((file) => VSCODE_IMPORT.test(fs.readFileSync(file, 'utf8')));
}

describe('pure core', () => {
  it('the import check recognizes every form of importing vscode', () => {
    for (const line of [
      "import * as vscode from 'vscode';",
      'import type { Uri } from "vscode";',
      "import 'vscode';",
      "export { window } from 'vscode';",
      "const vscode = require('vscode');",
      "const v = await import('vscode');",
    ]) {
      assert.ok(VSCODE_IMPORT.test(line), line);
    }
    assert.ok(!VSCODE_IMPORT.test("import { x } from './vscodeLike';"));
  });

  it('src/glm exists and is checked', () => {
    assert.ok(sourceFiles(path.join(ROOT, 'src/glm')).length > 0);
  });

  for (const dir of PURE_DIRS) {
    it(`${dir} does not import vscode`, () => {
      const files = sourceFiles(path.join(ROOT, dir));
      assert.deepEqual(vscodeImporters(files).map((f) => path.relative(ROOT, f)), []);
    });
  }
});
