// Agent mode as a person uses it: switch to Agent, ask, watch the tool steps stream in, approve the edit card
// with its diff, see "1 file changed", restore the checkpoint. The packaged VSIX against the mock's `agent` scenario.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { useWorkbench } from '../support/e2eWorkbench';
import { ANSWER_TIMEOUT_MS, ask, eventually, lastAnswer, openChat, waitIdle } from '../support/chatPanel';
import { waitForLines } from '../support/editorView';
import { repoRoot } from '../support/paths';
import { captureReadmeShot, setTheme } from '../support/readmeScreenshots';
import { answerInputBox, clearNotifications, extensionWebview, runCommand, waitForNotification } from '../support/workbench';

const nls: Record<string, string> = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.nls.json'), 'utf8'));

suite('e2e: agent mode', () => {
  const wb = useWorkbench();
  const chat = () => extensionWebview(wb.page);
  const file = () => path.join(wb.server.workspace, 'status.ts');

  suiteSetup(async () => {
    await runCommand(wb.page, 'GLM: Set API Token');
    await answerInputBox(wb.page, wb.mock.token, { password: true });
    await waitForNotification(wb.page, /API token saved/);
    await clearNotifications(wb.page);
  });

  test('approve an edit in Agent mode, see "1 file changed", restore the checkpoint', async () => {
    fs.writeFileSync(file(), 'export const status = "E2E_TODO";\n');
    await openChat(wb.page);
    await chat().locator('.mode-select').selectOption('agent');
    await ask(wb.page, '[[mock:agent steps=search,read,edit query=E2E_TODO replace=E2E_DONE tps=40]] finish the status');

    const steps = lastAnswer(wb.page).locator('.tool-step');
    await steps.first().waitFor({ timeout: ANSWER_TIMEOUT_MS });
    const card = lastAnswer(wb.page).locator('.tool-step.awaiting');
    await card.waitFor({ timeout: ANSWER_TIMEOUT_MS });
    assert.match(await card.locator('.tool-step-head').innerText(), /edit_file[\s\S]*status\.ts/);
    assert.match(await card.locator('.tool-step-diff').innerText(), /\+export const status = "E2E_DONE";/);
    assert.equal(fs.readFileSync(file(), 'utf8'), 'export const status = "E2E_TODO";\n', 'nothing written before Allow');
    await card.getByRole('button', { name: 'Allow', exact: true }).click();
    await waitIdle(wb.page);

    assert.equal(fs.readFileSync(file(), 'utf8'), 'export const status = "E2E_DONE";\n');
    assert.deepEqual(await steps.locator('.tool-step-name').allInnerTexts(), ['search_text', 'read_file', 'edit_file']);
    assert.equal(await lastAnswer(wb.page).locator('.agent-changes-count').innerText(), '1 file changed');

    await lastAnswer(wb.page).getByRole('button', { name: 'Restore checkpoint' }).click();
    const confirm = lastAnswer(wb.page).locator('.agent-restore-confirm');
    await confirm.waitFor({ timeout: 15_000 });
    assert.match(await confirm.innerText(), /status\.ts/);
    await confirm.getByRole('button', { name: 'Restore', exact: true }).click();
    await eventually(() => fs.readFileSync(file(), 'utf8') === 'export const status = "E2E_TODO";\n', 'the file restored');
    await lastAnswer(wb.page).locator('.agent-restored').waitFor({ timeout: 15_000 });
    await confirm.waitFor({ state: 'detached', timeout: 15_000 });
  });

  test('Review in editor on an edit card shows the proposal in the editor; Accept in its title bar allows the edit', async function () {
    this.timeout(300_000);
    fs.writeFileSync(file(), 'export const status = "E2E_TODO";\n');
    await openChat(wb.page);
    await chat().locator('.mode-select').selectOption('agent');
    await ask(wb.page, '[[mock:agent steps=read,edit path=status.ts query=E2E_TODO replace=E2E_REVIEWED tps=40]] finish the status');
    const card = lastAnswer(wb.page).locator('.tool-step.awaiting');
    await card.waitFor({ timeout: ANSWER_TIMEOUT_MS });
    await card.getByRole('button', { name: 'Review in editor', exact: true }).click();

    const diff = wb.page.locator('.part.editor .editor-group-container.active .monaco-diff-editor');
    await diff.waitFor({ timeout: 15_000 });
    await waitForLines(wb.page, 'the proposed status', (lines) => lines.includes('export const status = "E2E_REVIEWED";'));
    assert.equal(fs.readFileSync(file(), 'utf8'), 'export const status = "E2E_TODO";\n', 'nothing written before Accept');
    await clearNotifications(wb.page);
    for (const theme of ['light', 'dark'] as const) {
      await setTheme(wb.page, theme);
      await captureReadmeShot(wb.page, 'agent', theme);
    }
    const title = wb.page.locator('.part.editor .editor-group-container.active .title');
    await title.getByRole('button', { name: new RegExp(`^${nls['glm.acceptProposal']}`) }).click();
    await diff.waitFor({ state: 'detached', timeout: 15_000 });
    await waitIdle(wb.page);
    assert.equal(fs.readFileSync(file(), 'utf8'), 'export const status = "E2E_REVIEWED";\n');
    assert.equal(await lastAnswer(wb.page).locator('.agent-changes-count').innerText(), '1 file changed');
  });
});
