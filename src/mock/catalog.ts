// Every scenario the mock knows, with its parameters: the one list the server validates against and
// `node dist/mock.js --help` prints.

export const SCENARIO_CATALOG: ReadonlyArray<readonly [name: string, params: string, what: string]> = [
  ['default', '', 'realistic markdown; fenced code in the language asked about; reasoning if thinking is enabled'],
  ['reasoning', '', 'reasoning_content deltas before the content (none with thinking disabled)'],
  ['tools', 'rounds=1 parallel=1 name=TOOL repeat=0 args=string|object', 'tool_calls for the request tools; text quoting the results once they are in the messages'],
  ['agent', 'steps=search,read,edit,write,run query=TODO replace=DONE path=P command="npm test" content=TEXT fault=invalid-json|markup|unknown-tool|empty fault-round=0 rate429=N',
    'a scripted coding agent: one tool round per step from the results it gets, reasoning every round, then a summary'],
  ['error', 'status=500 code=api_error shape=gateway|zhipu|flat retry-after=S reset-in=S message="..."', 'one HTTP error (gateway or Zhipu code; 1308/1310 name a reset time reset-in seconds ahead, 3 h by default)'],
  ['flaky', 'times=1 key=default (+ error params)', 'N x 500 api_error per key, then one success, then again'],
  ['unavailable', 'models=a,b (all if omitted)', '500 api_error for those models only'],
  ['stream-error', 'form=data|event after=3 code=api_error shape=... message=...', 'an error inside a 200 stream, then the end'],
  ['network-error', 'after=5', 'finish_reason network_error (HTTP 200)'],
  ['truncate', 'after=5', 'the stream ends cleanly without finish_reason or [DONE]'],
  ['drop', 'after=5', 'the socket is destroyed mid-stream'],
  ['stall', 'after=3 ms=10000', 'no bytes for ms, then the rest'],
  ['slow-headers', 'ms=5000', 'response headers only after ms'],
  ['malformed', 'after=3', 'one event with broken JSON, then the rest'],
  ['framing', 'mode=plain|crlf|cr|cr-split|split-utf8|comments|fields|multiline|no-final-blank|after-done|nospace|bytewise', 'awkward SSE framing'],
  ['huge-event', 'bytes=1048576 kind=content|tool', 'one very large event'],
  ['long-answer', 'bytes=51200', 'a long markdown answer in small deltas'],
  ['pathological', 'kind=list|quote|html|table|line|fence|backticks|all n=10000', 'markdown that breaks naive renderers (n scales levels, rows, characters)'],
  ['content-filter', 'reason=content_filter|sensitive after=5', 'a partial answer stopped by the filter'],
  ['length', 'after=N', 'a partial answer with finish_reason length'],
  ['hostile', '', 'markdown with raw HTML, <script>, <img onerror>, javascript: links'],
  ['echo', '', 'the question (directive removed) as the answer, verbatim: rendering checks'],
  ['code', 'transform=same|upper|comment prose=0', 'one fenced block: the question\'s first block, transformed'],
  ['pace', 'tps=N', 'the default answer at N deltas per second'],
  ['completion', 'text="..." variant=plain|fence|prose|prose-bare|repeat|suffix|indent|empty accuracy=1', 'an inline completion for the <|CURSOR|> of the prompt (text, else the oracle\'s continuation)'],
];

export const SCENARIO_NAMES = SCENARIO_CATALOG.map(([name]) => name);

/** Parameters every scenario takes. */
export const COMMON_PARAMS = 'tps=N (pace)  latency=MS (before the first token)  usage=inline (usage on the finish chunk)  answer-model=ID (the model id the answer names)  strict=1 (400 api_not_implemented for undocumented body keys)  content-type=text/plain (label the event stream otherwise)  max-concurrent=N (1302 above N requests at once)';

export function scenarioHelp(): string {
  const width = Math.max(...SCENARIO_NAMES.map((n) => n.length));
  return [
    'Scenarios (header "x-mock-scenario: NAME k=v ..." or "[[mock:NAME k=v ...]]" in the last user message):',
    ...SCENARIO_CATALOG.map(([name, params, what]) => `  ${name.padEnd(width)}  ${params ? `${params}\n  ${' '.repeat(width)}  ` : ''}${what}`),
    `Any scenario: ${COMMON_PARAMS}`,
    'Images: image_url parts reach vision models (glm-4.6v, glm-4.5v…), whose answer starts "I see N image(s), WxH."; other models answer 1210.',
    'Endpoints: POST <prefix>/chat/completions, GET /__mock/requests, POST /__mock/reset, POST /__mock/scenario, POST /__mock/concurrency {"max": N}, GET /healthz',
  ].join('\n');
}
