// Scenarios that shape what the model says: default, reasoning, tools, length, content-filter, hostile, code, echo.
import { buildAnswer, detectLanguage, firstFencedBlock, tokenize } from '../answers';
import { lastUserText, stripDirectives, type ScenarioSpec } from '../directive';
import { applyMaxTokens, cachedTokensOf, promptTokensOf, type ChoicePlan, type ResponsePlan } from '../plan';
import { answerFromToolResults, planToolCalls, toolRoundsSoFar } from '../toolCalls';
import { agentPlan } from './agent';
import { bulkPlan } from './bulk';
import { pathologicalAnswer } from './pathological';

export interface ChatBody {
  model: string;
  messages: any[];
  stream?: boolean;
  n?: number;
  max_tokens?: number;
  tools?: any[];
  tool_choice?: any;
  tool_stream?: boolean;
  thinking?: { type?: string };
}

/** The question as the model sees it: the last user message without directives. */
export const questionOf = (body: ChatBody): string => stripDirectives(lastUserText(body.messages));

const choices = (body: ChatBody, make: (index: number) => ChoicePlan): ChoicePlan[] =>
  Array.from({ length: body.n ?? 1 }, (_, i) => make(i));

function plan(body: ChatBody, make: (index: number) => ChoicePlan): ResponsePlan {
  return { choices: choices(body, make), promptTokens: promptTokensOf(body), cachedTokens: cachedTokensOf(body) };
}

/** First `after` deltas of a text (the part sent before a cut). */
export function firstDeltas(text: string, after: number): string {
  return tokenize(text).slice(0, after).join('');
}

export function contentPlan(spec: ScenarioSpec, body: ChatBody): ResponsePlan {
  const q = questionOf(body);
  const p = spec.params;
  switch (spec.name) {
    case 'reasoning':
      return applyMaxTokens(plan(body, (i) => ({
        reasoning: body.thinking?.type === 'disabled' ? undefined : reasoningFor(q, i),
        content: buildAnswer(q, i),
        finishReason: 'stop',
      })), body.max_tokens);
    case 'tools':
      return toolsPlan(spec, body, q);
    case 'agent':
      return agentPlan(spec, body);
    case 'length': {
      const after = Number(p.after ?? 0);
      return plan(body, (i) => {
        const answer = buildAnswer(q, i);
        const cut = after > 0 ? firstDeltas(answer, after) : answer.slice(0, Math.floor(answer.length / 2));
        return { content: cut, finishReason: 'length' };
      });
    }
    case 'content-filter':
      return plan(body, (i) => ({
        content: firstDeltas(buildAnswer(q, i), Number(p.after ?? 5)),
        finishReason: p.reason ?? 'content_filter',
      }));
    case 'hostile':
      return plan(body, () => ({ content: HOSTILE, finishReason: 'stop' }));
    case 'pathological':
      return plan(body, () => ({ content: pathologicalAnswer(spec), finishReason: 'stop' }));
    case 'code':
      return plan(body, () => ({ content: codeAnswer(q, p), finishReason: 'stop' }));
    case 'echo':
      return plan(body, () => ({ content: q, finishReason: 'stop' }));
    case 'long-answer':
    case 'huge-event':
    case 'framing':
      return bulkPlan(spec, body, q);
    default:
      // Like the real models, think aloud when thinking is explicitly enabled.
      return applyMaxTokens(plan(body, (i) => ({
        reasoning: body.thinking?.type === 'enabled' ? reasoningFor(q, i) : undefined,
        content: buildAnswer(q, i),
        finishReason: 'stop',
      })), body.max_tokens);
  }
}

function reasoningFor(q: string, index: number): string {
  const language = detectLanguage(q).name;
  return [
    `The user asks: "${q.slice(0, 80)}". They most likely want working ${language} code and a short explanation.`,
    'Let me think about the edge cases first: empty input, errors, and very large inputs.',
    index > 0 ? 'This time I will present a slightly different structure.' : 'A small pure function is easiest to test.',
    'I will answer with steps, one code block, and a few notes.',
  ].join(' ');
}

function toolsPlan(spec: ScenarioSpec, body: ChatBody, q: string): ResponsePlan {
  const tools = Array.isArray(body.tools) ? body.tools : [];
  const rounds = Number(spec.params.rounds ?? 1);
  const done = toolRoundsSoFar(body.messages);
  const last = body.messages[body.messages.length - 1];
  const forced = body.tool_choice?.function?.name as string | undefined;
  const base: ResponsePlan = {
    choices: [],
    promptTokens: promptTokensOf(body),
    toolStream: body.tool_stream === true && body.stream === true,
    repeatToolFields: spec.params.repeat === '1',
    argsAsObject: spec.params.args === 'object',
  };
  if (tools.length === 0 || body.tool_choice === 'none' || (done >= rounds && last?.role === 'tool')) {
    const text = last?.role === 'tool' ? answerFromToolResults(body.messages) : null;
    base.choices = choices(body, (i) => ({ content: text ?? buildAnswer(q, i), finishReason: 'stop' }));
    return base;
  }
  const params = forced ? { ...spec.params, name: forced } : spec.params;
  base.choices = choices(body, () => ({ content: '', toolCalls: planToolCalls(tools, done, params), finishReason: 'tool_calls' }));
  return base;
}

/** One fenced block: the question's first block, transformed (`same`, `upper`, `comment`). */
function codeAnswer(q: string, p: Record<string, string>): string {
  const block = firstFencedBlock(q);
  const language = detectLanguage(q);
  const code = block?.code ?? language.snippet.trimEnd();
  const transformed = p.transform === 'upper' ? code.toUpperCase()
    : p.transform === 'comment' ? code.split('\n').map((l) => `${language.lineComment} ${l}`).join('\n')
    : code;
  const fence = '```' + (block?.tag ?? language.tag) + '\n' + transformed + '\n```';
  return p.prose === '1' ? `Here is the updated code:\n\n${fence}\n\nThat keeps the behaviour the same.` : fence;
}

const HOSTILE = [
  '## Totally normal answer',
  '',
  'Some <b>raw HTML</b> and a <span style="color:red" onclick="alert(1)">styled span</span>.',
  '',
  '<script>alert("xss")</script>',
  '',
  '<img src="x" onerror="alert(\'img\')">',
  '',
  '<iframe src="https://evil.example/"></iframe>',
  '',
  '- [click me](javascript:alert(1))',
  '- [data link](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '- <a href="javascript:alert(2)">raw anchor</a>',
  '',
  '```html',
  '<script>console.log("inside a code block this is just text")</script>',
  '```',
].join('\n');
