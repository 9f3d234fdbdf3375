// The zh-CN translation stays complete: VS Code falls back to English silently, so a missing key is only seen by a user.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { uiStringsEn } from '../../src/shared/protocol';

const ROOT = path.resolve(__dirname, '../..');
const readJson = (file: string): Record<string, string> => JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8'));

// vscode.l10n.t('...') with a single-quoted literal first argument, possibly on the next line.
const L10N_CALL = /\bl10n\.t\(\s*'((?:[^'\\\n]|\\.)*)'/g;

function literalsIn(source: string): string[] {
  return [...source.matchAll(L10N_CALL)].map((m) => m[1].replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c)));
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

const placeholders = (s: string): string => (s.match(/\{\d+\}/g) ?? []).sort().join(',');
// Code spans (`npm run mock`, `#glm.baseUrl#` setting links) and URLs must survive translation untouched.
const verbatim = (s: string): string => (s.match(/`[^`]+`|https?:\/\/[^\s`）)]+/g) ?? []).sort().join(' ');

describe('zh-CN localization', () => {
  const nls = readJson('package.nls.json');
  const nlsZh = readJson('package.nls.zh-cn.json');
  const bundleZh = readJson('l10n/bundle.l10n.zh-cn.json');
  // The host's strings, and those of pure modules that take a localizer (`l10n.t(...)`, e.g. src/glm/errorAdvice.ts).
  const hostStrings = new Set(
    ['src/host', 'src/glm', 'src/chat', 'src/editor']
      .flatMap((dir) => sourceFiles(path.join(ROOT, dir)))
      .flatMap((f) => literalsIn(fs.readFileSync(f, 'utf8'))),
  );
  const webviewStrings = new Set<string>(Object.values(uiStringsEn));

  it('the literal scan finds single-line, multi-line and escaped calls', () => {
    const sample = "vscode.l10n.t('A {0}', x);\nl10n.t(\n  'It\\'s B',\n  y);\nfoo.t('no');";
    assert.deepEqual(literalsIn(sample), ['A {0}', "It's B"]);
    assert.ok(hostStrings.size > 50, `only ${hostStrings.size} strings found in src/host`);
  });

  it('package.json points VS Code at the bundles', () => {
    assert.equal(readJson('package.json').l10n, './l10n');
  });

  it('package.nls.zh-cn.json has exactly the keys of package.nls.json', () => {
    assert.deepEqual(Object.keys(nlsZh).sort(), Object.keys(nls).sort());
  });

  it('every host string passed to vscode.l10n.t is translated', () => {
    assert.deepEqual([...hostStrings].filter((s) => !(s in bundleZh)), []);
  });

  it('every chat webview string (uiStringsEn) is translated', () => {
    assert.deepEqual([...webviewStrings].filter((s) => !(s in bundleZh)), []);
  });

  it('the bundle holds no stale keys that no code uses any more', () => {
    assert.deepEqual(Object.keys(bundleZh).filter((k) => !hostStrings.has(k) && !webviewStrings.has(k)), []);
  });

  it('translations are non-empty and keep the placeholders, code spans and URLs of their source', () => {
    const pairs: [string, string][] = [
      ...Object.entries(bundleZh),
      ...Object.entries(nlsZh).map(([k, v]): [string, string] => [nls[k] ?? '', v]),
    ];
    for (const [source, translation] of pairs) {
      assert.ok(translation.trim() !== '', `empty translation for ${JSON.stringify(source)}`);
      assert.equal(placeholders(translation), placeholders(source), `placeholders differ for ${JSON.stringify(source)}`);
      assert.equal(verbatim(translation), verbatim(source), `code spans or URLs differ for ${JSON.stringify(source)}`);
    }
  });
});
