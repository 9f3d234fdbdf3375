import assert from 'node:assert/strict';
import { assertNever, limits, validateFromWebview, type FromWebview } from '../../../src/shared/protocol';

const good: FromWebview[] = [
  { type: 'webview/ready' },
  { type: 'chat/send', requestId: 'r1', chatId: 'c1', text: 'hello', chipIds: ['k1', 'k2'], model: 'glm-4.7', thinking: 'auto' },
  { type: 'chat/stop', requestId: 'r1' },
  { type: 'chat/regenerate', requestId: 'r2', chatId: 'c1', turnId: 't9', model: 'glm-5.1', thinking: 'enabled' },
  { type: 'chat/edit', requestId: 'r3', chatId: 'c1', turnId: 't1', text: 'again', model: 'my/custom-model:v2', thinking: 'disabled' },
  { type: 'chat/switchBranch', chatId: 'c1', turnId: 't1', index: 0 },
  { type: 'chat/new' },
  { type: 'chat/switch', chatId: 'c2' },
  { type: 'chat/rename', chatId: 'c2', title: 'Refactor ✨' },
  { type: 'chat/delete', chatId: 'c2' },
  { type: 'chat/undoDelete', chatId: 'c2' },
  { type: 'chat/search', query: 'useEffect' },
  { type: 'chat/export', chatId: 'c1' },
  { type: 'chat/setModel', chatId: 'c1', model: 'glm-4.5-air' },
  { type: 'chat/setThinking', chatId: 'c1', thinking: 'enabled' },
  { type: 'context/attach', kind: 'workspaceFile' },
  { type: 'context/remove', chipId: 'k1' },
  { type: 'code/copy', code: 'const a = 1;' },
  { type: 'code/insert', code: 'x', lang: 'ts' },
  { type: 'code/apply', code: 'x', lang: '' },
  { type: 'code/newFile', code: 'x', lang: 'c++' },
  { type: 'link/open', href: 'https://example.com/a?b=c#d' },
  { type: 'link/open', href: 'src/main.ts#L10' },
  { type: 'error/action', requestId: 'r4', chatId: 'c1', turnId: 't2', action: 'retry' },
  { type: 'error/action', requestId: 'r5', chatId: 'c1', turnId: 't2', action: 'switchModel', model: 'glm-4.7' },
  { type: 'agent/approve', callId: 'k1', decision: 'deny', reason: 'not now' },
  { type: 'agent/reviewCall', callId: 'k1' },
  { type: 'agent/restore', chatId: 'c1', turnId: 't1', confirmed: true },
  { type: 'agent/rejectFile', chatId: 'c1', turnId: 't1', path: 'src/a.ts' },
  { type: 'chat/send', requestId: 'r6', chatId: 'c1', text: '', chipIds: [], model: 'glm-4.6v', thinking: 'auto',
    images: [{ name: 'shot.png', mime: 'image/png', dataUrl: 'data:image/png;base64,iVBORw0KGgo=', width: 640, height: 480 }] },
  { type: 'image/pick' },
  { type: 'image/open', chatId: 'c1', turnId: 't1', index: 3 },
];

