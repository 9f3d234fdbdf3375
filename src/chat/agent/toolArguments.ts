// Tool-call arguments from GLM -> validated arguments, or an error the model can act on. GLM sometimes
// sends arguments that are not JSON: its native `<arg_key>k</arg_key><arg_value>v</arg_value>` markup leaks
// through, a ```json fence wraps them, a trailing comma slips in, or numbers come as strings. What can be read
// in exactly one way is repaired; anything else is refused, so a call is never run on a guess.

import type { JsonSchema } from './agentTools';

export type ArgumentsResult =
  | { ok: true; args: Record<string, unknown>; /** The arguments as JSON, as they go back into the history. */ json: string; repaired?: string }
  | { ok: false; error: string };

type Obj = Record<string, unknown>;

export function parseToolArguments(toolName: string, raw: string, schema: JsonSchema): ArgumentsResult {
  const parsed = parseLenient(raw, schema);
  if ('error' in parsed) return { ok: false, error: `${parsed.error} ${expectation(toolName, schema)}` };
  const problems: string[] = [];
  const args = coerceAndCheck(parsed.value, schema, '', problems) as Obj;
  if (problems.length > 0) {
    return { ok: false, error: `Invalid arguments for ${toolName}: ${problems.join('; ')}. ${expectation(toolName, schema)}` };
  }
  return { ok: true, args, json: JSON.stringify(args), ...(parsed.repaired ? { repaired: parsed.repaired } : {}) };
}

function parseLenient(raw: string, schema: JsonSchema): { value: unknown; repaired?: string } | { error: string } {
  const text = raw.trim();
  if (text === '') return { value: {} };
  const direct = tryJson(text);
  if (direct.ok) return unwrapString(direct.value);
  if (text.includes('<arg_key>')) {
    const markup = fromArgMarkup(text, schema);
    return 'error' in markup ? markup : { value: markup.value, repaired: 'arg_key/arg_value markup converted to JSON' };
  }
  const fenced = /^```(?:json)?\s*\n?([\s\S]*?)\n?```$/.exec(text);
  const unfenced = fenced ? fenced[1].trim() : text;
  const noTrailingCommas = unfenced.replace(/,\s*([}\]])/g, '$1');
  const repaired = tryJson(noTrailingCommas);
  if (repaired.ok) return { value: repaired.value, repaired: 'JSON syntax repaired' };
  return { error: `The arguments are not valid JSON (${direct.error}); send one JSON object.` };
}

/** Arguments sent as a JSON string that holds the object (double-encoded). */
function unwrapString(value: unknown): { value: unknown; repaired?: string } {
  if (typeof value !== 'string') return { value };
  const inner = tryJson(value.trim());
  return inner.ok && isObj(inner.value) ? { value: inner.value, repaired: 'double-encoded JSON unwrapped' } : { value };
}

const PAIR = /<arg_key>([\s\S]*?)<\/arg_key>\s*<arg_value>([\s\S]*?)<\/arg_value>/g;

/** `<arg_key>path</arg_key><arg_value>a.ts</arg_value>…` -> `{"path": "a.ts"}`; refuses anything ambiguous. */
function fromArgMarkup(text: string, schema: JsonSchema): { value: Obj } | { error: string } {
  const out: Obj = {};
  const props = propertiesOf(schema);
  for (const m of text.matchAll(PAIR)) {
    const key = m[1].trim();
    if (Object.hasOwn(out, key)) return { error: `The arguments repeat "${key}"; send one JSON object.` };
    const type = props[key]?.type;
    const value = m[2];
    if (type === undefined || type === 'string') out[key] = value;
    else {
      const decoded = tryJson(value.trim());
      out[key] = decoded.ok ? decoded.value : value;
    }
  }
  // Only wrapping punctuation may remain outside the pairs (`{`, `}`, a leaked `</tool_call>`).
  const rest = text.replace(PAIR, '').replace(/<\/?tool_call>/g, '').replace(/[{}\s,]/g, '');
  if (Object.keys(out).length === 0 || rest !== '') {
    return { error: 'The arguments mix <arg_key>/<arg_value> markup with other text; send one JSON object.' };
  }
  return { value: out };
}

function coerceAndCheck(value: unknown, schema: JsonSchema, at: string, problems: string[]): unknown {
  const type = schema.type;
  const name = at || 'the arguments';
  switch (type) {
    case 'object': {
      if (!isObj(value)) {
        problems.push(`${name} must be an object`);
        return value;
      }
      const props = propertiesOf(schema);
      const out: Obj = {};
      for (const key of (schema.required as string[] | undefined) ?? []) {
        if (value[key] === undefined || value[key] === null) problems.push(`"${join(at, key)}" is required`);
      }
      for (const [key, v] of Object.entries(value)) {
        if (v === null && !((schema.required as string[] | undefined) ?? []).includes(key)) continue;
        if (!props[key]) {
          if (schema.additionalProperties === false) problems.push(`unknown argument "${join(at, key)}"`);
          continue;
        }
        out[key] = coerceAndCheck(v, props[key], join(at, key), problems);
      }
      return out;
    }
    case 'array': {
      if (!Array.isArray(value)) {
        problems.push(`"${name}" must be an array`);
        return value;
      }
      if (typeof schema.minItems === 'number' && value.length < schema.minItems) problems.push(`"${name}" needs at least ${schema.minItems} item(s)`);
      const items = schema.items as JsonSchema | undefined;
      return items ? value.map((v, i) => coerceAndCheck(v, items, `${name}[${i}]`, problems)) : value;
    }
    case 'integer':
    case 'number':
      return checkNumber(value, schema, name, problems);
    case 'boolean':
      if (value === 'true' || value === 'false') return value === 'true';
      if (typeof value !== 'boolean') problems.push(`"${name}" must be true or false`);
      return value;
    default:
      if (typeof value !== 'string') problems.push(`"${name}" must be a string`);
      return value;
  }
}

function checkNumber(value: unknown, schema: JsonSchema, name: string, problems: string[]): unknown {
  const n = typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n) || (schema.type === 'integer' && !Number.isInteger(n))) {
    problems.push(`"${name}" must be ${schema.type === 'integer' ? 'an integer' : 'a number'}`);
    return value;
  }
  if (typeof schema.minimum === 'number' && n < schema.minimum) problems.push(`"${name}" must be at least ${schema.minimum}`);
  if (typeof schema.maximum === 'number' && n > schema.maximum) problems.push(`"${name}" must be at most ${schema.maximum}`);
  return n;
}

/** `Expected: {"path": string, "start_line"?: integer}` so the model can fix the call in one try. */
function expectation(toolName: string, schema: JsonSchema): string {
  const required = new Set((schema.required as string[] | undefined) ?? []);
  const fields = Object.entries(propertiesOf(schema)).map(([k, s]) => `"${k}"${required.has(k) ? '' : '?'}: ${typeName(s)}`);
  return `Expected arguments for ${toolName}: {${fields.join(', ')}}.`;
}

function typeName(schema: JsonSchema): string {
  if (schema.type === 'array') {
    const items = schema.items as JsonSchema | undefined;
    return items?.type === 'object' ? `[{${Object.keys(propertiesOf(items)).join(', ')}}]` : 'array';
  }
  return String(schema.type ?? 'any');
}

function propertiesOf(schema: JsonSchema): Record<string, JsonSchema> {
  return isObj(schema.properties) ? (schema.properties as Record<string, JsonSchema>) : {};
}

function tryJson(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function join(at: string, key: string): string {
  return at ? `${at}.${key}` : key;
}
