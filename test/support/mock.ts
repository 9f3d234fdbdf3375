import { startMockServer, type MockServer } from '../../src/mock/server';
import { onCleanup } from './cleanup';

/** The local mock GLM server on a free 127.0.0.1 port, closed with every other harness resource. */
export async function startMock(token?: string): Promise<MockServer> {
  const mock = await startMockServer({ port: 0, host: '127.0.0.1', token });
  const unregister = onCleanup(() => mock.close());
  const close = mock.close.bind(mock);
  return Object.assign(mock, {
    close: async () => {
      unregister();
      await close();
    },
  });
}
