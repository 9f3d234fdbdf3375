// Realistic answers for demos: markdown with headings, lists and a fenced block in the language asked
// about, cut into small word-ish deltas like a real model stream.
import { LANGUAGES, type LanguageInfo } from './snippets';

const ALIASES: Record<string, string> = {
  ts: 'typescript', tsx: 'typescript', typescript: 'typescript', js: 'javascript', jsx: 'javascript',
  javascript: 'javascript', mjs: 'javascript', py: 'python', python: 'python', go: 'go', golang: 'go',
  rs: 'rust', rust: 'rust', java: 'java', cs: 'csharp', csharp: 'csharp', 'c#': 'csharp', cpp: 'cpp',
  'c++': 'cpp', cc: 'cpp', hpp: 'cpp', c: 'c', h: 'c', rb: 'ruby', ruby: 'ruby', php: 'php', kt: 'kotlin',
  kotlin: 'kotlin', swift: 'swift', sh: 'bash', bash: 'bash', shell: 'bash', zsh: 'bash', sql: 'sql',
};

/** Words in a question that name a language (earliest mention wins). */
const MENTIONS: Array<[RegExp, string]> = [
  [/\btypescript\b|\bts\b|\.tsx?\b/i, 'typescript'],
  [/\bjavascript\b|\bnode\.?js\b|\.jsx?\b/i, 'javascript'],
  [/\bpython\b|\.py\b|\bdjango\b|\bpandas\b/i, 'python'],
  [/\bgolang\b|\bin go\b|\bgo (?:code|function|program|module|routine)|\bgoroutines?\b|\.go\b/i, 'go'],
  [/\brust\b|\bcargo\b|\.rs\b/i, 'rust'],
  [/\bjava\b|\.java\b/i, 'java'],
  [/c#|\bcsharp\b|\.net\b/i, 'csharp'],
  [/c\+\+|\bcpp\b/i, 'cpp'],
  [/\bin c\b|\bc program/i, 'c'],
  [/\bruby\b|\brails\b/i, 'ruby'],
  [/\bphp\b|\blaravel\b/i, 'php'],
  [/\bkotlin\b/i, 'kotlin'],
  [/\bswift\b|\bswiftui\b/i, 'swift'],
  [/\bbash\b|\bshell script\b|\bzsh\b/i, 'bash'],
  [/\bsql\b|\bpostgres(?:ql)?\b|\bmysql\b|\bsqlite\b/i, 'sql'],
];

/** What code in an untagged block looks like. */
const SHAPES: Array<[RegExp, string]> = [
  [/^\s*(?:def \w+\(|from \w+ import|import \w+\s*$)/m, 'python'],
  [/\bfn \w+\(|\blet mut\b|\bimpl\b/, 'rust'],
  [/^\s*package main\b|\bfunc \w+\(/m, 'go'],
  [/\bpublic (?:static )?(?:class|void)\b/, 'java'],
  [/#include\s*</, 'cpp'],
  [/\binterface \w+\s*\{|:\s*(?:string|number|boolean)\b/, 'typescript'],
  [/\bfunction\b|\bconst \w+ =|=>/, 'javascript'],
];

const FENCE = /```([^\s`]*)[^\n]*\n([\s\S]*?)```/;

export interface FencedBlock { tag: string; code: string }

export function firstFencedBlock(text: string): FencedBlock | undefined {
  const m = FENCE.exec(text);
  return m ? { tag: m[1], code: m[2].replace(/\n$/, '') } : undefined;
}

export function detectLanguage(prompt: string): LanguageInfo {
  const block = firstFencedBlock(prompt);
  const tagged = block && ALIASES[block.tag.toLowerCase()];
  if (tagged) return LANGUAGES[tagged];
  const prose = prompt.replace(/```[\s\S]*?```/g, ' ');
  let best: { at: number; id: string } | undefined;
  for (const [re, id] of MENTIONS) {
    const at = prose.search(re);
    if (at >= 0 && (!best || at < best.at)) best = { at, id };
  }
  if (best) return LANGUAGES[best.id];
  const shaped = block && SHAPES.find(([re]) => re.test(block.code));
  return LANGUAGES[shaped ? shaped[1] : 'typescript'];
}

const CJK_CLASS = '[\\u3000-\\u30ff\\u3400-\\u9fff\\uac00-\\ud7af\\uff00-\\uffef]';
const CJK = new RegExp(CJK_CLASS, 'g');
const HAS_CJK = new RegExp(CJK_CLASS);

/** ~4 characters per token for Latin text, ~1 token per CJK character. */
export function estimateTokens(text: string): number {
  const cjk = text.match(CJK)?.length ?? 0;
  return Math.ceil((text.length - cjk) / 4) + cjk;
}

const GROUPS = [2, 1, 3, 1, 2, 2, 1];

/** Word-ish deltas (1-3 words, CJK in 1-2 character pieces), deterministic so tests can reason about them. */
export function tokenize(text: string): string[] {
  const pieces: string[] = [];
  for (const word of text.match(/\s*\S+|\s+/g) ?? []) {
    if (HAS_CJK.test(word) || word.length > 12) {
      const chars = Array.from(word);
      const size = HAS_CJK.test(word) ? 2 : 6;
      for (let i = 0; i < chars.length; i += size) pieces.push(chars.slice(i, i + size).join(''));
    } else pieces.push(word);
  }
  const deltas: string[] = [];
  for (let i = 0, g = 0; i < pieces.length; g++) {
    const n = HAS_CJK.test(pieces[i]) ? 1 : GROUPS[g % GROUPS.length];
    deltas.push(pieces.slice(i, i + n).join(''));
    i += n;
  }
  return deltas;
}

const INTROS = [
  'Good question! Here is a clear way to approach it.',
  'Here is an alternative take that trades a little brevity for readability.',
  'Another option, a bit more defensive about edge cases.',
];

/** The question without code, on one line, as a heading. */
function topicOf(prompt: string): string {
  const prose = prompt.replace(/```[\s\S]*?```/g, ' ').replace(/\s+/g, ' ').trim();
  const first = (prose.split(/(?<=[.?!。？！])\s/)[0] || 'Your question').replace(/[?？.。!！:]+$/, '');
  const short = first.length > 70 ? `${first.slice(0, 67).trimEnd()}…` : first;
  return short.charAt(0).toUpperCase() + short.slice(1);
}

/** A markdown answer to the question; `index` varies it between the choices of an `n > 1` request. */
export function buildAnswer(prompt: string, index = 0): string {
  const question = prompt.trim();
  if (/^(hi|hello|hey|你好)\b[\s!.?！。]*$/i.test(question)) {
    return index === 0 ? 'Hello! 👋 How can I assist you today?' : 'Hi there! 😊 What can I help you with?';
  }
  const language = detectLanguage(question);
  const userBlock = firstFencedBlock(question);
  const code = userBlock ? userBlock.code : language.snippet.trimEnd();
  const suffix = index > 0 ? ` (alternative ${index + 1})` : '';
  if (HAS_CJK.test(question)) {
    return chineseAnswer(topicOf(question) + suffix, language, code);
  }
  return [
    `## ${topicOf(question)}${suffix}`,
    '',
    `${INTROS[index % INTROS.length]} The ${language.name} version below keeps the logic small and easy to test.`,
    '',
    '### Steps',
    '',
    '1. **Start from the inputs**: decide what the function receives and returns.',
    '2. **Keep it pure**: no hidden state, so it is easy to reason about.',
    '3. **Handle edge cases**: empty input, errors and large values.',
    '',
    userBlock ? `### Your code, revised` : `### Example in ${language.name}`,
    '',
    '```' + language.tag,
    userBlock ? `${language.lineComment} Revised: clearer names, same behaviour.\n${code}` : code,
    '```',
    '',
    '### Why this works',
    '',
    `- It uses only the ${language.name} standard library.`,
    '- Each step is explicit, so it is `easy to read` and change.',
    '- You can test it in isolation.',
    '',
    '> **Tip:** try it with a small input first, then add tests for the edge cases.',
    '',
    'Let me know if you would like a version with unit tests!',
  ].join('\n');
}

function chineseAnswer(title: string, language: LanguageInfo, code: string): string {
  return [
    `## ${title}`,
    '',
    `好的！下面用 ${language.name} 给出一个简洁、易于测试的实现。`,
    '',
    '### 步骤',
    '',
    '1. **明确输入输出**：先确定函数接收什么、返回什么。',
    '2. **保持纯函数**：没有隐藏状态，便于推理。',
    '3. **处理边界情况**：空输入、错误和大数据量。',
    '',
    '```' + language.tag,
    code,
    '```',
    '',
    '- 只依赖标准库 ✅',
    '- 每一步都很清晰，易于修改。',
    '',
    '如果需要单元测试版本，请告诉我！🙂',
  ].join('\n');
}
