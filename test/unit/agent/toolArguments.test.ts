import assert from 'node:assert/strict';
import { TOOL_SCHEMAS } from '../../../src/chat/agent/agentTools';
import { parseToolArguments } from '../../../src/chat/agent/toolArguments';

const read = TOOL_SCHEMAS.read_file.parameters;
const edit = TOOL_SCHEMAS.edit_file.parameters;

describe('agent tool arguments', () => {
  it('takes valid JSON as it is', () => {
    const r = parseToolArguments('read_file', '{"path":"src/a.ts","start_line":3}', read);
    assert.deepEqual(r, { ok: true, args: { path: 'src/a.ts', start_line: 3 }, json: '{"path":"src/a.ts","start_line":3}' });
  });

  it('converts leaked <arg_key>/<arg_value> markup to JSON, typed by the schema', () => {
    const r = parseToolArguments('read_file', '<arg_key>path</arg_key>\n<arg_value>src/a b.ts</arg_value><arg_key>start_line</arg_key><arg_value>10</arg_value>', read);
    assert.ok(r.ok);
    assert.deepEqual(r.args, { path: 'src/a b.ts', start_line: 10 });
    assert.match(r.repaired ?? '', /markup/);
  });

  it('decodes a JSON array value inside markup', () => {
    const r = parseToolArguments('edit_file', '<arg_key>path</arg_key><arg_value>a.ts</arg_value><arg_key>edits</arg_key><arg_value>[{"search":"x","replace":"y"}]</arg_value>', edit);
    assert.ok(r.ok);
    assert.deepEqual(r.args.edits, [{ search: 'x', replace: 'y' }]);
  });

  it('refuses markup mixed with other text or repeating a key', () => {
    const mixed = parseToolArguments('read_file', 'open <arg_key>path</arg_key><arg_value>a.ts</arg_value> please', read);
    assert.equal(mixed.ok, false);
    const twice = parseToolArguments('read_file', '<arg_key>path</arg_key><arg_value>a</arg_value><arg_key>path</arg_key><arg_value>b</arg_value>', read);
    assert.ok(!twice.ok && /repeat "path"/.test(twice.error));
  });

  it('repairs a code fence, a trailing comma and double-encoded JSON', () => {
    for (const raw of ['```json\n{"path": "a.ts"}\n```', '{"path": "a.ts",}', JSON.stringify('{"path":"a.ts"}')]) {
      const r = parseToolArguments('read_file', raw, read);
      assert.ok(r.ok, raw);
      assert.deepEqual(r.args, { path: 'a.ts' });
      assert.ok(r.repaired);
    }
  });

  it('refuses truncated JSON with the expected shape in the message', () => {
    const r = parseToolArguments('read_file', '{"path": "a.ts", "start_li', read);
    assert.ok(!r.ok);
    assert.match(r.error, /not valid JSON/);
    assert.match(r.error, /Expected arguments for read_file: \{"path": string, "start_line"\?: integer, "end_line"\?: integer\}/);
  });

  it('reports missing, mistyped, out-of-range and unknown arguments together', () => {
    const r = parseToolArguments('read_file', '{"start_line": 0, "colour": 1}', read);
    assert.ok(!r.ok);
    assert.match(r.error, /"path" is required/);
    assert.match(r.error, /"start_line" must be at least 1/);
    assert.match(r.error, /unknown argument "colour"/);
    const nested = parseToolArguments('edit_file', '{"path":"a","edits":[{"search":1}]}', edit);
    assert.ok(!nested.ok && /edits\[0\]\.replace" is required/.test(nested.error) && /edits\[0\]\.search" must be a string/.test(nested.error));
  });

  it('coerces numbers and booleans sent as strings', () => {
    const r = parseToolArguments('search_text', '{"query":"x","is_regex":"true","max_results":"5"}', TOOL_SCHEMAS.search_text.parameters);
    assert.ok(r.ok);
    assert.deepEqual(r.args, { query: 'x', is_regex: true, max_results: 5 });
  });

  it('treats empty arguments as {} so a tool without required arguments runs', () => {
    const r = parseToolArguments('get_problems', '  ', TOOL_SCHEMAS.get_problems.parameters);
    assert.deepEqual(r, { ok: true, args: {}, json: '{}' });
    assert.equal(parseToolArguments('read_file', '', read).ok, false);
  });

  it('refuses a JSON value that is not an object', () => {
    const r = parseToolArguments('read_file', '["a.ts"]', read);
    assert.ok(!r.ok && /must be an object/.test(r.error));
  });
});
