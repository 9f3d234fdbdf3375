// What a new user sees in the chat on the first day: the welcome with its setup steps, Copy's feedback, code
// blocks under light, dark and high-contrast themes, links the sanitizer removed, answers that sanitize to
// nothing, and the composer in a 200 px sidebar. Also takes the README screenshots (chat and refactor diff, light
// and dark).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { uiStringsEn } from '../../src/shared/protocol';
import { askAndWait, chatFrame, lastAnswer, newChat, openChat } from '../support/chatPanel';
import { useWorkbench } from '../support/e2eWorkbench';
import { quickOpen } from '../support/editorView';
import { repoRoot } from '../support/paths';
import { captureReadmeShot, setTheme, type ThemeId } from '../support/readmeScreenshots';
import { activityIcon, answerInputBox, clearNotifications, extensionWebview, runCommand, waitForNotification } from '../support/workbench';

const nls: Record<string, string> = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.nls.json'), 'utf8'));
const GREET = [
  'export function greet(n: string): string {',
  '  const t = n.trim();',
  '  return `Hello, ${t}!`;',
  '}',
  '',
];
const README_QUESTION = 'How do I count words in a Python file?';
const CODE_ANSWER = '[[mock:echo]] Use `let` for a binding you reassign:\n\n```js\nlet total = 0;\nfor (const n of [1, 2, 3]) total += n;\nconsole.log(total);\n```';

