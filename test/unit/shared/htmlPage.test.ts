// The page shell of our webviews: the policy comes first in <head>, and every value put into markup is escaped.
import assert from 'node:assert/strict';
import { htmlPage } from '../../../src/shared/htmlPage';

describe('htmlPage', () => {
  const page = htmlPage({ language: 'zh-cn', csp: "default-src 'none'", cssHref: 'https://x/a.css?b=1&c="2"', title: '<GLM> & "usage"', body: '<p>ok</p>' });

  it('puts the Content-Security-Policy before the stylesheet and anything else that loads', () => {
    assert.ok(page.indexOf('Content-Security-Policy') < page.indexOf('<link'));
    assert.match(page, /content="default-src 'none'"/);
  });

  it('escapes the title and attribute values, and keeps the body as given', () => {
    assert.match(page, /<title>&lt;GLM&gt; &amp; &quot;usage&quot;<\/title>/);
    assert.match(page, /href="https:\/\/x\/a\.css\?b=1&amp;c=&quot;2&quot;"/);
    assert.match(page, /<html lang="zh-cn">/);
    assert.match(page, /<body>\n<p>ok<\/p>\n<\/body>/);
  });
});