describe('validateFromWebview', () => {
  for (const msg of good) {
    it(`accepts a well-formed ${msg.type}`, () => {
      const out = validateFromWebview(JSON.parse(JSON.stringify(msg)));
      assert.deepEqual(out, msg);
    });
  }

  it('returns a copy, not the object it was given', () => {
    const raw = { type: 'chat/send', requestId: 'r1', chatId: 'c1', text: 'hi', chipIds: ['a'], model: 'glm-4.7', thinking: 'auto' };
    const out = validateFromWebview(raw) as Extract<FromWebview, { type: 'chat/send' }>;
    assert.notEqual(out, raw);
    assert.notEqual(out.chipIds, raw.chipIds);
  });

  const bad: Array<[string, unknown]> = [
    ['null', null],
    ['a string', 'chat/new'],
    ['an array', [{ type: 'chat/new' }]],
    ['no type', { chatId: 'c1' }],
    ['an unknown type', { type: 'chat/destroyEverything' }],
    ['a prototype key as type', { type: 'constructor' }],
    ['an extra field', { type: 'chat/new', chatId: 'c1' }],
    ['a missing field', { type: 'chat/switch' }],
    ['a number where a string belongs', { type: 'chat/switch', chatId: 42 }],
    ['an id with a path in it', { type: 'chat/delete', chatId: '../../etc/passwd' }],
    ['an empty id', { type: 'chat/delete', chatId: '' }],
    ['an oversize id', { type: 'chat/switch', chatId: 'x'.repeat(limits.id + 1) }],
    ['blank prompt text', { type: 'chat/send', requestId: 'r', chatId: 'c', text: '  \n', chipIds: [], model: 'glm-4.7', thinking: 'auto' }],
    ['oversize prompt text', { type: 'chat/send', requestId: 'r', chatId: 'c', text: 'a'.repeat(limits.text + 1), chipIds: [], model: 'glm-4.7', thinking: 'auto' }],
    ['chip ids that are not strings', { type: 'chat/send', requestId: 'r', chatId: 'c', text: 'a', chipIds: [1], model: 'glm-4.7', thinking: 'auto' }],
    ['chip ids that are not an array', { type: 'chat/send', requestId: 'r', chatId: 'c', text: 'a', chipIds: 'k1', model: 'glm-4.7', thinking: 'auto' }],
    ['an unknown thinking mode', { type: 'chat/setThinking', chatId: 'c', thinking: 'maximum' }],
    ['a model id with spaces', { type: 'chat/setModel', chatId: 'c', model: 'glm 4.7' }],
    ['an oversize title', { type: 'chat/rename', chatId: 'c', title: 't'.repeat(limits.title + 1) }],
    ['an oversize query', { type: 'chat/search', query: 'q'.repeat(limits.query + 1) }],
    ['an unknown context kind', { type: 'context/attach', kind: 'secrets' }],
    ['a javascript: link', { type: 'link/open', href: 'javascript:alert(1)' }],
    ['a command: link', { type: 'link/open', href: 'command:workbench.action.terminal.sendSequence' }],
    ['a file: link', { type: 'link/open', href: 'file:///etc/passwd' }],
    ['a link with whitespace', { type: 'link/open', href: 'https://a.example/ x' }],
    ['an unknown error action', { type: 'error/action', requestId: 'r', chatId: 'c', turnId: 't', action: 'deleteToken' }],
    ['switchModel without a model', { type: 'error/action', requestId: 'r', chatId: 'c', turnId: 't', action: 'switchModel' }],
    ['a fractional branch index', { type: 'chat/switchBranch', chatId: 'c', turnId: 't', index: 1.5 }],
    ['a negative branch index', { type: 'chat/switchBranch', chatId: 'c', turnId: 't', index: -1 }],
    ['a fifth image', { type: 'chat/send', requestId: 'r', chatId: 'c', text: 'a', chipIds: [], model: 'glm-4.6v', thinking: 'auto', images: Array(5).fill({ name: 'a.png', mime: 'image/png', dataUrl: 'data:image/png;base64,iVBORw0KGgo=', width: 10, height: 10 }) }],
    ['an image that is not a data URL', { type: 'chat/send', requestId: 'r', chatId: 'c', text: 'a', chipIds: [], model: 'glm-4.6v', thinking: 'auto', images: [{ ...{ name: 'a.png', mime: 'image/png', dataUrl: 'data:image/png;base64,iVBORw0KGgo=', width: 10, height: 10 }, dataUrl: 'https://evil.example/a.png' }] }],
    ['an image whose type does not match its data', { type: 'chat/send', requestId: 'r', chatId: 'c', text: 'a', chipIds: [], model: 'glm-4.6v', thinking: 'auto', images: [{ ...{ name: 'a.png', mime: 'image/png', dataUrl: 'data:image/png;base64,iVBORw0KGgo=', width: 10, height: 10 }, mime: 'image/gif' }] }],
    ['an SVG image', { type: 'chat/send', requestId: 'r', chatId: 'c', text: 'a', chipIds: [], model: 'glm-4.6v', thinking: 'auto', images: [{ ...{ name: 'a.png', mime: 'image/png', dataUrl: 'data:image/png;base64,iVBORw0KGgo=', width: 10, height: 10 }, mime: 'image/svg+xml', dataUrl: 'data:image/svg+xml;base64,PHN2Zz4=' }] }],
    ['an image larger than the edge limit', { type: 'chat/send', requestId: 'r', chatId: 'c', text: 'a', chipIds: [], model: 'glm-4.6v', thinking: 'auto', images: [{ ...{ name: 'a.png', mime: 'image/png', dataUrl: 'data:image/png;base64,iVBORw0KGgo=', width: 10, height: 10 }, width: 4096 }] }],
    ['an image with an extra field', { type: 'chat/send', requestId: 'r', chatId: 'c', text: 'a', chipIds: [], model: 'glm-4.6v', thinking: 'auto', images: [{ ...{ name: 'a.png', mime: 'image/png', dataUrl: 'data:image/png;base64,iVBORw0KGgo=', width: 10, height: 10 }, path: '/etc/passwd' }] }],
    ['blank text and no images', { type: 'chat/send', requestId: 'r', chatId: 'c', text: ' ', chipIds: [], model: 'glm-4.6v', thinking: 'auto', images: [] }],
    ['an image index past the limit', { type: 'image/open', chatId: 'c', turnId: 't', index: 4 }],
    ['an image/open with a path for an id', { type: 'image/open', chatId: '../x', turnId: 't', index: 0 }],
    ['image/pick with a field', { type: 'image/pick', path: '/etc' }],
    ['an oversize code block', { type: 'code/copy', code: 'x'.repeat(limits.code + 1) }],
    ['a language with markup', { type: 'code/insert', code: 'x', lang: '<b>' }],
    ['an unknown agent message', { type: 'agent/runAnything', callId: 'k1' }],
    ['a review of a call without its id', { type: 'agent/reviewCall' }],
    ['a review with an extra field', { type: 'agent/reviewCall', callId: 'k1', after: 'x' }],
    ['an unknown approval decision', { type: 'agent/approve', callId: 'k1', decision: 'yolo' }],
  ];
  for (const [name, raw] of bad) {
    it(`rejects ${name}`, () => {
      assert.equal(validateFromWebview(raw), undefined);
    });
  }

  it('assertNever throws on anything that reaches it', () => {
    assert.throws(() => assertNever('x' as never, 'message'), /Unexpected message: "x"/);
  });
});
