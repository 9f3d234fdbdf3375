import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { featureLoader, shareModules, SHARED_MODULES } from '../../../src/host/featureLoader';

describe('featureLoader (features loaded on first use, sharing the core modules)', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'glm-features-'));
    fs.mkdirSync(path.join(dir, 'features'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** A feature bundle as esbuild.js writes it: shared modules come from `require(SHARED_MODULES)(path)`. */
  const feature = (name: string, body: string): void => {
    fs.writeFileSync(path.join(dir, 'features', `${name}.js`), `const shared = require(${JSON.stringify(SHARED_MODULES)});\n${body}\n`);
  };

  class Service {}
  let counter = 1;
  const core = { Service, get counter() { return counter; }, default: 'the default' };

  it('loads a feature once, on the first call, with the core instance of a shared module', () => {
    shareModules({ 'src/host/services.ts': core });
    feature('chat', `
      globalThis.chatLoads = (globalThis.chatLoads ?? 0) + 1;
      const services = shared('src/host/services.ts');
      exports.isCoreService = (x) => x instanceof services.Service;
      exports.counter = () => services.counter;
      exports.esModule = services.__esModule === true;
      exports.defaultExport = services.default;
      exports.basename = require('node:path').basename(__filename);`);
    const features = featureLoader(dir, path.join(dir, 'cache'), require);
    assert.deepEqual(features.loaded(), []);
    type Chat = { isCoreService(x: unknown): boolean; counter(): number; esModule: boolean; defaultExport: string; basename: string };
    const chat = features.load<Chat>('chat');
    assert.equal(features.load<Chat>('chat'), chat);
    assert.equal((globalThis as { chatLoads?: number }).chatLoads, 1);
    assert.deepEqual(features.loaded(), ['chat']);
    assert.equal(chat.isCoreService(new Service()), true, 'one class, not a copy');
    counter = 2;
    assert.equal(chat.counter(), 2, 'exports are read live');
    assert.equal(chat.esModule, true);
    assert.equal(chat.defaultExport, 'the default');
    assert.equal(chat.basename, 'chat.js', 'other imports go to the parent require');
  });

  it('a feature asking for a module the core does not hold fails with a clear message', () => {
    shareModules({});
    feature('editor', `shared('src/host/missing.ts');`);
    const features = featureLoader(dir, path.join(dir, 'cache'), require);
    assert.throws(() => features.load('editor'), /core bundle does not hold src\/host\/missing\.ts/);
    assert.deepEqual(features.loaded(), []);
  });
});
