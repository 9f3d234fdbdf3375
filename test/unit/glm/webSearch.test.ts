// Zhipu's built-in web search: the tool goes out only to Zhipu endpoints, and the response's top-level
// `web_search` becomes one `webSources` event (parsed defensively), streamed or not, against the mock.

import assert from 'node:assert/strict';
import { PRESETS } from '../../../src/glm/presets';
import { buildRequestBody } from '../../../src/glm/requestBuilder';
import { parseWebSources, WEB_SEARCH_TOOL } from '../../../src/glm/webSearch';
import type { StreamEvent } from '../../../src/glm/types';
import { ask, collect, testClient, useMockServer } from './helpers';

describe('web search request and result parsing', () => {
  it('adds the built-in tool on Zhipu endpoints only, next to function tools', () => {
    const fn = { type: 'function' as const, function: { name: 'f' } };
    assert.deepEqual(buildRequestBody(ask('hi', { webSearch: true }), PRESETS.bigmodel, true).tools, [WEB_SEARCH_TOOL]);
    assert.deepEqual(buildRequestBody(ask('hi', { webSearch: true, tools: [fn] }), PRESETS.zai, true).tools, [fn, WEB_SEARCH_TOOL]);
    assert.equal(buildRequestBody(ask('hi', { webSearch: true }), PRESETS.acedata, true).tools, undefined);
    assert.equal(buildRequestBody(ask('hi', { webSearch: true }), PRESETS.custom, true).tools, undefined);
    assert.deepEqual(WEB_SEARCH_TOOL, { type: 'web_search', web_search: { enable: true, search_result: true } });
  });

  it('keeps only well-formed http(s) sources, numbers missing refs, drops duplicates', () => {
    const sources = parseWebSources([
      { refer: 'ref_1', title: ' Docs ', link: 'https://a.example/x', media: 'A' },
      { refer: 'ref_1', title: 'dup', link: 'https://a.example/y' },
      { title: 'no refer', link: 'http://b.example' },
      { refer: 'ref_3', title: 'bad', link: 'javascript:alert(1)' },
      { refer: '<b>', title: 'odd refer', link: 'https://c.example' },
      'junk', null, 42,
    ]);
    assert.deepEqual(sources, [
      { refer: 'ref_1', title: 'Docs', link: 'https://a.example/x', media: 'A' },
      { refer: 'ref_2', title: 'no refer', link: 'http://b.example' },
      { refer: 'ref_3', title: 'odd refer', link: 'https://c.example' },
    ]);
    assert.deepEqual(parseWebSources({ not: 'an array' }), []);
    assert.deepEqual(parseWebSources(undefined), []);
  });
});

describe('web search against the mock', () => {
  const fixture = useMockServer();
  const sourcesOf = (events: StreamEvent[]) => events.filter((e): e is Extract<StreamEvent, { type: 'webSources' }> => e.type === 'webSources');

  it('streams the cited answer and reports the sources once', async () => {
    const { client } = testClient(fixture.mock.url);
    const result = await collect(client.stream(ask('How do I read a file in Go?', { webSearch: true })));
    assert.equal(result.error, undefined, result.error?.message);
    assert.deepEqual(fixture.mock.requests[0].body.tools, [WEB_SEARCH_TOOL]);
    const events = sourcesOf(result.events);
    assert.equal(events.length, 1, 'repeated on every chunk, reported once');
    assert.deepEqual(events[0].sources.map((s) => s.refer), ['ref_1', 'ref_2']);
    assert.match(events[0].sources[0].link, /^https:\/\//);
    assert.match(result.text(), /\[ref_1\]/);
  });

  it('returns the sources of a non-streamed completion too', async () => {
    const { client } = testClient(fixture.mock.url);
    const completion = await client.complete(ask('What is a goroutine?', { webSearch: true }));
    assert.deepEqual(completion.web_search?.map((s) => s.refer), ['ref_1', 'ref_2']);
  });

  it('sends no tool and gets no sources without the toggle', async () => {
    const { client } = testClient(fixture.mock.url);
    const result = await collect(client.stream(ask('What is a goroutine?')));
    assert.equal(fixture.mock.requests[0].body.tools, undefined);
    assert.equal(sourcesOf(result.events).length, 0);
  });
});
