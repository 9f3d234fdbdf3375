// Ghost text as a person sees it: typing in a file shows the mock's suggestion in grey, Tab inserts it,
// Ctrl+Right takes it word by word, Escape dismisses it, and turning completions off from the GLM status
// bar item stops both the ghost text and the requests.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { activeEditor, pressInEditor, quickOpen, waitForLines } from '../support/editorView';
import { useWorkbench } from '../support/e2eWorkbench';
import { answerInputBox, clearNotifications, runCommand, waitForNotification } from '../support/workbench';

const SUGGESTION = 'items.length;';

suite('e2e: inline completions', () => {
  const wb = useWorkbench({ 'glm.completions.enabled': 'on', 'glm.debug.mockScenario': `completion variant=fence text="${SUGGESTION}"` });
  const requests = () => wb.mock.requests.filter((r) => r.scenario === 'completion');
  const ghost = (page: Page) => activeEditor(page).locator('.ghost-text-decoration, .ghost-text').first();

  suiteSetup(async () => {
    await runCommand(wb.page, 'GLM: Set API Token');
    await answerInputBox(wb.page, wb.mock.token, { password: true });
    await waitForNotification(wb.page, /API token saved/);
    await clearNotifications(wb.page);
    fs.writeFileSync(path.join(wb.server.workspace, 'count.js'), 'function count(items) {\n  let n = 0;\n}\n');
  });

  /** Types a new line after line 2 of the file, as a person does. */
  async function typeNewLine(text: string): Promise<void> {
    await pressInEditor(wb.page, 'Control+End');
    await wb.page.keyboard.press('ArrowUp');
    await wb.page.keyboard.press('ArrowUp');
    await wb.page.keyboard.press('End');
    await wb.page.keyboard.press('Enter');
    await wb.page.keyboard.type(text, { delay: 60 });
  }

  test('typing shows the ghost text, and Tab inserts it', async function () {
    // The first typing in a fresh workbench sometimes reaches no request at all (seen in 2 of 6 runs here, never
    // in the later tests); one retry types the line again. A broken provider fails both attempts.
    this.retries(1);
    await quickOpen(wb.page, 'count.js');
    await typeNewLine('n = ');
    await ghost(wb.page).waitFor({ timeout: 30_000 }).catch((err: unknown) => {
      const seen = wb.mock.requests.map((r) => `${r.path} ${r.scenario ?? ''}`);
      throw new Error(`no ghost text; requests at the mock: ${JSON.stringify(seen)}`, { cause: err });
    });
    // Monaco may render the ghost text in several decorations (one per token).
    const shown = await activeEditor(wb.page).locator('.ghost-text-decoration, .ghost-text').allInnerTexts();
    assert.equal(shown.join('').replace(/\u00a0/g, ' '), SUGGESTION);
    assert.ok(requests().length >= 1);
    await wb.page.keyboard.press('Tab');
    await waitForLines(wb.page, 'the accepted suggestion', (lines) => lines.some((l) => l.trim() === `n = ${SUGGESTION}`));
    await ghost(wb.page).waitFor({ state: 'detached', timeout: 10_000 });
  });

  test('Ctrl+Right accepts the suggestion word by word', async () => {
    await typeNewLine('n += ');
    await ghost(wb.page).waitFor({ timeout: 30_000 });
    await wb.page.keyboard.press('Control+ArrowRight');
    const lines = await waitForLines(wb.page, 'the first word accepted', (ls) => ls.some((l) => /^\s*n \+= items\S*$/.test(l) && !l.includes(SUGGESTION)));
    assert.ok(lines.some((l) => l.trim().startsWith('n += items')));
    await wb.page.keyboard.press('Escape');
  });

  test('Escape dismisses the ghost text and leaves the line as typed', async () => {
    await typeNewLine('n -= ');
    await ghost(wb.page).waitFor({ timeout: 30_000 });
    await wb.page.keyboard.press('Escape');
    await ghost(wb.page).waitFor({ state: 'detached', timeout: 10_000 });
    await waitForLines(wb.page, 'the typed line unchanged', (lines) => lines.some((l) => l.trimEnd() === '  n -=') && !lines.some((l) => l.includes(`-= ${SUGGESTION}`)));
  });

  test('the GLM status bar item turns completions off: no ghost text, no request', async () => {
    const item = wb.page.locator('.statusbar-item', { hasText: 'GLM' }).first();
    await item.click();
    const row = wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Disable inline completions' }).first();
    await row.waitFor({ timeout: 15_000 });
    await row.click();
    await wb.page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10_000 });
    // The item shows the off state (a slashed circle) once the setting is written.
    await item.locator('.codicon-circle-slash').waitFor({ timeout: 15_000 });
    // The quick pick hands the focus back to the status bar, so a person clicks into the editor to type again.
    await activeEditor(wb.page).locator('.view-lines').click();
    const before = requests().length;
    await typeNewLine('n *= ');
    await wb.page.waitForTimeout(2500);
    assert.equal(await ghost(wb.page).count(), 0);
    assert.equal(requests().length, before, 'no request after completions were turned off');
  });
});
