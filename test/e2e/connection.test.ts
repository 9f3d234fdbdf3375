// A person's first minutes: the GLM icon appears, they paste a token into the password box from the
// command palette, and Test Connection reports success (or the mapped error for a wrong token).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { useWorkbench } from '../support/e2eWorkbench';
import { repoRoot } from '../support/paths';
import { activityIcon, answerInputBox, clearNotifications, runCommand, waitForNotification } from '../support/workbench';

const readJson = (name: string) => JSON.parse(fs.readFileSync(path.join(repoRoot, name), 'utf8'));
const manifest = readJson('package.json');
const nls: Record<string, string> = readJson('package.nls.json');
/** A manifest string as the workbench shows it: `%key%` resolved through package.nls.json. */
const localized = (text: string): string => text.replace(/^%(.+)%$/, (_, key: string) => nls[key] ?? text);

suite('e2e: GLM connection', () => {
  const wb = useWorkbench();

  test('shows the GLM activity-bar icon', async () => {
    const containers: Array<{ title: string }> = manifest.contributes.viewsContainers.activitybar;
    assert.ok(containers.length > 0, 'package.json contributes an activity-bar container');
    for (const { title } of containers) await activityIcon(wb.page, localized(title)).waitFor({ timeout: 60_000 });
  });

  test('Set API Token from the palette, then Test Connection succeeds', async () => {
    await runCommand(wb.page, 'GLM: Set API Token');
    await answerInputBox(wb.page, wb.mock.token, { password: true });
    await waitForNotification(wb.page, /API token saved/);
    await clearNotifications(wb.page);
    await runCommand(wb.page, 'GLM: Test Connection');
    const shown = await waitForNotification(wb.page, /Connected to/);
    assert.match(shown, /127\.0\.0\.1/);
    const auth = wb.mock.requests.filter((r) => r.path.endsWith('/chat/completions')).map((r) => r.headers.authorization);
    assert.deepEqual(auth, [`Bearer ${wb.mock.token}`]);
    const settings = fs.readFileSync(path.join(wb.server.userDataDir, 'User/settings.json'), 'utf8');
    assert.ok(!settings.includes(wb.mock.token), 'the token must stay out of settings.json');
  });

  test('a wrong token shows the mapped 401 message', async () => {
    await clearNotifications(wb.page);
    await runCommand(wb.page, 'GLM: Set API Token');
    await answerInputBox(wb.page, 'wrong-token-e2e', { password: true });
    await clearNotifications(wb.page);
    await runCommand(wb.page, 'GLM: Test Connection');
    await waitForNotification(wb.page, /rejected the API token/);
  });
});
