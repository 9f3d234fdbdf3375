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

describe('settings', () => {
  const pkg = readJson('package.json');
  const properties: Record<string, Property> = pkg.contributes.configuration.properties;
  const commands = new Set<string>(pkg.contributes.commands.map((c: { command: string }) => c.command));

  it('shows no test-only setting', () => {
    assert.deepEqual(Object.keys(properties).filter((k) => /\.(debug|test)\./.test(k)), []);
  });

  it('orders the endpoint and the model first, as Getting Started reads them', () => {
    const ordered = Object.entries(properties)
      .filter(([, p]) => p.order !== undefined)
      .sort(([, a], [, b]) => a.order! - b.order!)
      .map(([k]) => k);
    assert.deepEqual(ordered.slice(0, 3), ['glm.preset', 'glm.baseUrl', 'glm.model']);
    assert.equal(new Set(Object.values(properties).map((p) => p.order).filter((o) => o !== undefined)).size, ordered.length, 'no two share an order');
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
