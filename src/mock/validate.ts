// Request checks a real gateway makes before it forwards anything upstream (400 token_mismatched).

const ROLES = new Set(['system', 'user', 'assistant', 'tool']);

/** Body keys the seed documents; `strict=1` rejects everything else like a picky gateway would. */
const SEED_KEYS = new Set([
  'model', 'messages', 'stream', 'max_tokens', 'temperature', 'top_p', 'n', 'stop', 'tools', 'tool_choice',
]);

const isObject = (v: unknown): v is Record<string, any> => !!v && typeof v === 'object' && !Array.isArray(v);

/** Returns what is wrong with the body, or undefined when a gateway would accept it. */
export function validateBody(body: unknown): string | undefined {
  if (!isObject(body)) return 'The request body must be a JSON object.';
  if (typeof body.model !== 'string' || !body.model.trim()) return 'The parameter `model` is required.';
  if (!Array.isArray(body.messages) || body.messages.length === 0) {
    return 'The parameter `messages` is required and must be a non-empty array.';
  }
  for (const [i, m] of body.messages.entries()) {
    const problem = messageProblem(m);
    if (problem) return `messages[${i}]: ${problem}`;
  }
  return paramProblem(body);
}

function messageProblem(m: unknown): string | undefined {
  if (!isObject(m)) return 'each message must be an object.';
  if (!ROLES.has(m.role)) return `invalid role ${JSON.stringify(m.role)}; expected system, user, assistant or tool.`;
  const textual = typeof m.content === 'string' || Array.isArray(m.content);
  if (m.role === 'assistant') {
    if (m.content != null && !textual) return '`content` must be a string.';
    if (m.content == null && !Array.isArray(m.tool_calls)) return '`content` or `tool_calls` is required.';
    if (m.tool_calls !== undefined && !validToolCalls(m.tool_calls)) return '`tool_calls` is malformed.';
    return undefined;
  }
  if (!textual) return '`content` must be a string.';
  if (m.role === 'tool' && (typeof m.tool_call_id !== 'string' || !m.tool_call_id)) {
    return '`tool_call_id` is required for tool messages.';
  }
  return undefined;
}

function validToolCalls(calls: unknown): boolean {
  return Array.isArray(calls) && calls.every((c) => isObject(c) && typeof c.id === 'string'
    && isObject(c.function) && typeof c.function.name === 'string');
}

function paramProblem(b: Record<string, any>): string | undefined {
  if (b.stream !== undefined && typeof b.stream !== 'boolean') return '`stream` must be a boolean.';
  if (b.n !== undefined && !(Number.isInteger(b.n) && b.n >= 1 && b.n <= 8)) return '`n` must be an integer in [1, 8].';
  if (b.max_tokens !== undefined && !(Number.isInteger(b.max_tokens) && b.max_tokens >= 1)) {
    return '`max_tokens` must be a positive integer.';
  }
  if (b.temperature !== undefined && !inRange(b.temperature, 0, 2)) return '`temperature` must be in [0, 2].';
  if (b.top_p !== undefined && !inRange(b.top_p, 0, 1)) return '`top_p` must be in [0, 1].';
  if (b.stop !== undefined && typeof b.stop !== 'string'
    && !(Array.isArray(b.stop) && b.stop.every((s: unknown) => typeof s === 'string'))) {
    return '`stop` must be a string or an array of strings.';
  }
  if (b.tools !== undefined) {
    if (!Array.isArray(b.tools)) return '`tools` must be an array.';
    for (const t of b.tools) {
      if (isObject(t) && t.type === 'web_search' && isObject(t.web_search)) continue; // Zhipu's built-in tool
      if (!isObject(t) || t.type !== 'function' || !isObject(t.function) || typeof t.function.name !== 'string') {
        return 'each tool must be {"type": "function", "function": {"name": ...}}.';
      }
    }
  }
  return undefined;
}

const inRange = (v: unknown, lo: number, hi: number): boolean => typeof v === 'number' && v >= lo && v <= hi;

/** Keys beyond the seed's documented ones (for `strict=1`: 400 api_not_implemented). */
export function unknownKeys(body: Record<string, unknown>): string[] {
  return Object.keys(body).filter((k) => !SEED_KEYS.has(k));
}
