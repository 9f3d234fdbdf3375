import assert from 'node:assert/strict';
import { uiStringsEn } from '../../../src/shared/protocol';
import { markBlankAnswer, needsSanitizer } from '../../../src/webview/markdown';
import { engine, sanitize, window } from './markdownEnv';

/** Parses HTML the way the webview does and returns the document fragment for inspection. */
function parse(html: string): DocumentFragment {
  const template = window.document.createElement('template');
  template.innerHTML = html;
  return template.content;
}

function assertInert(html: string): void {
  const root = parse(html);
  assert.equal(root.querySelectorAll('script, style, iframe, object, embed, form, button, input, svg, math, base, meta, link').length, 0, html);
  for (const el of root.querySelectorAll('*')) {
    for (const attr of el.getAttributeNames()) {
      assert.ok(!/^on/i.test(attr), `event handler ${attr} kept in ${html}`);
      assert.ok(!['style', 'id', 'name', 'tabindex', 'srcset', 'formaction'].includes(attr), `${attr} kept in ${html}`);
      assert.ok(!/^data-/.test(attr), `${attr} kept in ${html}`);
    }
    for (const attr of ['href', 'src']) {
      const value = el.getAttribute(attr);
      if (value !== null) assert.ok(!/^\s*(javascript|vbscript|command|data:text\/html)/i.test(value), `${attr}=${value}`);
    }
  }
}

