// highlight.js core with the languages a coding chat meets most; the full bundle would triple the webview.
// Unknown languages are escaped, never auto-detected (detection runs every grammar: too slow per frame).
// Its own bundle (dist/highlight.js, entry highlightMain.ts), loaded when the first code block comes on
// screen (lazyHighlight.ts): the chat's first paint never waits for it.
import hljs from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import c from 'highlight.js/lib/languages/c';
import cpp from 'highlight.js/lib/languages/cpp';
import csharp from 'highlight.js/lib/languages/csharp';
import css from 'highlight.js/lib/languages/css';
import diff from 'highlight.js/lib/languages/diff';
import go from 'highlight.js/lib/languages/go';
import java from 'highlight.js/lib/languages/java';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import kotlin from 'highlight.js/lib/languages/kotlin';
import markdown from 'highlight.js/lib/languages/markdown';
import php from 'highlight.js/lib/languages/php';
import plaintext from 'highlight.js/lib/languages/plaintext';
import python from 'highlight.js/lib/languages/python';
import ruby from 'highlight.js/lib/languages/ruby';
import rust from 'highlight.js/lib/languages/rust';
import shell from 'highlight.js/lib/languages/shell';
import sql from 'highlight.js/lib/languages/sql';
import swift from 'highlight.js/lib/languages/swift';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';
import { escapeHtml } from '../shared/escape';

const languages = {
  bash, c, cpp, csharp, css, diff, go, java, javascript, json, kotlin, markdown, php, plaintext, python, ruby,
  rust, shell, sql, swift, typescript, xml, yaml,
};
for (const [name, language] of Object.entries(languages)) hljs.registerLanguage(name, language);


/** Highlighted HTML of `code` (escaped), and the language name when it is known. */
export function highlightCode(code: string, lang: string): { html: string; language?: string } {
  if (!lang || !hljs.getLanguage(lang)) return { html: escapeHtml(code) };
  return { html: hljs.highlight(code, { language: lang, ignoreIllegals: true }).value, language: lang.toLowerCase() };
}
