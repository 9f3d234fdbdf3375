// The `tools` scenario's model: call the request's tools with arguments built from their JSON schema,
// then, once the results are in the messages, answer in text quoting them.
import { contentText } from './directive';
import { newToolCallId } from './wire';

export interface ToolCallPlan { id: string; name: string; arguments: string }

type Schema = Record<string, any>;

const STRING_GUESSES: Array<[RegExp, string]> = [
  [/city|location|place/i, 'Beijing'],
  [/path|file/i, 'src/index.ts'],
  [/url|link|href/i, 'https://example.com'],
  [/query|search|term|keyword/i, 'GLM streaming'],
  [/lang/i, 'typescript'],
  [/date/i, '2026-11-25'],
  [/email/i, 'dev@example.com'],
  [/unit/i, 'celsius'],
  [/name|title/i, 'example'],
  [/id$/i, '42'],
  [/command|cmd/i, 'npm test'],
  [/content|text|code|body/i, 'console.log("hello");'],
];

/** A plausible value for a JSON schema; `key` is the property name it will sit under. */
export function valueFromSchema(schema: Schema | undefined, key = '', depth = 0): unknown {
  if (!schema || typeof schema !== 'object') return key ? guessString(key) : {};
  if (schema.const !== undefined) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length) return schema.enum[0];
  if (schema.default !== undefined) return schema.default;
  if (Array.isArray(schema.anyOf ?? schema.oneOf)) return valueFromSchema((schema.anyOf ?? schema.oneOf)[0], key, depth);
  const type = Array.isArray(schema.type) ? schema.type.find((t: string) => t !== 'null') : schema.type;
  switch (type ?? (schema.properties ? 'object' : 'string')) {
    case 'object': {
      const out: Record<string, unknown> = {};
      if (depth > 4) return out;
      for (const [k, s] of Object.entries<Schema>(schema.properties ?? {})) out[k] = valueFromSchema(s, k, depth + 1);
      return out;
    }
    case 'array':
      return depth > 4 ? [] : [valueFromSchema(schema.items, key.replace(/s$/, ''), depth + 1)];
    case 'integer':
      return typeof schema.minimum === 'number' ? Math.ceil(schema.minimum) : 3;
    case 'number':
      return typeof schema.minimum === 'number' ? schema.minimum : 1.5;
    case 'boolean':
      return true;
    default:
      if (schema.format === 'date') return '2026-11-25';
      if (schema.format === 'uri' || schema.format === 'url') return 'https://example.com';
      return guessString(key);
  }
}

function guessString(key: string): string {
  return STRING_GUESSES.find(([re]) => re.test(key))?.[1] ?? `sample ${key || 'value'}`.trim();
}

interface ToolDef { type: string; function: { name: string; parameters?: Schema } }

/** Assistant turns with tool calls since the last user message: how many tool rounds already happened. */
export function toolRoundsSoFar(messages: any[]): number {
  let rounds = 0;
  for (let i = messages.length - 1; i >= 0 && messages[i].role !== 'user'; i--) {
    if (messages[i].role === 'assistant' && Array.isArray(messages[i].tool_calls) && messages[i].tool_calls.length) rounds++;
  }
  return rounds;
}

/** Calls to make now: `parallel` calls, starting at the named tool or cycling through the tools by round. */
export function planToolCalls(tools: ToolDef[], round: number, params: Record<string, string>): ToolCallPlan[] {
  const named = params.name ? tools.findIndex((t) => t.function.name === params.name) : -1;
  const start = named >= 0 ? named : round % tools.length;
  const count = Math.max(1, Number(params.parallel) || 1);
  return Array.from({ length: count }, (_, k) => {
    const tool = tools[(start + k) % tools.length].function;
    return { id: newToolCallId(), name: tool.name, arguments: JSON.stringify(valueFromSchema(tool.parameters ?? { type: 'object' })) };
  });
}

/** Text answer quoting the tool results that follow the last assistant tool-call turn. */
export function answerFromToolResults(messages: any[]): string {
  let i = messages.length - 1;
  while (i >= 0 && messages[i].role === 'tool') i--;
  const call = messages[i];
  const names = new Map<string, string>();
  for (const c of call?.tool_calls ?? []) names.set(c.id, c.function?.name ?? 'tool');
  const parts = messages.slice(i + 1).map((m: any) => {
    const text = contentText(m.content);
    const lang = /^\s*[[{]/.test(text) ? 'json' : 'text';
    return `**\`${names.get(m.tool_call_id) ?? 'tool'}\`** returned:\n\n\`\`\`${lang}\n${text}\n\`\`\``;
  });
  return ['## Result', '', 'I called the tool and got this back:', '', ...parts.flatMap((p) => [p, '']),
    'Based on these results, that answers your question. Anything else you would like me to check?'].join('\n');
}