describe('sanitizer', () => {
  it('strips script, event handlers and javascript: URLs from raw HTML', () => {
    const out = sanitize('<p>a<script>alert(1)</script><img src=x onerror="alert(1)"><a href="javascript:alert(1)" onclick="x()">l</a></p>');
    assertInert(out);
    assert.match(out, /<img>/, 'an image without a data: source loses its src');
    assert.match(sanitize('<img src="data:image/png;base64,AAAA">'), /src="data:image\/png;base64,AAAA"/);
    assert.match(out, /<a class="link-removed" title="Link removed[^"]*">l<\/a>/);
  });

  it('strips forms, styles, frames, svg and our own control markers', () => {
    const out = sanitize('<form action="https://x"><input name="q"><button data-code-action="apply">go</button></form>' +
      '<style>body{display:none}</style><iframe src="https://x"></iframe><svg><script>1</script></svg>' +
      '<div style="position:fixed" id="app" tabindex="1">d</div><meta http-equiv="refresh" content="0;url=https://x">');
    assertInert(out);
    assert.ok(!out.includes('data-code-action'));
    assert.match(out, /<div>d<\/div>/);
  });

  it('keeps ordinary markdown output and safe links', () => {
    const out = sanitize('<h2>T</h2><p><a href="https://example.com" title="t">x</a> <a href="mailto:a@b.c">m</a> <a href="#f">f</a> <code>c</code></p>');
    assert.equal(out, '<h2>T</h2><p><a href="https://example.com" title="t">x</a> <a href="mailto:a@b.c">m</a> <a href="#f">f</a> <code>c</code></p>');
  });

  it('drops other URL schemes', () => {
    for (const href of ['vbscript:x', 'command:workbench.action.reloadWindow', 'data:text/html,<script>1</script>', ' javascript:x', 'jav&#x09;ascript:x']) {
      const out = sanitize(`<a href="${href}">x</a>`);
      assert.equal(out, `<a class="link-removed" title="${uiStringsEn.linkRemoved}">x</a>`, href);
    }
  });

  it('turns a link whose target was removed into plain text with a tooltip, and leaves real links alone', () => {
    const root = parse(engine.render('[run](command:workbench.action.reloadWindow) [ok](https://example.com) [x](javascript:alert(1))'));
    const removed = [...root.querySelectorAll('a.link-removed')];
    assert.deepEqual(removed.map((a) => [a.textContent, a.hasAttribute('href'), a.getAttribute('title')]),
      [['run', false, uiStringsEn.linkRemoved], ['x', false, uiStringsEn.linkRemoved]]);
    const kept = root.querySelector('a[href]');
    assert.equal(kept?.getAttribute('href'), 'https://example.com');
    assert.ok(!kept?.classList.contains('link-removed'));
  });

  it('an answer that sanitizes to nothing says so instead of rendering blank', () => {
    const root = window.document.createElement('div');
    const blank = '<script>alert(1)</script>\n\n<iframe src="https://x"></iframe>\n\n<form><input></form>';
    root.innerHTML = engine.render(blank);
    markBlankAnswer(root as unknown as HTMLElement, blank);
    assert.equal(root.querySelector('.answer-blank')?.textContent, uiStringsEn.answerBlank);
    markBlankAnswer(root as unknown as HTMLElement, blank);
    assert.equal(root.querySelectorAll('.answer-blank').length, 1, 'marking twice adds one note');
    for (const shown of ['plain words', '![i](data:image/png;base64,AAAA)', '```\n\n```', '---']) {
      const ok = window.document.createElement('div');
      ok.innerHTML = engine.render(shown);
      markBlankAnswer(ok as unknown as HTMLElement, shown);
      assert.equal(ok.querySelector('.answer-blank'), null, shown);
    }
    const empty = window.document.createElement('div');
    markBlankAnswer(empty as unknown as HTMLElement, '  ');
    assert.equal(empty.childElementCount, 0, 'an empty answer (e.g. an error before any text) gets no note');
  });

  it('renders a hostile markdown answer inert', () => {
    const md = [
      '<img src=x onerror="alert(1)">', '<script>alert(2)</script>', '[click](javascript:alert(3))',
      '<a href="javascript:alert(4)">raw</a>', '![i](javascript:alert(5))', '<details open ontoggle="alert(6)">d</details>',
      '[ref]\n\n[ref]: javascript:alert(7)', '<iframe srcdoc="<script>alert(8)</script>"></iframe>',
      '```html\n<script>alert(9)</script></code></pre><img src=x onerror=alert(10)>\n```',
      '```"><img src=x onerror=alert(11)>\ncode\n```',
    ].join('\n\n');
    const html = engine.render(md);
    assertInert(html);
    const codes = parse(html).querySelectorAll('pre > code');
    assert.equal(codes.length, 2);
    assert.match(codes[0].textContent ?? '', /^<script>alert\(9\)<\/script><\/code><\/pre><img src=x onerror=alert\(10\)>/, 'code is shown as text');
    assert.equal(codes[1].getAttribute('class'), 'language-"><img');
  });

  it('skips the sanitizer only for blocks of plain markdown constructs, and the result is the same', () => {
    const lex = (md: string) => engine.lex(md, Object.create(null)).filter((t) => t.type !== 'space');
    for (const plain of ['# T *e* **s** `c` ~~d~~', '- a\n- b\n\n1. x', '> q\n> `<b>`', '| a | b |\n|:-|-:|\n| 1 < 2 | "x" |', 'a  \nb \\* & \'q\'', '---']) {
      const [token] = lex(plain);
      assert.equal(needsSanitizer(token), false, plain);
      const direct = parse(engine.renderBlock(token)).cloneNode(true) as DocumentFragment;
      const purified = parse(sanitize(engine.renderBlock(token)));
      assert.equal(serialize(direct), serialize(purified), plain);
    }
    for (const risky of ['a <b onclick=x>b</b>', '<div>x</div>', '[l](javascript:x)', 'see https://x.y', '![i](x.png)', '- [ ] task', '| a |\n|-|\n| [l](u) |', '> - <i>x</i>']) {
      assert.equal(needsSanitizer(lex(risky)[0]), true, risky);
    }
  });
});

function serialize(fragment: DocumentFragment): string {
  const div = window.document.createElement('div');
  div.append(fragment);
  return div.innerHTML;
}
