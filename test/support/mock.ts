import { startMockServer, type MockServer, type MockServerOptions } from '../../src/mock/server';
import { onCleanup } from './cleanup';

/** The local mock GLM server on a free 127.0.0.1 port, closed with every other harness resource. */
export async function startMock(opts: Pick<MockServerOptions, 'token' | 'tokensPerSecond'> = {}): Promise<MockServer> {
  const mock = await startMockServer({ ...opts, port: 0, host: '127.0.0.1' });
  const unregister = onCleanup(() => mock.close());
  const close = mock.close.bind(mock);
  return Object.assign(mock, {
    close: async () => {
      unregister();
      await close();
    },
  });
}
