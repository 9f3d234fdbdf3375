// The first markdown a page renders pays for compiling the parser's patterns, the sanitizer's first
// run and the code toolbar's template: cold, rendering a dozen short answers took 60-140 ms, one long
// task in the first frame of a stream or of a chat being opened. The panel does that once while it is
// idle after it is built (waiting for its chat), one construct per idle callback, so no piece of it is a
// long task either.
import { decorateCodeBlocks } from './codeToolbar';
import { fragmentFromHtml } from './dom';
import { whenIdle } from './idle';
import type { MarkdownEngine } from './markdown';

/** Small texts that together go through every block and inline rule a model's answer commonly uses. */
const SAMPLES = [
  '# Title\n\nSome *emphasis*, **strong**, ~~gone~~, `code`, a [link](https://example.com "t") and <https://example.com>.\n',
  '- one\n- two\n  - nested\n\n1. first\n2. second\n\n- [ ] task\n- [x] done\n',
  '> quoted **text**\n> more\n\nSetext\n======\n\n---\n',
  '```ts\nconst x = 1;\n```\n\n    indented code\n',
  '| a | b |\n|:--|--:|\n| `1` | *2* |\n',
  '<div>html</div>\n\nText with <b>inline</b> html, an ![image](data:image/png;base64,AA==) and a [ref].\n\n[ref]: https://example.com\n',
];

export function warmUp(engine: MarkdownEngine, samples: readonly string[] = SAMPLES): void {
  const [sample, ...rest] = samples;
  if (sample === undefined) return;
  whenIdle(() => {
    try {
      decorateCodeBlocks(fragmentFromHtml(engine.render(sample)));
    } catch {
      return;   // best effort: the first real answer then pays the cost, as it did before
    }
    warmUp(engine, rest);
  });
}
