// `npm run mock` / `node dist/mock.js [--port 8787] [--host 127.0.0.1] [--token mock-token] [--tps 40] [--max-concurrent N]`:
// the mock GLM server for demos and for tests that run in another process (the extension host).
import { scenarioHelp } from './catalog';
import { startMockServer } from './server';

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  if (i >= 0) return args[i + 1];
  return args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    console.log('Usage: node dist/mock.js [--port 8787] [--host 127.0.0.1] [--token mock-token] [--tps 40] [--max-concurrent N]');
    console.log(scenarioHelp());
    return;
  }
  const server = await startMockServer({
    port: Number(option(args, 'port') ?? 8787),
    host: option(args, 'host') ?? '127.0.0.1',
    token: option(args, 'token') ?? 'mock-token',
    // A readable pace for demos; `--tps 0` streams as fast as possible.
    tokensPerSecond: Number(option(args, 'tps') ?? 40) || undefined,
    // Like a Coding Plan: 1302 above this many requests at once.
    maxConcurrent: Number(option(args, 'max-concurrent')) || undefined,
  });
  console.log(`Mock GLM server listening on ${server.url}`);
  console.log(`Token: ${server.token}`);
  console.log('Steer with the header "x-mock-scenario: NAME k=v" or "[[mock:NAME k=v]]" in the last user message (--help lists them).');
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    server.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
