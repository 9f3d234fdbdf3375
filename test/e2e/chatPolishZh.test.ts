// The workbench in Simplified Chinese: the chat is Chinese from its first paint (placeholder, Thinking options,
// welcome), a command title in the palette and an error message too. code-server shows a display language only
// with a language pack installed, so the suite packages a minimal one (test/e2e/fixtures/zh-cn-language-pack).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createVSIX } from '@vscode/vsce';
import { ask, chatFrame } from '../support/chatPanel';
import { onCleanup } from '../support/cleanup';
import { useWorkbench } from '../support/e2eWorkbench';
import { repoRoot } from '../support/paths';
import { activityIcon, clearNotifications, extensionWebview, runCommand, waitForNotification } from '../support/workbench';

const readJson = (file: string): Record<string, string> => JSON.parse(fs.readFileSync(path.join(repoRoot, file), 'utf8'));
const nlsZh = readJson('package.nls.zh-cn.json');
const bundleZh = readJson('l10n/bundle.l10n.zh-cn.json');
const zh = (english: string): string => {
  assert.ok(bundleZh[english], `no zh-CN entry for "${english}"`);
  return bundleZh[english];
};

/** Packages the fixture language pack into a temporary VSIX. */
async function languagePack(): Promise<string[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'glm-zh-pack-'));
  onCleanup(() => fs.rmSync(dir, { recursive: true, force: true }));
  const vsix = path.join(dir, 'zh-cn-language-pack.vsix');
  await createVSIX({ cwd: path.join(repoRoot, 'test/e2e/fixtures/zh-cn-language-pack'), packagePath: vsix, dependencies: false, skipLicense: true });
  return [vsix];
}

suite('e2e: chat in zh-CN', () => {
  // `custom` without a token: the welcome starts at step one and a question fails with a (Chinese) error.
  const wb = useWorkbench({ 'glm.preset': 'custom', 'glm.maxRetries': 0 }, { locale: 'zh-cn', languagePacks: languagePack });
  const chat = () => extensionWebview(wb.page);

  test('the chat is Chinese at first paint: placeholder, Thinking options, send button and welcome', async function () {
    this.timeout(360_000);
    await activityIcon(wb.page, nlsZh['glm.viewContainer.title']).waitFor({ timeout: 180_000 });   // a slow extension host
    await activityIcon(wb.page, nlsZh['glm.viewContainer.title']).click();
    const prompt = chat().locator('.prompt');
    await prompt.waitFor({ timeout: 120_000 });
    // The strings come with the page itself (the Thinking options are built once, before any host message).
    const frame = await chatFrame(wb.page);
    const page = await frame.evaluate(() => ({ lang: document.documentElement.lang, block: document.getElementById('glm-strings')?.textContent ?? '' }));
    assert.equal(page.lang, 'zh-cn');
    assert.ok(page.block.includes(zh('Thinking: model default')), 'the localized strings are in the page');
    assert.equal(await prompt.getAttribute('placeholder'), zh('Ask GLM… (@ adds a file)'));
    assert.deepEqual(await chat().locator('.thinking-select option').allInnerTexts(),
      [zh('Thinking: model default'), zh('Thinking: on'), zh('Thinking: off')]);
    assert.equal(await chat().locator('.send').getAttribute('aria-label'), zh('Send'));
    assert.equal(await chat().locator('.welcome-title').innerText(), zh('Welcome to GLM Code Assistant'));
    assert.deepEqual(await chat().locator('.welcome-steps button').allInnerTexts(),
      [zh('Set API Token'), zh('Choose Endpoint'), zh('Test Connection')]);
  });

  test('a command title in the palette and its error notification are Chinese', async () => {
    const title = `GLM: ${nlsZh['glm.testConnection']}`;
    assert.match(title, /[\u4e00-\u9fff]/);
    await runCommand(wb.page, title);   // found in the palette under its Chinese title
    const shown = await waitForNotification(wb.page, /[\u4e00-\u9fff]{4}/);
    assert.doesNotMatch(shown, /\b(?:token|failed|cannot)\b/i, shown);
  });

  test('an error message in the chat is Chinese', async () => {
    await clearNotifications(wb.page);
    await ask(wb.page, '什么是闭包？');
    const error = chat().locator('.turn-error').last();
    await error.waitFor({ timeout: 30_000 });
    const text = await error.innerText();
    assert.match(text, /[\u4e00-\u9fff]{4}/, text);
    assert.ok(text.includes(zh('Set API Token')), text);
  });
});
