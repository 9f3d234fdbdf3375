import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');

interface Meta {
  inputs: Record<string, unknown>;
  outputs: Record<string, { imports: Array<{ path: string; external?: boolean }> }>;
}

/** The source modules a bundle holds (not esbuild's virtual ones, such as a shared module's stub). */
const modulesOf = (meta: Meta): string[] => Object.keys(meta.inputs).filter((p) => !p.includes(':'));

describe('extension bundles (esbuild.js): a small core, features loaded on first use', function () {
  this.timeout(60_000);
  let dir: string;
  let core: Meta;
  let features: Map<string, Meta>;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'glm-bundles-'));
    execFileSync(process.execPath, ['esbuild.js', '--production', `--outdir=${dir}`], { cwd: ROOT, stdio: 'pipe' });
    const read = (file: string): Meta => JSON.parse(fs.readFileSync(path.join(dir, `${file}.meta.json`), 'utf8')) as Meta;
    core = read('main.js');
    features = new Map(fs.readdirSync(path.join(dir, 'features')).filter((f) => f.endsWith('.js')).map((f) => [f, read(`features/${f}`)]));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('builds the chat, the editor commands, the completion engine, the usage page, the GLM client and the language model provider as features', () => {
    assert.deepEqual([...features.keys()].sort(), ['chat.js', 'completions.js', 'editor.js', 'glm.js', 'lm.js', 'usage.js']);
  });

  it('bundles every module once: in the core, or in the one feature that uses it', () => {
    const owner = new Map(modulesOf(core).map((m) => [m, 'main.js']));
    for (const [name, meta] of features) {
      for (const m of modulesOf(meta)) {
        assert.equal(owner.get(m), undefined, `${m} is in ${owner.get(m)} and ${name}`);
        owner.set(m, name);
      }
    }
  });

  it('the core holds none of the features and loads none of the Node modules they need', () => {
    const held = new Set(modulesOf(core));
    for (const m of ['src/host/chat/chatController.ts', 'src/chat/historyStore.ts', 'src/host/editor/editorFeature.ts', 'src/editor/completions/completionEngine.ts', 'src/host/usage/usagePanel.ts', 'src/glm/glmClient.ts', 'src/host/lm/glmChatProvider.ts']) {
      assert.equal(held.has(m), false, `the core holds ${m}`);
    }
    const required = Object.values(core.outputs).flatMap((o) => o.imports.filter((i) => i.external).map((i) => i.path));
    assert.deepEqual(required.filter((p) => /crypto|child_process/.test(p)), []);
    assert.ok(modulesOf(features.get('chat.js')!).includes('src/chat/historyStore.ts'));
  });
});
