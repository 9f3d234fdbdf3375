// `node dist/mock.js` (here its source through tsx): prints URL and token, serves, stops on SIGTERM.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';

describe('mock CLI', () => {
  it('prints the URL and token, answers, and exits cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/mock/cli.ts', '--port', '0', '--token', 'cli-token', '--tps', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    try {
      for (let i = 0; i < 300 && !/Token: /.test(out); i++) await new Promise((r) => setTimeout(r, 20));
      const url = /listening on (\S+)/.exec(out)?.[1];
      assert.ok(url, out);
      assert.match(out, /Token: cli-token/);
      const res = await fetch(`${url}/chat/completions`, {
        method: 'POST',
        headers: { authorization: 'Bearer cli-token', 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'glm-4.7', messages: [{ role: 'user', content: 'hi' }] }),
      });
      assert.equal(res.status, 200);
      assert.equal(((await res.json()) as { object: string }).object, 'chat.completion');
    } finally {
      child.kill('SIGTERM');
    }
    const [code] = await once(child, 'exit');
    assert.equal(code, 0);
  });
});
