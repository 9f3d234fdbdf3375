// What a first-day user saw in the chat (issue 14): the header title after the first question, Explain
// Selection answering out of sight, and GLM: Select Model not reaching the open chat's picker.
import * as assert from 'node:assert/strict';
import { useWorkbench } from '../support/e2eWorkbench';
import { askAndWait, completions, eventually, newChat, openWorkspaceFile, waitIdle } from '../support/chatPanel';
import { extensionWebview, runCommand } from '../support/workbench';

async function untilTrue(check: () => Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

suite('e2e: chat host', () => {
  const wb = useWorkbench({ 'glm.maxRetries': 0 });
  const chat = () => extensionWebview(wb.page);
  const headerTitle = () => chat().locator('.chat-title-bar').evaluate((el) => el.textContent ?? '');

  test('the header shows the chat title once the first question is asked', async () => {
    await newChat(wb.page);
    assert.equal(await headerTitle(), 'New chat');
    await askAndWait(wb.page, 'How do generators work in Python?');
    await untilTrue(async () => (await headerTitle()) === 'How do generators work in Python?', 'the header title');
  });

  test('Explain Selection with the chats list open: a new chat shows, with a chip label, scrolled into view', async () => {
    await newChat(wb.page);
    await askAndWait(wb.page, 'Something unrelated');
    const unrelatedTurns = await chat().locator('[data-turn-id]').count();
    await chat().locator('.top-bar button[aria-label="Show chats"]').click();
    await openWorkspaceFile(wb.page, wb.server.workspace, 'greet.ts', 'export function greet(name: string) {\n  return `hi ${name}`;\n}\n');
    await wb.page.keyboard.press('Control+A');
    const before = completions(wb.mock).length;
    await runCommand(wb.page, 'GLM: Explain Selection');
    await eventually(() => completions(wb.mock).length > before, 'the explain request');
    const chip = chat().locator('.turn-user .turn-user-text .chip', { hasText: /^greet\.ts:1-3$/ });
    await chip.waitFor({ timeout: 30_000 });
    await waitIdle(wb.page);
    assert.equal(await chat().locator('.turn-user').count(), 1, `a new chat, not turn ${unrelatedTurns + 1} of the unrelated one`);
    assert.equal(await chat().locator('nav.chat-list').isVisible(), false, 'the chats list closed');
    assert.ok(await chip.isVisible(), 'the question is in view');
    assert.doesNotMatch(await chat().locator('.turn-user').innerText(), /Explain the selected code/, 'the chip stands for the long prompt');
    assert.match(completions(wb.mock).at(-1)!.question, /^Explain the selected code from greet\.ts/);
  });

  test('GLM: Select Model changes the model picker of the open chat', async () => {
    await newChat(wb.page);
    await askAndWait(wb.page, 'Hello');
    await runCommand(wb.page, 'GLM: Select Model');
    await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'glm-4.5-air' }).first().click();
    await untilTrue(async () => (await chat().locator('.model-select').inputValue()) === 'glm-4.5-air', 'the picker to show glm-4.5-air');
    await askAndWait(wb.page, 'And now?');
    assert.equal(completions(wb.mock).at(-1)!.body.model, 'glm-4.5-air', 'the next question uses it');
  });
});
