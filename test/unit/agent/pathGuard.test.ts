import assert from 'node:assert/strict';
import * as path from 'node:path';
import { PathGuard } from '../../../src/chat/agent/pathGuard';

describe('agent path guard', () => {
  const root = path.resolve('/work/project');
  const guard = new PathGuard([{ name: 'project', path: root }], ['.env', 'secrets/**', '*.pem']);

  it('resolves relative and absolute paths inside the workspace', () => {
    assert.deepEqual(guard.resolve('src/a.ts'), { ok: true, abs: path.join(root, 'src/a.ts'), rel: 'src/a.ts', root: guard.roots[0] });
    const abs = guard.resolve(path.join(root, 'lib', 'b.ts'));
    assert.ok(abs.ok && abs.rel === 'lib/b.ts');
    const dot = guard.resolve('.');
    assert.ok(dot.ok && dot.rel === '');
  });

  it('refuses paths outside the workspace, also through ..', () => {
    for (const p of ['../other/a.ts', 'src/../../x', '/etc/passwd']) {
      const r = guard.resolve(p);
      assert.ok(!r.ok && /outside the workspace/.test(r.error), p);
    }
  });

  it('refuses anything inside .git/', () => {
    for (const p of ['.git/config', 'sub/.git/HEAD', '.git']) {
      const r = guard.resolve(p);
      assert.ok(!r.ok && /inside \.git/.test(r.error), p);
    }
    assert.ok(guard.resolve('.gitignore').ok);
  });

  it('refuses protected files, naming the pattern', () => {
    const cases: Array<[string, string]> = [['.env', '.env'], ['config/.env', '.env'], ['secrets/db/key.txt', 'secrets/**'], ['certs/server.pem', '*.pem']];
    for (const [p, pattern] of cases) {
      const r = guard.resolve(p);
      assert.ok(!r.ok && r.error.includes(`("${pattern}")`) && /glm\.agent\.protectedFiles/.test(r.error), p);
    }
    assert.ok(guard.resolve('.env.example').ok);
  });

  it('picks a root by name in a multi-root workspace and shows paths with it', () => {
    const a = path.resolve('/work/a');
    const b = path.resolve('/work/b');
    const multi = new PathGuard([{ name: 'a', path: a }, { name: 'b', path: b }]);
    const r = multi.resolve('b/src/x.ts');
    assert.ok(r.ok && r.abs === path.join(b, 'src/x.ts'));
    assert.equal(multi.display(path.join(b, 'src/x.ts')), 'b/src/x.ts');
    assert.ok(multi.resolve('src/y.ts').ok);
  });

  it('refuses an empty path and works with no folder open', () => {
    assert.equal(guard.resolve('  ').ok, false);
    const none = new PathGuard([]).resolve('a.ts');
    assert.ok(!none.ok && /No workspace folder/.test(none.error));
  });
});