suite('e2e: chat polish', () => {
  // `custom` has no built-in token: the welcome starts at step one, as for a new user.
  const wb = useWorkbench({ 'glm.preset': 'custom', 'glm.maxRetries': 0 });
  const chat = () => extensionWebview(wb.page);

  test('an empty chat welcomes with the three setup steps; they work, and the welcome goes with the first answer', async function () {
    this.timeout(480_000);
    await activityIcon(wb.page, 'GLM').waitFor({ timeout: 180_000 });   // the extension may start slowly
    await activityIcon(wb.page, 'GLM').click();
    const welcome = chat().locator('.welcome');
    await welcome.locator('.welcome-steps').waitFor({ timeout: 120_000 });
    assert.deepEqual(await welcome.locator('button').allInnerTexts(),
      [uiStringsEn.setToken, uiStringsEn.choosePreset, uiStringsEn.testConnection, uiStringsEn.openWalkthrough]);
    assert.ok((await welcome.innerText()).includes('Shift'), 'the shortcuts are listed');
    assert.equal(await welcome.locator('.welcome-step.done').count(), 0);

    await welcome.getByRole('button', { name: uiStringsEn.setToken }).click();
    await answerInputBox(wb.page, wb.mock.token, { password: true });
    await welcome.locator('.welcome-step.done', { hasText: uiStringsEn.welcomeTokenSet }).waitFor({ timeout: 15_000 });
    await clearNotifications(wb.page);
    await welcome.getByRole('button', { name: uiStringsEn.testConnection }).click();
    await waitForNotification(wb.page, /Connected to/);

    await welcome.getByRole('button', { name: uiStringsEn.choosePreset }).click();
    await wb.page.locator('.settings-editor .setting-item-contents', { hasText: 'Glm: Preset' }).first().waitFor({ timeout: 60_000 });
    // Settings open as a modal editor over the workbench: it must be gone before the chat can be clicked again.
    await runCommand(wb.page, 'View: Close All Editors');
    await wb.page.locator('.monaco-modal-editor-block').waitFor({ state: 'hidden', timeout: 15_000 });

    await welcome.getByRole('button', { name: uiStringsEn.openWalkthrough }).click();
    const walkthrough = wb.page.locator('.gettingStartedContainer');
    await walkthrough.getByText('Get started with GLM Code Assistant').first().waitFor({ timeout: 20_000 });
    for (const step of ['Set your API token', 'Pick the endpoint', 'Test the connection', 'Ask about your code']) {
      assert.equal(await walkthrough.getByText(step, { exact: true }).count() > 0, true, step);
    }
    await runCommand(wb.page, 'View: Close All Editors');

    await askAndWait(wb.page, 'What is a closure?');
    assert.equal(await welcome.isVisible(), false, 'no welcome above the first answer');
    await newChat(wb.page);
    await welcome.locator('.welcome-lead').waitFor();
    assert.equal(await welcome.locator('.welcome-lead').innerText(), uiStringsEn.emptyChat);
    assert.equal(await welcome.locator('.welcome-steps').count(), 0, 'after a first answer: the short hint and the shortcuts only');
  });

  /** The last answer, one with inline code and a fenced block (asked for when it is not there yet). */
  const codeAnswer = async () => {
    await openChat(wb.page);
    const last = lastAnswer(wb.page);
    if (await last.locator('pre code .hljs-keyword').count() > 0 && await last.locator(':not(pre) > code').count() > 0) return last;
    return askAndWait(wb.page, CODE_ANSWER);
  };

  /** A chat as a person would have it, for the README picture (asked once, shown again for the second theme). */
  const readmeChat = async () => {
    const question = chat().locator('.turn-user .turn-user-text', { hasText: README_QUESTION });
    if (await question.count() === 0) {
      await newChat(wb.page);
      await askAndWait(wb.page, README_QUESTION);
    }
  };

  test('Copy says "Copied" on the button for a moment and announces it', async () => {
    const answer = await codeAnswer();
    const copy = answer.locator('pre [data-code-action="copy"]');
    await answer.locator('pre').hover();
    await copy.click();
    assert.equal(await copy.innerText(), uiStringsEn.copied);
    assert.equal(await copy.getAttribute('aria-label'), uiStringsEn.copied);
    await chat().locator('[role="status"][aria-live="polite"]', { hasText: uiStringsEn.copied }).waitFor({ timeout: 2000 });
    await chat().locator(`pre [data-code-action="copy"][aria-label="${uiStringsEn.copy}"]`).last().waitFor({ timeout: 4000 });
    assert.equal(await copy.innerText(), '', 'back to the icon');
  });

  for (const theme of ['light', 'dark', 'hcDark', 'hcLight'] as ThemeId[]) {
    test(`under ${theme}, fenced code keeps none of the inline-code look`, async () => {
      await setTheme(wb.page, theme);
      await codeAnswer();
      const styles = await codeStyles(wb.page);
      assert.equal(styles.block.background, TRANSPARENT, 'no background on the block\'s <code> (banded lines)');
      assert.equal(styles.block.display, 'block');
      assert.equal(styles.block.color, styles.pre, 'plain tokens in the block\'s text colour, not the inline-code colour');
      assert.equal(styles.keywordBackground, TRANSPARENT);
      assert.equal(styles.inline.color, styles.preformat, 'inline code keeps its own colour');
      if (theme === 'light' || theme === 'dark') {
        assert.notEqual(styles.inline.background, TRANSPARENT, 'inline code keeps its background');
        assert.notEqual(styles.block.color, styles.inline.color, 'the two looks differ');
        await readmeChat();
        await captureReadmeShot(wb.page, 'chat', theme);
      }
    });
  }

  test('a link whose target the sanitizer removed reads as text; an answer of removed content says so', async () => {
    await openChat(wb.page);
    const answer = await askAndWait(wb.page, '[[mock:echo]] Read [the docs](https://example.com/docs) or [reload](command:workbench.action.reloadWindow).');
    const removed = answer.locator('a.link-removed');
    assert.equal(await removed.innerText(), 'reload');
    assert.equal(await removed.getAttribute('href'), null);
    assert.equal(await removed.getAttribute('title'), uiStringsEn.linkRemoved);
    await chatDocument(wb.page);
    const look = await answer.locator('p').evaluate((p) => {
      const style = (sel: string) => getComputedStyle(p.querySelector(sel)!);
      return { text: getComputedStyle(p).color, removed: style('a.link-removed').color, removedCursor: style('a.link-removed').cursor, link: style('a[href]').color };
    });
    assert.equal(look.removed, look.text, 'the removed link has the text colour');
    assert.notEqual(look.removedCursor, 'pointer');
    assert.notEqual(look.link, look.text, 'a real link still looks like one');

    const blank = await askAndWait(wb.page, '[[mock:echo]] <script>alert(1)</script>\n\n<iframe src="https://example.com"></iframe>');
    assert.equal(await blank.locator('.turn-body').innerText(), uiStringsEn.answerBlank);
  });

  test('README screenshots: a refactor proposal as a diff with its title-bar buttons, light and dark', async function () {
    this.timeout(300_000);
    fs.writeFileSync(path.join(wb.server.workspace, 'greet.ts'), GREET.join('\n'));
    await quickOpen(wb.page, 'greet.ts');
    await wb.page.keyboard.press('Control+A');
    await runCommand(wb.page, `GLM: ${nls['glm.refactorSelection']}`);
    const picker = wb.page.locator('.quick-input-widget', { hasText: 'Refactor with GLM' });
    await picker.waitFor({ timeout: 15_000 });
    await picker.locator('.quick-input-box input').fill('Use clearer names');
    await picker.locator('.monaco-list-row', { hasText: 'your instruction' }).waitFor({ timeout: 10_000 });
    await picker.locator('.quick-input-box input').press('Enter');
    await wb.page.locator('.part.editor .editor-group-container.active .monaco-diff-editor').waitFor({ timeout: 15_000 });
    await waitForNotification(wb.page, /GLM proposes/);
    await clearNotifications(wb.page);
    for (const theme of ['light', 'dark'] as const) {
      await setTheme(wb.page, theme);
      await captureReadmeShot(wb.page, 'refactor', theme);
    }
    const title = wb.page.locator('.part.editor .editor-group-container.active .title');
    await title.getByRole('button', { name: new RegExp(`^${nls['glm.rejectProposal']}`) }).click();
    await runCommand(wb.page, 'View: Close All Editors');
  });

  for (const width of [200, 220]) {
    test(`at ${width} px the composer fits: Send on screen, selects whole, placeholder in two lines without a scrollbar`, async () => {
      await openChat(wb.page);
      await setSidebarWidth(wb.page, width);
      const m = await composerMetrics(wb.page);
      assert.ok(Math.abs(m.viewport - width) <= 12, `the chat is ${m.viewport} px wide`);
      assert.ok(m.send.left >= 0 && m.send.right <= m.viewport, `Send at ${m.send.left}-${m.send.right} of ${m.viewport}`);
      for (const s of m.selects) assert.ok(s.width + 1 >= s.needed, `${s.name}: ${s.width} px shown of ${s.needed} px needed`);
      for (const r of m.toolbar) assert.ok(r.right <= m.viewport + 0.5, `a composer control ends at ${r.right}`);
      assert.ok(m.placeholderLines <= 2, `placeholder on ${m.placeholderLines} lines`);
      assert.ok(!m.promptScrollbar, 'no scrollbar in the empty input');
      if (m.title.text) assert.ok(m.title.width >= m.viewport - 24, `the title has ${m.title.width} px`);
    });
  }
});

