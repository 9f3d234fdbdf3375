// The mock's vision models: image_url parts reach them (the answer says what they saw), text models refuse them
// with Zhipu's error shape, and image headers are read for the sizes.
import * as assert from 'node:assert/strict';
import { startMockServer, type MockServer } from '../../../src/mock/server';
import { imageSize, isVisionModel } from '../../../src/mock/vision';
import { pngDataUrl } from '../../support/images';
import { rawPost } from './rawHttp';

const b64 = (bytes: number[]) => Buffer.from(bytes).toString('base64');

describe('mock vision models', () => {
  let server: MockServer;
  before(async () => {
    server = await startMockServer();
  });
  after(() => server.close());

  const ask = async (model: string, urls: string[], text = 'What is this?') => {
    const content = [...urls.map((url) => ({ type: 'image_url', image_url: { url } })), { type: 'text', text }];
    const res = await rawPost(server, { model, messages: [{ role: 'user', content }] });
    return { status: res.status, body: JSON.parse(res.body.toString('utf8')) };
  };

  it('a vision model answers with the number and sizes of the images it saw', async () => {
    const { status, body } = await ask('glm-4.6v', [pngDataUrl(640, 480), pngDataUrl(32, 16)]);
    assert.equal(status, 200);
    assert.match(body.choices[0].message.content, /^I see 2 image\(s\), 640x480, 32x16\./);
    assert.ok(body.usage.prompt_tokens >= 2000 && body.usage.prompt_tokens < 2100, 'an image costs a fixed count, not its base64 length');
  });

  it('a text model refuses image parts with Zhipu error 1210', async () => {
    const { status, body } = await ask('glm-4.7', [pngDataUrl(4, 4)]);
    assert.equal(status, 400);
    assert.equal(body.error.code, '1210');
    assert.match(body.error.message, /does not support image input/);
  });

  it('a vision model refuses an image it cannot decode', async () => {
    const { status, body } = await ask('glm-4.5v', ['data:image/png;base64,AAAA']);
    assert.equal(status, 400);
    assert.equal(body.error.code, '1210');
  });

  it('knows the vision models by name', () => {
    assert.deepEqual(['glm-4.6v', 'glm-4.6v-flash', 'glm-4.5v', 'glm-4.1v-thinking-flash', 'GLM-4V'].filter(isVisionModel).length, 5);
    assert.deepEqual(['glm-4.7', 'glm-4.5-air', 'glm-5.1', 'vision'].filter(isVisionModel), []);
  });

  it('reads PNG, GIF, JPEG and WebP sizes from their headers', () => {
    assert.deepEqual(imageSize(pngDataUrl(7, 3)), { width: 7, height: 3 });
    assert.deepEqual(imageSize(`data:image/gif;base64,${b64([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 10, 0, 20, 0, 0, 0])}`), { width: 10, height: 20 });
    const jpeg = [0xff, 0xd8, 0xff, 0xe0, 0, 4, 0, 0, 0xff, 0xc0, 0, 11, 8, 0, 30, 0, 40, 3, 0, 0, 0];
    assert.deepEqual(imageSize(`data:image/jpeg;base64,${b64(jpeg)}`), { width: 40, height: 30 });
    const vp8x = Buffer.alloc(30);
    vp8x.write('RIFF', 0, 'latin1');
    vp8x.write('WEBP', 8, 'latin1');
    vp8x.write('VP8X', 12, 'latin1');
    vp8x.writeUIntLE(99, 24, 3);
    vp8x.writeUIntLE(49, 27, 3);
    assert.deepEqual(imageSize(`data:image/webp;base64,${vp8x.toString('base64')}`), { width: 100, height: 50 });
    assert.equal(imageSize('data:image/png;base64,AAAA'), undefined);
    assert.equal(imageSize('https://example.com/a.png'), undefined);
  });
});
