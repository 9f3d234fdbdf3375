// Getting the code out of a model's markdown answer, both while it streams (a growing prefix) and at the end.
// While streaming, the result for each prefix is a prefix of the result for the next one: a trailing newline
// or a line that may turn out to be the closing fence is held back until the next characters decide it.

export interface CodeBlock {
  /** The fence's info word, e.g. `ts` ('' when none). */
  lang: string;
  code: string;
  /** False when the answer ended (or has not yet reached) the closing fence. */
  closed: boolean;
}

interface OpenFence {
  char: string;
  length: number;
  lang: string;
  lines: string[];
}

const OPENING = /^ {0,3}(`{3,}|~{3,})[ \t]*([^`\s]*)[^`]*$/;
const CLOSING = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;

/**
 * The fenced blocks of `text`. With `final` false the last line is treated as still growing: it is left
 * out of a block when it could still become a closing fence.
 */
export function parseCodeBlocks(text: string, final: boolean): CodeBlock[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const partial = final ? undefined : lines.pop();
  const blocks: CodeBlock[] = [];
  let open: OpenFence | undefined;
  for (const line of lines) {
    if (!open) {
      const m = OPENING.exec(line);
      if (m) open = { char: m[1][0], length: m[1].length, lang: m[2], lines: [] };
      continue;
    }
    const close = CLOSING.exec(line);
    if (close && close[1][0] === open.char && close[1].length >= open.length) {
      blocks.push({ lang: open.lang, code: open.lines.join('\n'), closed: true });
      open = undefined;
    } else {
      open.lines.push(line);
    }
  }
  if (open) {
    let code = open.lines.join('\n');
    // The newline after the last complete line belongs to the code only if more code follows, and a
    // growing last line may still turn into the closing fence: both wait for the next chunk.
    if (partial !== undefined && !mayBecomeClosingFence(partial, open.char)) {
      code = open.lines.length > 0 ? `${code}\n${partial}` : partial;
    }
    blocks.push({ lang: open.lang, code, closed: false });
  }
  return blocks;
}

function mayBecomeClosingFence(partial: string, char: string): boolean {
  const m = /^( {0,3})([`~]*)([ \t]*)$/.exec(partial);
  if (!m) return false;
  if (m[2] === '') return m[3] === '';
  return m[2][0] === char && !m[2].includes(char === '`' ? '~' : '`');
}

/** The code shown while the answer streams: the first block so far, or '' before any fence opened. */
export function extractStreamingCode(textSoFar: string): string {
  return parseCodeBlocks(textSoFar, false)[0]?.code ?? '';
}

export interface PickHints {
  /** VS Code language id of the target document. */
  languageId?: string;
  /** The code being rewritten: among several blocks, the one most like it wins. */
  original?: string;
}

/**
 * The code of a finished answer: the fitting fenced block, or the whole answer when it has no fence
 * (some models answer with bare code).
 */
export function extractFinalCode(text: string, hints: PickHints = {}): string {
  const blocks = parseCodeBlocks(text, true);
  if (blocks.length === 0) return text.replace(/\r\n?/g, '\n').replace(/^\s*\n/, '').replace(/\s+$/, '');
  return pickBlock(blocks, hints).code;
}

export function pickBlock(blocks: CodeBlock[], hints: PickHints = {}): CodeBlock {
  const nonEmpty = blocks.filter((b) => b.code.trim() !== '');
  if (nonEmpty.length === 0) return blocks[0];
  const sameLanguage = nonEmpty.filter((b) => !b.lang || !hints.languageId || languageMatches(b.lang, hints.languageId));
  const candidates = sameLanguage.length > 0 ? sameLanguage : nonEmpty;
  const score = (b: CodeBlock): number =>
    hints.original !== undefined ? similarity(b.code, hints.original) * 1e6 + b.code.length : b.code.length;
  return candidates.reduce((best, b) => (score(b) > score(best) ? b : best));
}

const ALIASES: Record<string, string> = {
  ts: 'typescript', tsx: 'typescriptreact', js: 'javascript', jsx: 'javascriptreact', py: 'python',
  rb: 'ruby', rs: 'rust', sh: 'shellscript', bash: 'shellscript', zsh: 'shellscript', shell: 'shellscript',
  cs: 'csharp', 'c#': 'csharp', 'c++': 'cpp', cc: 'cpp', hpp: 'cpp', golang: 'go', kt: 'kotlin',
  yml: 'yaml', md: 'markdown', ps1: 'powershell', objc: 'objective-c',
};

export function languageMatches(fenceLang: string, languageId: string): boolean {
  const f = fenceLang.toLowerCase();
  const id = languageId.toLowerCase();
  const norm = ALIASES[f] ?? f;
  // typescript/typescriptreact and javascript/javascriptreact are close enough to be the same answer.
  return norm === id || norm.replace(/react$/, '') === id.replace(/react$/, '');
}

/** Share of the original's distinct words that the candidate contains (0..1). */
function similarity(candidate: string, original: string): number {
  const want = new Set(original.split(/\W+/).filter(Boolean));
  if (want.size === 0) return 0;
  const have = new Set(candidate.split(/\W+/));
  let hits = 0;
  for (const w of want) if (have.has(w)) hits++;
  return hits / want.size;
}
