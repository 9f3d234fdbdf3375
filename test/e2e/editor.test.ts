// A person's view of the editor commands: select code with the keyboard, run Explain from the editor's
// context menu and read the chat; generate code at the cursor from the palette and watch it stream in (one
// undo step, also when auto-save saves mid-stream); refactor through the diff view; stop a generation with Escape.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { pressInEditor, quickOpen, runFromContextMenu, waitForLines } from '../support/editorView';
import { useWorkbench } from '../support/e2eWorkbench';
import { repoRoot } from '../support/paths';
import { answerInputBox, clearNotifications, extensionWebview, runCommand, waitForNotification } from '../support/workbench';

const nls: Record<string, string> = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.nls.json'), 'utf8'));
const GREET = [
  '// Greeting helpers.',
  'export function greet(name: string): string {',
  '  const trimmed = name.trim();',
  '  return `Hello, ${trimmed}!`;',
  '}',
  '',
  'export const shout = (text: string): string => text.toUpperCase();',
];
const SHOUT = ['export function shout(text: string): string {', '  const loud = text.toUpperCase();', "  return loud + '!';", '}', ''];
const VALUES = [...Array.from({ length: 12 }, (_, i) => `const value${i} = ${i};`), ''];
const TOTAL = ['let total = 0;', 'for (const n of [1, 2, 3]) total += n;', ''];
const AREA = ['export function area(width: number, height: number): number {', '  return width * height;', '}', ''];