const TRANSPARENT = 'rgba(0, 0, 0, 0)';

/**
 * The chat frame, ready for `evaluate` with functions compiled by tsx: esbuild names inner functions with a
 * `__name` helper that exists only in node, so the page gets a no-op one.
 */
async function chatDocument(page: Page): Promise<Frame> {
  const frame = await chatFrame(page);
  await frame.evaluate('globalThis.__name ??= (f) => f');
  return frame;
}

/** Computed styles of the last answer's fenced block, a keyword in it, and its inline code. */
async function codeStyles(page: Page) {
  await lastAnswer(page).locator('pre code .hljs-keyword').first().waitFor();
  const frame = await chatDocument(page);
  return frame.evaluate(() => {
    const answer = [...document.querySelectorAll('.turn-assistant')].at(-1)!;
    const pre = answer.querySelector('pre')!;
    const block = getComputedStyle(pre.querySelector(':scope > code')!);
    const inline = getComputedStyle(answer.querySelector(':not(pre) > code')!);
    const probe = document.createElement('span');
    probe.style.color = 'var(--vscode-textPreformat-foreground)';
    document.body.append(probe);
    const preformat = getComputedStyle(probe).color;
    probe.remove();
    return {
      pre: getComputedStyle(pre).color,
      block: { color: block.color, background: block.backgroundColor, display: block.display },
      keywordBackground: getComputedStyle(pre.querySelector('.hljs-keyword')!).backgroundColor,
      inline: { color: inline.color, background: inline.backgroundColor },
      preformat,
    };
  });
}

