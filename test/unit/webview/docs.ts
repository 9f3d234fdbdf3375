// Markdown documents that stress block boundaries while they stream in.
export const trickyDocs: Record<string, string> = {
  lists: '# Plan\n\n- one\n- two\n\n- three (now loose)\n  continued lazily\nlazy line\n\n1. first\n2. second\n\n   indented para\n\n3) other delimiter\n\n* star\n+ plus\n\nafter\n- [ ] task\n- [x] done\n',
  fences: 'Intro:\n```ts\nconst a = 1;\n\n\nconst b = 2;\n```\nBetween\n\n~~~\ntilde\n\n```\nnot closing\n~~~\n\n````md\n```js\ninner\n```\n````\n\n```py\nopen at end\n\nstill code',
  tables: 'Text before\n\n| a | b |\n|---|:-:|\n| 1 | 2 |\n| 3 | 4 |\nrow without pipes\n\n| x |\n| - |\n\npara\n| h1 | h2 |\n| -- | -- |\n| c | d |\n',
  quotes: '> quote\nlazy\n> > nested\n> > more\n> back\n\n> second\n\n>> deep\n> > > deeper\n\nend\n> - list in quote\n> - two\n',
  setext: 'Title\n=====\n\nSub\n---\n\npara\nline two\n---\n\n---\n\nnot heading\n\n===\nx\n-',
  refs: 'See [the docs] and [x][y] and ![img][pic].\n\nAlso [later].\n\n- [in list]\n\n[the docs]: https://example.com/docs "Docs"\n[y]: https://y.example\n[pic]: https://img.example/p.png\n\n[later]:\nhttps://late.example\n\'title\nacross lines\'\n\n[unused]: <https://u.example>',
  html: '<div>\nraw *html*\n\n**md after**\n</div>\n\n<script>alert(1)</script>\n\n<img src=x onerror="alert(1)">\n\n[js](javascript:alert(1)) <b>bold\n\n<!-- comment\n\nstill comment -->\n\n<pre>\n\npre\n</pre>\ntext <span onclick="x()">s</span>\n',
  mixed: '## Code\n\n    indented code\n\n    more indented\n\n1. step\n\n   ```bash\n   npm i\n\n   npm test\n   ```\n2. next\n\n---\n***\n___\n\nA | B\n--|--\n1 | 2\n\nTrailing  \nbreak and `code` and **bold _nested_** ~~del~~ https://auto.link\n\\# escaped\n\n# ATX #\n#not heading\n',
  // Found by fuzzing: a line that looks like a table header or a list item ends the paragraph above only
  // if the line after it agrees.
  lookahead: 'para text\n<span>x</span>\n|---|-\n\n"title"\n|---|---|\nrow\n\n&amp;\n2) two\n- it\n\nlazy *em\n1. one\n',
  crlf: 'Line one\r\n\r\n- a\r\n- b\r\n\r\n```\r\ncode\r\n```\r\n',
};
