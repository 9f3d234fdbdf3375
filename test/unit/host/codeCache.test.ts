import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { requireCached } from '../../../src/host/codeCache';

describe('requireCached (the extension bundle through V8 code cache)', () => {
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'glm-code-cache-')); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  let installs = 0;
  /** Writes the bundle as an install or update does: new content, a new modification time. */
  const bundle = (body: string): string => {
    const file = path.join(dir, 'main.js');
    fs.writeFileSync(file, `const p = require('node:path');\nexports.name = p.basename(__filename);\nexports.dir = __dirname;\n${body}\n`);
    const at = new Date(Date.UTC(2026, 0, 1, 0, 0, ++installs));
    fs.utimesSync(file, at, at);
    return file;
  };
  const caches = (): string[] => fs.readdirSync(path.join(dir, 'cache')).filter((f) => f.endsWith('.v8cache'));

  it('loads a CommonJS bundle with its own require, exports and paths, then writes one cache', async () => {
    const file = bundle('module.exports.answer = () => 42;');
    const first = requireCached<{ name: string; dir: string; answer(): number }>(file, path.join(dir, 'cache'), require, 0);
    assert.equal(first.exports.name, 'main.js');
    assert.equal(first.exports.dir, dir);
    assert.equal(first.exports.answer(), 42);
    assert.equal(await first.saved, true);
    assert.equal(caches().length, 1);
    // The next start uses it and writes nothing.
    const second = requireCached<{ answer(): number }>(file, path.join(dir, 'cache'), require, 0);
    assert.equal(second.exports.answer(), 42);
    assert.equal(await second.saved, false);
  });

  it('a new bundle (same length, new time) gets a new cache and the stale one is removed', async () => {
    assert.equal(await requireCached(bundle('exports.v = 1;'), path.join(dir, 'cache'), require, 0).saved, true);
    const [old] = caches();
    const next = requireCached<{ v: number }>(bundle('exports.v = 2;'), path.join(dir, 'cache'), require, 0);
    assert.equal(next.exports.v, 2);
    assert.equal(await next.saved, true);
    assert.equal(caches().length, 1);
    assert.notEqual(caches()[0], old);
  });

  it('a cache that cannot be written changes nothing but the next start', async () => {
    fs.writeFileSync(path.join(dir, 'cache'), 'a file where the directory should be');
    const loaded = requireCached<{ v: number }>(bundle('exports.v = 3;'), path.join(dir, 'cache'), require, 0);
    assert.equal(loaded.exports.v, 3);
    assert.equal(await loaded.saved, false);
  });
});
