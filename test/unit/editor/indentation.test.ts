import * as assert from 'node:assert/strict';
import { detectIndentation, fitIndentation } from '../../../src/editor/indentation';

const FOUR = { useTabs: false, size: 4 };
const TWO = { useTabs: false, size: 2 };
const TABS = { useTabs: true, size: 4 };

describe('indentation', () => {
  it('detects tabs, two and four spaces, and falls back when the text cannot tell', () => {
    assert.deepEqual(detectIndentation('if (a) {\n\tb();\n\tif (c) {\n\t\td();\n\t}\n}', FOUR), { useTabs: true, size: 4 });
    assert.deepEqual(detectIndentation('if (a) {\n  b();\n  if (c) {\n    d();\n  }\n}', FOUR), TWO);
    assert.deepEqual(detectIndentation('def f():\n    if x:\n        y()\n    z()', TWO), FOUR);
    assert.deepEqual(detectIndentation('a();\nb();', TABS), TABS);
  });

  it('re-bases code written at column 0 onto the target line', () => {
    const code = 'if (a) {\n    b();\n}';
    assert.equal(fitIndentation(code, { baseIndent: '    ', style: FOUR }), '    if (a) {\n        b();\n    }');
  });

  it('re-bases code written deeper than the target', () => {
    const code = '        x = 1\n        if x:\n            y()';
    assert.equal(fitIndentation(code, { baseIndent: '  ', style: FOUR }), '  x = 1\n  if x:\n      y()');
  });

  it('converts two-space code to the tabs of the document', () => {
    const code = 'if (a) {\n  b();\n  if (c) {\n    d();\n  }\n}';
    assert.equal(fitIndentation(code, { baseIndent: '\t', style: TABS }), '\tif (a) {\n\t\tb();\n\t\tif (c) {\n\t\t\td();\n\t\t}\n\t}');
  });

  it('converts tab code to four spaces and keeps alignment spaces beyond whole levels', () => {
    const code = 'f(a,\n\t b);\n\tg();';
    assert.equal(fitIndentation(code, { baseIndent: '', style: FOUR }), 'f(a,\n     b);\n    g();');
  });

  it('empties blank lines instead of indenting them', () => {
    assert.equal(fitIndentation('a\n   \nb', { baseIndent: '  ', style: TWO }), '  a\n\n  b');
  });

  it('leaves the first line bare when the code starts mid-line, other lines keep their depth', () => {
    const code = 'foo({\n    a: 1,\n  })';
    assert.equal(fitIndentation(code, { baseIndent: '  ', style: TWO, firstLineIndented: true }), 'foo({\n    a: 1,\n  })');
  });
});
