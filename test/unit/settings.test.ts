// The Settings UI as a user reads it (issue 14 item 12): no test-only settings, Getting Started order,
// command links that point at commands the extension contributes, in both languages.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const readJson = (file: string) => JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8'));

interface Property {
  order?: number;
  markdownDescription?: string;
}

interface Category {
  id: string;
  title: string;
  order: number;
  properties: Record<string, Property>;
}

describe('settings', () => {
  const pkg = readJson('package.json');
  const categories: Category[] = pkg.contributes.configuration;
  const properties: Record<string, Property> = Object.assign({}, ...categories.map((c) => c.properties));
  const commands = new Set<string>(pkg.contributes.commands.map((c: { command: string }) => c.command));

  it('shows no test-only setting', () => {
    assert.deepEqual(Object.keys(properties).filter((k) => /\.(debug|test)\./.test(k)), []);
  });

  it('orders the endpoint and the model first, as Getting Started reads them', () => {
    const first = [...categories].sort((a, b) => a.order - b.order)[0];
    const ordered = Object.entries(first.properties).sort(([, a], [, b]) => a.order! - b.order!).map(([k]) => k);
    assert.deepEqual(ordered.slice(0, 3), ['glm.preset', 'glm.baseUrl', 'glm.model']);
  });

  it('puts every setting in a titled category, in an order of its own', () => {
    assert.equal(new Set(categories.map((c) => c.order)).size, categories.length, 'no two categories share an order');
    for (const nlsFile of ['package.nls.json', 'package.nls.zh-cn.json']) {
      const nls = readJson(nlsFile);
      for (const c of categories) assert.ok(nls[/^%(.+)%$/.exec(c.title)?.[1] ?? ''], `${c.id} has a localized title in ${nlsFile}`);
    }
    for (const c of categories) {
      const orders = Object.values(c.properties).map((p) => p.order);
      assert.ok(orders.every((o) => typeof o === 'number'), `every setting of ${c.id} has an order`);
      assert.equal(new Set(orders).size, orders.length, `no two settings of ${c.id} share an order`);
    }
  });

  it('links the setup commands from the preset description, in English and Chinese, to commands that exist', () => {
    for (const nlsFile of ['package.nls.json', 'package.nls.zh-cn.json']) {
      const nls = readJson(nlsFile);
      const links = [...String(nls['glm.preset.description']).matchAll(/\(command:([\w.]+)\)/g)].map((m) => m[1]);
      assert.deepEqual(links, ['glm.setApiToken', 'glm.testConnection'], nlsFile);
      for (const value of Object.values<string>(nls)) {
        for (const [, id] of value.matchAll(/\(command:([\w.]+)\)/g)) assert.ok(commands.has(id), `${nlsFile} links ${id}`);
      }
    }
  });
});
