// Synthetic model output for the rendering benchmark and the screenshot harness.

const prose = [
  'The **incremental renderer** keeps finished blocks and re-renders only the open tail, so the cost of a chunk does not grow with the answer.',
  'When a fence is still open, everything after it belongs to the code block; a blank line inside it must not split the block.',
  'Links such as [the docs](https://example.com/docs) open through the host, and `inline code` stays readable in every theme.',
  'Tables, nested quotes and lists close only when the next line says so, which is why the tail is lexed again on each frame.',
];
const langs = ['ts', 'python', 'bash', 'json', 'go'];

function codeBlock(i: number): string {
  const lang = langs[i % langs.length];
  const lines: string[] = [];
  for (let l = 0; l < 28; l++) {
    if (lang === 'python') lines.push(`    value_${l} = compute(${l}, "item-${i}")  # step ${l}`);
    else if (lang === 'bash') lines.push(`npm run build -- --target=${l} && echo "done ${i}"`);
    else if (lang === 'json') lines.push(`  "key${l}": { "index": ${l}, "name": "block-${i}" },`);
    else if (lang === 'go') lines.push(`\tif err := run(ctx, ${l}); err != nil { return fmt.Errorf("step ${l}: %w", err) }`);
    else lines.push(`  const value${l}: number = compute(${l}, 'item-${i}'); // step ${l}`);
    if (l === 12) lines.push('');
  }
  return '```' + lang + '\n' + lines.join('\n') + '\n```\n';
}

/** About `bytes` of markdown with `codeBlocks` fenced blocks, headings, lists, quotes and a table. */
export function makeAnswer(bytes = 50 * 1024, codeBlocks = 20): string {
  const parts: string[] = ['# Streaming answer\n\nHere is a long answer with many kinds of blocks.\n'];
  const per = Math.floor(bytes / codeBlocks);
  for (let i = 0; i < codeBlocks; i++) {
    const section: string[] = [`## Section ${i + 1}\n`];
    section.push(codeBlock(i));
    let n = 0;
    while (section.join('\n').length < per - 200) {
      const p = prose[n++ % prose.length];
      if (n % 5 === 0) section.push(`- ${p}\n- second item\n  continued\n- third item\n`);
      else if (n % 7 === 0) section.push(`> ${p}\n> > nested quote\n`);
      else if (n % 11 === 0) section.push('| a | b |\n|---|---|\n| 1 | 2 |\n| 3 | 4 |\n');
      else section.push(`${p}\n`);
    }
    parts.push(section.join('\n') + '\n');
  }
  return parts.join('\n');
}

/** Splits `text` into `count` chunks of nearly equal size, cutting anywhere (mid-word, mid-fence). */
export function chunk(text: string, count: number): string[] {
  const out: string[] = [];
  const size = text.length / count;
  for (let i = 0; i < count; i++) out.push(text.slice(Math.round(i * size), Math.round((i + 1) * size)));
  return out;
}