/** Drags the sash right of the primary side bar until the side bar is `width` px wide. */
async function setSidebarWidth(page: Page, width: number): Promise<void> {
  const sidebar = page.locator('.part.sidebar');
  for (let attempt = 0; attempt < 3; attempt++) {
    const box = (await sidebar.boundingBox())!;
    if (Math.abs(box.width - width) <= 2) break;
    const y = box.y + box.height / 2;
    await page.mouse.move(box.x + box.width, y);
    await page.mouse.down();
    await page.mouse.move(box.x + width, y, { steps: 8 });
    await page.mouse.up();
    await page.waitForTimeout(300);
  }
  await page.waitForTimeout(500);
}

/** Bounding boxes in the chat webview, measured as a person would see them. */
async function composerMetrics(page: Page) {
  const frame = await chatDocument(page);
  return frame.evaluate(() => {
    const viewport = document.documentElement.clientWidth;
    const hidden = (el: HTMLElement): HTMLElement => {
      el.style.position = 'absolute';
      el.style.visibility = 'hidden';
      document.body.append(el);
      return el;
    };
    const selects = [...document.querySelectorAll<HTMLSelectElement>('.model-select, .thinking-select')].map((select) => {
      const probe = hidden(select.cloneNode(true) as HTMLSelectElement);
      probe.style.width = 'auto';
      probe.style.maxWidth = 'none';
      const needed = probe.getBoundingClientRect().width;
      probe.remove();
      return { name: select.className, width: select.getBoundingClientRect().width, needed };
    });
    const prompt = document.querySelector<HTMLTextAreaElement>('.prompt')!;
    prompt.value = '';
    prompt.dispatchEvent(new Event('input'));
    const cs = getComputedStyle(prompt);
    const lines = (text: string): number => {
      const probe = hidden(document.createElement('div'));
      probe.style.font = cs.font;
      probe.style.whiteSpace = 'pre-wrap';
      probe.style.overflowWrap = 'break-word';
      probe.style.width = `${prompt.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight)}px`;
      probe.textContent = 'x';
      const one = probe.getBoundingClientRect().height;
      probe.textContent = text;
      const all = probe.getBoundingClientRect().height;
      probe.remove();
      return Math.round(all / one);
    };
    const title = document.querySelector<HTMLElement>('.chat-title-bar')!;
    const send = document.querySelector('.send')!.getBoundingClientRect();
    return {
      viewport,
      send: { left: send.left, right: send.right },
      selects,
      toolbar: [...document.querySelectorAll('.composer-toolbar *')].map((el) => ({ right: el.getBoundingClientRect().right })),
      placeholderLines: lines(prompt.placeholder),
      promptScrollbar: prompt.scrollHeight > prompt.clientHeight + 1 || prompt.offsetWidth - prompt.clientWidth > 2,
      title: { text: title.textContent ?? '', width: title.getBoundingClientRect().width },
    };
  });
}
