// Thinking and web search as a person uses them in the browser: the Thinking select is visible and reachable
// from the keyboard (Alt+T in the message box), and the Web toggle brings sources under the answer.
import * as assert from 'node:assert/strict';
import { useWorkbench } from '../support/e2eWorkbench';
import { askAndWait, completions, signInAndOpenChat } from '../support/chatPanel';
import { extensionWebview } from '../support/workbench';

suite('e2e: thinking and web search', () => {
  const wb = useWorkbench();
  const chat = () => extensionWebview(wb.page);

  suiteSetup(() => signInAndOpenChat(wb.page, wb.mock.token));

  test('the Thinking select is visible and keyboard reachable; the next message carries the choice', async () => {
    const select = chat().locator('.thinking-select');
    await select.waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal(await select.getAttribute('aria-keyshortcuts'), 'Alt+T');
    const prompt = chat().locator('.prompt');
    await prompt.focus();
    await prompt.press('Alt+t');
    assert.equal(await select.inputValue(), 'enabled');
    await select.focus();
    assert.equal(await select.evaluate((el) => el === el.ownerDocument.activeElement), true, 'focusable');
    await askAndWait(wb.page, 'How do I sort a list in Python?');
    assert.deepEqual(completions(wb.mock).at(-1)!.body.thinking, { type: 'enabled' });
  });

  test('the Web toggle searches the web and lists the sources under the answer, with linked citations', async () => {
    const web = chat().locator('.web-toggle');
    await web.waitFor({ state: 'visible', timeout: 30_000 });
    await web.click();
    assert.equal(await web.getAttribute('aria-pressed'), 'true');
    const answer = await askAndWait(wb.page, 'How do I read a file in Go?');
    const sources = answer.locator('.web-sources a.web-source');
    await sources.first().waitFor({ timeout: 15_000 });
    assert.deepEqual(await sources.evaluateAll((as) => as.map((a) => a.getAttribute('href'))), ['https://example.com/guide', 'https://example.org/questions/42']);
    assert.equal(await answer.locator('.turn-body a.citation').count(), 2);
    assert.deepEqual(completions(wb.mock).at(-1)!.body.tools, [{ type: 'web_search', web_search: { enable: true, search_result: true } }]);
  });
});
