// Scenario steering: `x-mock-scenario: NAME k=v ...` or `[[mock:NAME k=v ...]]` in the last user message.

export interface ScenarioSpec {
  name: string;
  params: Record<string, string>;
}

const DIRECTIVE = /\[\[mock:([^\]]*)\]\]/g;
const TOKEN = /([^\s=]+)(?:=(?:"([^"]*)"|'([^']*)'|(\S*)))?/g;

/** Parses `NAME k=v k="v w" flag`; a bare `k` means `k=1`. Empty text is the default scenario. */
export function parseScenario(text: string): ScenarioSpec {
  const params: Record<string, string> = {};
  let name = '';
  for (const m of text.trim().matchAll(TOKEN)) {
    const value = m[2] ?? m[3] ?? m[4];
    if (!name && value === undefined) name = m[1];
    else params[m[1]] = value ?? '1';
  }
  return { name: name || 'default', params };
}

/** Text of a message's content: a string, or the text parts of an array of parts. */
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content
      .map((p) => (p && typeof p === 'object' && typeof p.text === 'string' ? p.text : ''))
      .join('');
  }
  return '';
}

export function lastUserText(messages: unknown): string {
  if (!Array.isArray(messages)) return '';
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i];
    if (m && typeof m === 'object' && m.role === 'user') return contentText(m.content);
  }
  return '';
}

/** The first directive in the text, if any. */
export function findDirective(text: string): ScenarioSpec | undefined {
  const m = [...text.matchAll(DIRECTIVE)][0];
  return m ? parseScenario(m[1]) : undefined;
}

/** The text without directives, as the model would "see" it when echoing or quoting the question. */
export function stripDirectives(text: string): string {
  return text.replace(new RegExp(`${DIRECTIVE.source}[ \\t]?`, 'g'), '').trim();
}

/** Directive beats header beats the sticky scenario set through `/__mock/scenario`. */
export function resolveScenario(header: string | undefined, messages: unknown, sticky?: string): ScenarioSpec {
  const fromMessage = findDirective(lastUserText(messages));
  if (fromMessage) return fromMessage;
  if (header && header.trim()) return parseScenario(header);
  return parseScenario(sticky ?? '');
}