suite('e2e: GLM editor commands', () => {
  const wb = useWorkbench();

  const writeFile = (name: string, lines: string[]): void => fs.writeFileSync(path.join(wb.server.workspace, name), lines.join('\n'));
  const completions = () => wb.mock.requests.filter((r) => r.path.endsWith('/chat/completions'));
  const lastUserText = (): string => {
    const messages: Array<{ role: string; content: string }> = completions().at(-1)?.body.messages ?? [];
    return messages.filter((m) => m.role === 'user').at(-1)?.content ?? '';
  };

  suiteSetup(async () => {
    await runCommand(wb.page, 'GLM: Set API Token');
    await answerInputBox(wb.page, wb.mock.token, { password: true });
    await waitForNotification(wb.page, /API token saved/);
    await clearNotifications(wb.page);
  });

  test('Explain Selection from the context menu streams an explanation into the chat', async () => {
    writeFile('greet.ts', GREET);
    await quickOpen(wb.page, 'greet.ts');
    await selectLines(wb.page, 2, 5);
    await runFromContextMenu(wb.page, 'const trimmed', [nls['glm.editorSubmenu'], nls['glm.explainSelection']]);

    const chat = extensionWebview(wb.page);
    const question = chat.locator('.turn-user .turn-user-text').last();
    await question.waitFor({ timeout: 30_000 });
    // The turn shows a short chip for the long prompt; the chip's tooltip holds the prompt itself.
    assert.match(await question.innerText(), /greet\.ts:\d+-\d+/);
    assert.match(await question.locator('.chip').getAttribute('title') ?? '', /Explain the selected code from greet\.ts \(from line 2\)/);
    const answer = chat.locator('.turn-assistant .turn-body').last();
    // The mock's explanation ends with this line: the whole answer arrived and rendered.
    await answer.getByText('Let me know if you would like a version with unit tests!').waitFor({ timeout: 30_000 });
    const shown = await answer.innerText();
    assert.match(shown, /Explain the selected code from greet\.ts/);
    assert.ok(shown.includes('return `Hello, ${trimmed}!`;'), `the explanation quotes the selected code:\n${shown}`);
    assert.ok(!shown.includes('export const shout'), 'only the selection is explained');

    const prompt = lastUserText();
    assert.ok(prompt.includes(GREET.slice(1, 5).join('\n')), prompt);
    assert.match(prompt, /Code just after it:\n```typescript\n\nexport const shout/);
  });

  test('Generate Code at Cursor from the palette streams code into the editor, undone in one step', async () => {
    writeFile('area.ts', AREA);
    await quickOpen(wb.page, 'area.ts');
    await wb.page.keyboard.press('Control+End');
    await runCommand(wb.page, `GLM: ${nls['glm.generateCode']}`);
    await wb.page.locator('.quick-input-widget', { hasText: 'What should GLM write at the cursor?' }).waitFor({ timeout: 15_000 });
    // The mock answers with the code before the cursor, upper-cased, slowly enough to watch it arrive.
    await answerInputBox(wb.page, '[[mock:code transform=upper tps=4]] the perimeter too');

    const expected = [...AREA.slice(0, 3), ...AREA.slice(0, 3).map((l) => l.toUpperCase())];
    const partial = await waitForLines(wb.page, 'part of the generated code', (lines) => lines.some((l) => l.startsWith('EXPORT')));
    assert.notDeepEqual(partial.slice(0, 6), expected, 'the code shows while it streams, before it is complete');
    await waitForNotification(wb.page, /GLM: Generating code/, 5000);
    const done = await waitForLines(wb.page, 'the whole generated code', (lines) => lines.slice(0, 6).join('\n') === expected.join('\n'));
    assert.deepEqual(done.slice(6).filter((l) => l !== ''), [], 'nothing else was inserted');
    await wb.page.locator('.notification-list-item', { hasText: 'Generating code' }).waitFor({ state: 'hidden', timeout: 15_000 });
    assert.match(lastUserText(), /Instruction: .*the perimeter too\n/);

    await pressInEditor(wb.page, 'Control+Z');
    await waitForLines(wb.page, 'the original file after one undo', (lines) => lines.join('\n') === AREA.join('\n'), 10_000);
  });

  test('a slow generation that gets auto-saved while it streams is still undone in one step', async () => {
    writeFile('total.ts', TOTAL);
    await quickOpen(wb.page, 'total.ts');
    await wb.page.keyboard.press('Control+End');
    await runCommand(wb.page, `GLM: ${nls['glm.generateCode']}`);
    // Over a second between pieces: the web workbench's default auto-save (1 s after a change) saves in between.
    await answerInputBox(wb.page, '[[mock:code transform=upper tps=0.8]]');
    const expected = [...TOTAL.slice(0, 2), ...TOTAL.slice(0, 2).map((l) => l.toUpperCase())];
    const onDisk = (): string => fs.readFileSync(path.join(wb.server.workspace, 'total.ts'), 'utf8');
    await waitForLines(wb.page, 'part of the generated code', (lines) => lines.some((l) => l.startsWith('LET TOTAL')));
    const deadline = Date.now() + 15_000;
    while (!onDisk().includes('LET TOTAL') && Date.now() < deadline) await wb.page.waitForTimeout(200);
    assert.notEqual(onDisk().split('\n').slice(0, 4).join('\n'), expected.join('\n'), 'saved before the generation ended');
    assert.ok(onDisk().includes('LET TOTAL'), 'auto-save wrote the partial code to disk');
    await waitForLines(wb.page, 'the whole generated code', (lines) => lines.slice(0, 4).join('\n') === expected.join('\n'), 40_000);
    await wb.page.locator('.notification-list-item', { hasText: 'Generating code' }).waitFor({ state: 'hidden', timeout: 15_000 });
    await pressInEditor(wb.page, 'Control+Z');
    await waitForLines(wb.page, 'the original file after one undo', (lines) => lines.join('\n') === TOTAL.join('\n'), 10_000);
  });

  test('Refactor Selection from the context menu shows a diff; Accept in the title bar applies it', async () => {
    writeFile('shout.ts', SHOUT);
    await quickOpen(wb.page, 'shout.ts');
    await selectLines(wb.page, 2, 3);
    await runFromContextMenu(wb.page, 'const loud', [nls['glm.editorSubmenu'], nls['glm.refactorSelection']]);
    const picker = wb.page.locator('.quick-input-widget', { hasText: 'Refactor with GLM' });
    await picker.waitFor({ timeout: 15_000 });
    const input = picker.locator('.quick-input-box input');
    await input.fill('[[mock:code transform=upper]]');
    await picker.locator('.monaco-list-row', { hasText: 'your instruction' }).waitFor({ timeout: 10_000 });
    await input.press('Enter');

    const diff = wb.page.locator('.part.editor .editor-group-container.active .monaco-diff-editor');
    await diff.waitFor({ timeout: 15_000 });
    await waitForNotification(wb.page, /GLM proposes 1 change to shout\.ts/);
    const proposed = await waitForLines(wb.page, 'the proposal', (lines) => lines.includes('  CONST LOUD = TEXT.TOUPPERCASE();'));
    assert.deepEqual(proposed.slice(0, 4), [SHOUT[0], '  CONST LOUD = TEXT.TOUPPERCASE();', "  RETURN LOUD + '!';", '}']);
    const title = wb.page.locator('.part.editor .editor-group-container.active .title');
    await title.getByRole('button', { name: new RegExp(`^${nls['glm.acceptProposal']}`) }).click();

    await diff.waitFor({ state: 'detached', timeout: 15_000 });
    await wb.page.locator('.part.editor .tab.active', { hasText: 'shout.ts' }).waitFor({ timeout: 10_000 });
    await waitForLines(wb.page, 'the accepted change in shout.ts', (lines) => lines.slice(0, 4).join('\n') === proposed.slice(0, 4).join('\n'));
    await pressInEditor(wb.page, 'Control+Z');
    await waitForLines(wb.page, 'the original after one undo', (lines) => lines.join('\n') === SHOUT.join('\n'), 10_000);
  });

  test('Escape stops a generation and asks whether to keep or remove the code that arrived', async () => {
    writeFile('values.ts', VALUES);
    await quickOpen(wb.page, 'values.ts');
    const generateSlowly = async (): Promise<void> => {
      await wb.page.keyboard.press('Control+A');
      await runCommand(wb.page, `GLM: ${nls['glm.generateCode']}`);
      await wb.page.locator('.quick-input-widget', { hasText: 'How should GLM rewrite the selection?' }).waitFor({ timeout: 15_000 });
      await answerInputBox(wb.page, '[[mock:code transform=upper tps=3]]');
      await waitForLines(wb.page, 'some generated code', (lines) => lines.some((l) => l.startsWith('CONST VALUE1 ')));
      await pressInEditor(wb.page, 'Escape');
    };
    const dialog = wb.page.locator('.monaco-dialog-box', { hasText: 'GLM stopped generating. Keep the code that arrived?' });

    await generateSlowly();
    await dialog.waitFor({ timeout: 10_000 });
    await dialog.getByRole('button', { name: 'Remove', exact: true }).click();
    await waitForLines(wb.page, 'the original code after Remove', (lines) => lines.join('\n') === VALUES.join('\n'), 10_000);
    assert.ok(completions().at(-1)?.clientClosed, 'Escape stopped the request');

    await generateSlowly();
    await dialog.waitFor({ timeout: 10_000 });
    // A person reads the question first; meanwhile the web workbench's auto-save (after 1 s) saves the file.
    await wb.page.waitForTimeout(2000);
    await dialog.getByRole('button', { name: 'Keep', exact: true }).click();
    await dialog.waitFor({ state: 'hidden', timeout: 10_000 });
    // Keep after a save rewrites the kept code as an undo step of its own (original first), so wait for it.
    const kept = await waitForLines(wb.page, 'the kept code', (lines) => lines[0] === 'CONST VALUE0 = 0;', 10_000);
    assert.ok(!kept.includes('CONST VALUE11 = 11;'), `it stopped before the end:\n${kept.join('\n')}`);
    await pressInEditor(wb.page, 'Control+Z');
    await waitForLines(wb.page, 'the original after one undo', (lines) => lines.join('\n') === VALUES.join('\n'), 10_000);
  });
});

/** Puts the cursor at the start of line `from` and extends the selection with Shift+Down to the end of line `to`. */
async function selectLines(page: Page, from: number, to: number): Promise<void> {
  await page.keyboard.press('Control+Home');
  for (let i = 1; i < from; i++) await page.keyboard.press('ArrowDown');
  for (let i = from; i <= to; i++) await page.keyboard.press('Shift+ArrowDown');
}
