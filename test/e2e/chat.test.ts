// The sidebar chat as a person uses it in the browser: one workbench, the packaged VSIX, the mock GLM server.
// Tests run in order and share the window (the first one stores the token through the inline 401 action).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { useWorkbench } from '../support/e2eWorkbench';
import {
  ANSWER_TIMEOUT_MS, activeEditorLines, ask, askAndWait, chatFrame, completions, eventually, lastAnswer, newChat,
  openChat, openWorkspaceFile, sendButton, waitIdle,
} from '../support/chatPanel';
import { activityIcon, answerInputBox, clearNotifications, extensionWebview, runCommand, waitForWorkbench } from '../support/workbench';

suite('e2e: sidebar chat', () => {
  // The service retries 429 itself; with none left the panel shows the inline error with its countdown.
  const wb = useWorkbench({ 'glm.maxRetries': 0 });
  const chat = () => extensionWebview(wb.page);

  test('a 401 shows Set API Token on the turn; setting the token there and regenerating answers', async () => {
    await activityIcon(wb.page, 'GLM').click();
    await extensionWebview(wb.page).locator('.prompt').waitFor({ timeout: 60_000 });
    // No token stored yet: the extension's built-in mock token is not this mock's, so GLM answers 401.
    await askAndWait(wb.page, 'What does a TypeScript type guard do?');
    const error = lastAnswer(wb.page).locator('.turn-error');
    await assert.doesNotReject(error.waitFor({ timeout: 15_000 }));
    assert.match(await error.innerText(), /rejected the API token/);
    await error.locator('button', { hasText: 'Set API Token' }).click();
    await answerInputBox(wb.page, wb.mock.token, { password: true });
    await lastAnswer(wb.page).getByRole('button', { name: 'Regenerate' }).click();
    await waitIdle(wb.page);
    await lastAnswer(wb.page).locator('.turn-body pre code.hljs').waitFor({ timeout: 15_000 });
    assert.equal(await lastAnswer(wb.page).locator('.turn-error').count(), 0);
    const sent = completions(wb.mock).at(-1)!;
    assert.equal(sent.headers.authorization, `Bearer ${wb.mock.token}`);
    assert.equal(sent.question, 'What does a TypeScript type guard do?');
  });

  test('New Chat is the view title action (once) and starts an empty chat', async () => {
    await newChat(wb.page);
    assert.equal(await chat().locator('[data-turn-id]').count(), 0);
    const native = wb.page.locator('.part.sidebar .title-actions a.action-label[aria-label^="New Chat"]');
    assert.equal(await native.count(), 1, 'one native New Chat action in the view title');
    assert.equal(await chat().locator('.top-bar button[aria-label="New chat"]').count(), 0, 'no second New chat in the panel top bar');
  });

  test('Enter sends the prompt; the answer streams in as markdown with a highlighted code block', async () => {
    await ask(wb.page, '[[mock:pace tps=20]] How do I count words in a Python file?');
    const body = lastAnswer(wb.page).locator('.turn-body');
    // Mid-stream: part of the answer shows while the button still offers Stop.
    await body.locator('h2').waitFor({ timeout: ANSWER_TIMEOUT_MS });
    assert.equal(await sendButton(wb.page, 'Stop').count(), 1, 'still streaming when the first block shows');
    await waitIdle(wb.page);
    assert.equal(await body.locator('h2').innerText(), 'How do I count words in a Python file');
    assert.equal(await body.locator('ol > li').count(), 3);
    const code = body.locator('pre code.hljs.language-python');
    assert.ok((await code.locator('.hljs-keyword').count()) > 3, 'python keywords highlighted');
    assert.match(await code.innerText(), /most_common/);
    assert.equal(await body.locator('pre [data-code-action]').count(), 4, 'copy, insert, apply, new file');
    assert.match(completions(wb.mock).at(-1)!.question, /count words in a Python file/);
  });

  test('Stop mid-stream keeps the partial answer and closes the connection', async () => {
    await newChat(wb.page);
    await ask(wb.page, '[[mock:pace tps=5]] Explain closures in JavaScript.');
    const body = lastAnswer(wb.page).locator('.turn-body');
    await body.locator('p').first().waitFor({ timeout: ANSWER_TIMEOUT_MS });
    await sendButton(wb.page, 'Stop').click();
    await waitIdle(wb.page, 5000);
    assert.equal(await lastAnswer(wb.page).locator('.turn-status').innerText(), 'Stopped');
    const partial = await body.innerText();
    assert.match(partial, /Explain closures in JavaScript/);
    await eventually(() => completions(wb.mock).at(-1)!.clientClosed, 'the mock to see the client close');
    await wb.page.waitForTimeout(1000);
    assert.equal(await body.innerText(), partial, 'nothing arrives after Stop');
    assert.doesNotMatch(partial, /Let me know if you would like/, 'the answer was cut');
  });

  test('Regenerate replaces the last answer with a new one for the same prompt', async () => {
    await newChat(wb.page);
    const first = await askAndWait(wb.page, 'What is a Rust trait?');
    const firstId = await first.getAttribute('data-turn-id');
    const before = completions(wb.mock).length;
    await first.getByRole('button', { name: 'Regenerate' }).click();
    await eventually(() => completions(wb.mock).length === before + 1, 'the regenerate request');
    await waitIdle(wb.page);
    const second = lastAnswer(wb.page);
    assert.notEqual(await second.getAttribute('data-turn-id'), firstId);
    assert.equal(await chat().locator('.turn-assistant').count(), 1);
    assert.match(await second.locator('.turn-body').innerText(), /What is a Rust trait/);
    assert.equal(completions(wb.mock).at(-1)!.question, 'What is a Rust trait?');
  });

  test('editing a sent message resends from there and keeps the old version reachable', async () => {
    await newChat(wb.page);
    await askAndWait(wb.page, 'How do I sort a list in Go?');
    const user = chat().locator('.turn-user').first();
    await user.getByRole('button', { name: 'Edit' }).click();
    const box = chat().locator('.edit-box');
    await box.fill('How do I sort a list in Ruby?');
    await box.press('Enter');
    await chat().locator('.turn-user-text', { hasText: 'Ruby' }).waitFor({ timeout: ANSWER_TIMEOUT_MS });
    await waitIdle(wb.page);
    assert.equal(await chat().locator('.turn-user').count(), 1, 'the edit replaced the later turns');
    await lastAnswer(wb.page).locator('code.language-ruby').waitFor({ timeout: 5000 });
    const sent = completions(wb.mock).at(-1)!;
    assert.equal(sent.question, 'How do I sort a list in Ruby?');
    assert.ok(!JSON.stringify(sent.body.messages).includes('in Go'), 'the old branch is not sent');
    assert.match(await chat().locator('.branch-nav').innerText(), /Version 2 of 2/);
    await chat().getByRole('button', { name: 'Previous version' }).click();
    await chat().locator('.turn-user-text', { hasText: 'How do I sort a list in Go?' }).waitFor({ timeout: 10_000 });
    await lastAnswer(wb.page).locator('code.language-go').waitFor({ timeout: 10_000 });
  });

  test('thinking shows apart from the answer', async () => {
    await newChat(wb.page);
    const answer = await askAndWait(wb.page, '[[mock:reasoning]] Why are pure functions easier to test?');
    const thinking = answer.locator('.thinking');
    assert.equal(await thinking.isVisible(), true);
    assert.equal(await thinking.locator('summary').innerText(), 'Thinking');
    assert.match(await thinking.locator('.thinking-body').textContent() ?? '', /The user asks/);
    const body = await answer.locator('.turn-body').innerText();
    assert.match(body, /Why are pure functions easier to test/);
    assert.doesNotMatch(body, /The user asks/);
  });

  test('Insert at cursor puts the code block into the open editor', async () => {
    const file = await openWorkspaceFile(wb.page, wb.server.workspace, 'notes.js', 'const a = 1;\n');
    await wb.page.keyboard.press('Control+End');
    await newChat(wb.page);
    const answer = await askAndWait(wb.page, '[[mock:code transform=upper]] Shout this:\n```js\nlet shout = "hey";\n```');
    await answer.locator('[data-code-action=insert]').click();
    await activeEditorLines(wb.page).filter({ hasText: 'LET SHOUT' }).waitFor({ timeout: 10_000 });
    await runCommand(wb.page, 'File: Save');
    await eventually(() => fs.readFileSync(file, 'utf8') !== 'const a = 1;\n', 'the file to be saved');
    assert.equal(fs.readFileSync(file, 'utf8'), 'const a = 1;\nLET SHOUT = "HEY";');
  });

  test('Apply to selection shows a proposal diff that waits; Accept in its title bar changes the editor', async () => {
    const original = 'function greet(name) {\n  return "hi " + name;\n}\n';
    const file = await openWorkspaceFile(wb.page, wb.server.workspace, 'greet.js', original);
    await wb.page.keyboard.press('Control+A');
    await newChat(wb.page);
    const answer = await askAndWait(wb.page, `[[mock:code transform=upper]] Shout this:\n\`\`\`js\n${original}\`\`\``);
    await answer.locator('[data-code-action=apply]').click();
    await wb.page.locator('.tabs-container .tab.active', { hasText: 'GLM proposal' }).waitFor({ timeout: 15_000 });
    const diff = wb.page.locator('.monaco-diff-editor', { hasText: 'FUNCTION GREET' }).first();
    await diff.waitFor({ timeout: 10_000 });
    // The document itself still reads as before (shown as the diff's original side, or inline as deleted lines).
    const shown = (await diff.innerText()).replace(/\u00a0/g, ' '); // the editor renders spaces as nbsp
    assert.match(shown, /function greet/, 'nothing changes before the user accepts');
    await clearNotifications(wb.page); // the proposal does not depend on its notification: it waits in the diff
    await wb.page.waitForTimeout(1000);
    assert.equal(await wb.page.locator('.tabs-container .tab', { hasText: 'GLM proposal' }).count(), 1, 'the proposal stays until decided');
    const title = wb.page.locator('.part.editor .editor-group-container.active .title');
    await title.getByRole('button', { name: /^Accept Proposal/ }).click();
    await wb.page.locator('.tabs-container .tab', { hasText: 'GLM proposal' }).waitFor({ state: 'detached', timeout: 10_000 });
    await activeEditorLines(wb.page).filter({ hasText: 'FUNCTION GREET' }).waitFor({ timeout: 10_000 });
    await runCommand(wb.page, 'File: Save');
    await eventually(() => fs.readFileSync(file, 'utf8') !== original, 'the file to be saved');
    assert.equal(fs.readFileSync(file, 'utf8'), original.trimEnd().toUpperCase(), 'the whole selection replaced');
  });

  test('a 429 shows inline with a countdown, then Retry answers', async () => {
    await newChat(wb.page);
    const key = `e2e429-${Date.now()}`;
    const answer = await askAndWait(wb.page, `[[mock:flaky times=1 key=${key} status=429 code=too_many_requests retry-after=3]] Explain recursion briefly.`);
    const error = answer.locator('.turn-error');
    await error.waitFor({ timeout: 5000 });
    assert.match(await error.innerText(), /rate limiting/);
    const retry = error.locator('button', { hasText: /^Retry/ });
    assert.match(await retry.innerText(), /^Retry in [1-3]s$/);
    assert.equal(await retry.isDisabled(), true, 'Retry waits for the countdown');
    await error.locator('button:not([disabled])', { hasText: /^Retry$/ }).waitFor({ timeout: 6000 });
    await retry.click();
    await eventually(() => completions(wb.mock).filter((r) => r.question.includes(key)).length === 2, 'the retried request');
    await waitIdle(wb.page);
    await lastAnswer(wb.page).locator('.turn-body h2', { hasText: 'Explain recursion briefly' }).waitFor({ timeout: 10_000 });
    assert.equal(await lastAnswer(wb.page).locator('.turn-error').count(), 0);
  });

  test('the chat survives a window reload', async () => {
    await newChat(wb.page);
    await askAndWait(wb.page, 'How do I reverse a string in Kotlin?');
    await askAndWait(wb.page, 'And in Swift?');
    const texts = await chat().locator('.turn-user-text').allInnerTexts();
    await wb.page.reload();
    await waitForWorkbench(wb.page);
    await openChat(wb.page);
    await chat().locator('.turn-user-text').first().waitFor({ timeout: 30_000 });
    assert.deepEqual(await chat().locator('.turn-user-text').allInnerTexts(), texts);
    assert.equal(await chat().locator('.turn-assistant').count(), 2);
    await lastAnswer(wb.page).locator('.turn-body code.language-swift').waitFor({ timeout: 10_000 });
  });

  test('search finds a word from an old answer and opens its chat', async () => {
    await chat().getByRole('button', { name: 'Show chats' }).click();
    // `most_common` is only in the answer of the Python question, not in any prompt.
    await chat().locator('.search-box').fill('most_common');
    const hit = chat().locator('.chat-item.hit').first();
    await hit.waitFor({ timeout: 10_000 });
    assert.equal(await hit.locator('mark').first().innerText(), 'most_common');
    assert.match(await hit.locator('.chat-title').innerText(), /count words in a Python file/);
    await hit.locator('.chat-item-main').click();
    await chat().locator('.turn-body code', { hasText: 'most_common' }).first().waitFor({ timeout: 10_000 });
    assert.match(await chat().locator('.turn-user-text').first().innerText(), /count words in a Python file/);
  });

  test('a hostile answer renders inert under a strict CSP', async () => {
    await newChat(wb.page);
    const frame = await chatFrame(wb.page);
    // Every payload in the hostile answer calls alert(): record calls instead of relying on the sandbox.
    await frame.evaluate(() => {
      const w = window as unknown as { __ran: string[]; alert: (m?: unknown) => void };
      w.__ran = [];
      w.alert = (m) => void w.__ran.push(String(m));
    });
    const home = await frame.evaluate(() => location.href);
    const answer = await askAndWait(wb.page, '[[mock:hostile]] Show me some HTML.');
    const body = answer.locator('.turn-body');
    await body.locator('h2', { hasText: 'Totally normal answer' }).waitFor({ timeout: 5000 });
    for (const link of await body.locator('a').all()) await link.click();
    await wb.page.waitForTimeout(500);
    const dom = await frame.evaluate(() => {
      const turns = document.querySelector('.turns')!;
      const attrs = [...turns.querySelectorAll('*')].flatMap((el) => [...el.attributes].map((a) => `${a.name}=${a.value}`));
      const meta = document.querySelector('meta[http-equiv="Content-Security-Policy"]');
      return {
        ran: (window as unknown as { __ran: string[] }).__ran,
        scriptsInTurns: turns.querySelectorAll('script, iframe, object, embed').length,
        badAttrs: attrs.filter((a) => /^on/i.test(a) || /javascript:|data:text/i.test(a)),
        csp: meta?.getAttribute('content') ?? '',
        ourScripts: [...document.scripts].filter((s) => s.src.endsWith('/dist/webview.js')).map((s) => s.nonce),
        location: location.href,
      };
    });
    assert.deepEqual(dom.ran, [], 'no payload ran');
    assert.equal(dom.scriptsInTurns, 0);
    assert.deepEqual(dom.badAttrs, []);
    assert.ok(await body.locator('code', { hasText: '<script>console.log' }).count() === 1, 'the code block shows the script as text');
    assert.match(dom.csp, /default-src 'none'/);
    const scriptSrc = /script-src ([^;]*)/.exec(dom.csp)?.[1] ?? '';
    assert.match(scriptSrc, /^'nonce-[A-Za-z0-9_-]+'$/, 'scripts by nonce only');
    assert.doesNotMatch(dom.csp, /unsafe-eval|unsafe-inline/);
    assert.equal(dom.ourScripts.length, 1);
    assert.equal(`'nonce-${dom.ourScripts[0]}'`, scriptSrc, 'the bundle carries the policy nonce');
    assert.equal(dom.location, home, 'no link navigated the panel');
  });

  test('Explain Selection from the palette streams the explanation into the chat', async () => {
    await openWorkspaceFile(wb.page, wb.server.workspace, 'mathutil.py', 'def add(a, b):\n    return a + b\n');
    await wb.page.keyboard.press('Control+A');
    const before = completions(wb.mock).length;
    await runCommand(wb.page, 'GLM: Explain Selection');
    await eventually(() => completions(wb.mock).length > before, 'the explain request');
    const sent = completions(wb.mock).at(-1)!;
    assert.match(sent.question, /^Explain the selected code from mathutil\.py/);
    assert.match(sent.question, /def add\(a, b\):/);
    await chat().locator('.turn-user-text .chip', { hasText: 'mathutil.py:1-2' }).last().waitFor({ timeout: 15_000 });
    await waitIdle(wb.page);
    const body = lastAnswer(wb.page).locator('.turn-body');
    assert.match(await body.locator('h2').innerText(), /Explain the selected code from mathutil\.py/);
    assert.match(await body.locator('pre code.language-python').innerText(), /def add\(a, b\):/);
  });
});
