// Zhipu's built-in web search, as the mock plays it: when the request carries
// `{type: 'web_search', web_search: {enable: true, search_result: true}}`, the answer cites `[ref_1]`, `[ref_2]`
// and the response carries the sources in a top-level `web_search` array (on every chunk, as Zhipu does).
import type { ResponsePlan } from './plan';

export interface MockWebSource {
  refer: string;
  title: string;
  link: string;
  media: string;
  icon: string;
  content: string;
  publish_date: string;
}

export function webSearchRequested(body: { tools?: unknown }): boolean {
  return Array.isArray(body.tools) && body.tools.some((t) => t?.type === 'web_search' && t.web_search?.enable !== false);
}

/** Two stable sources about the question, on example domains. */
export function mockSources(question: string): MockWebSource[] {
  const topic = question.replace(/\s+/g, ' ').trim().slice(0, 60) || 'your question';
  return [
    { refer: 'ref_1', title: `Guide: ${topic}`, link: 'https://example.com/guide', media: 'Example Docs', icon: '', content: `An introduction to ${topic}.`, publish_date: '2026-11-02' },
    { refer: 'ref_2', title: `Q&A about ${topic}`, link: 'https://example.org/questions/42', media: 'Example Q&A', icon: '', content: `Answers about ${topic}.`, publish_date: '2026-10-15' },
  ];
}

/** Adds the citation markers to each choice's answer and the sources to the plan. */
export function citeSources(plan: ResponsePlan, sources: MockWebSource[]): ResponsePlan {
  for (const c of plan.choices) {
    if (!c.toolCalls) c.content = `According to the documentation [ref_1] and a community answer [ref_2]:\n\n${c.content}`;
  }
  plan.webSearch = sources;
  return plan;
}
