// One cold activation for `bench activation`, in its own plain node process (bundled by the bench, so no
// loader transforms the extension): loads an extension bundle (argv[2]) against a fake `vscode` module that
// accepts any registration, then calls activate(), then opens the chat view once (what loads the chat's code
// since features load on first use). Prints JSON: the time to load the bundle, the time activate() took, how
// many API calls activation made, and the time the chat view's first resolve took. argv[3] lists the API's
// top-level names; argv[4] is the extension's storage (its code cache), one per variant compared.
import Module from 'node:module';
import { readFileSync } from 'node:fs';

// Node's modules that VS Code's extension host process imports itself before any extension activates: loaded
// here too, so no variant is charged for them (a bundle that imports them gets them for free there).
const hostRequire = Module.createRequire(__filename);
for (const name of ['node:child_process', 'node:crypto', 'node:http', 'node:net', 'node:os', 'node:stream', 'node:zlib']) hostRequire(name);

const storage = process.argv[4];
let calls = 0;
/** What activation registered with `window.registerWebviewViewProvider`: the chat view. */
let chatView: { resolveWebviewView(view: unknown): unknown } | undefined;
/** Any property is another fake, any call or `new` returns one; enough for registration code. */
function fake(name: string): unknown {
  const target = function () {} as unknown as object;
  return new Proxy(target, {
    get: (_t, prop) => {
      if (prop === 'then' || prop === Symbol.iterator) return undefined;
      if (prop === Symbol.toPrimitive || prop === 'toString') return () => name; // enum members as object keys
      if (prop === 'dispose') return () => undefined;
      if (prop === 'extensionMode') return 1;
      if (prop === 'fsPath' || prop === 'path') return storage;
      if (prop === 'get') return (_key: unknown, fallback?: unknown) => fallback; // settings and mementos: the default
      return fake(`${name}.${String(prop)}`);
    },
    apply: (_t, _this, args: unknown[]) => {
      calls++;
      if (name.endsWith('.registerWebviewViewProvider')) chatView = args[1] as typeof chatView;
      return fake(`${name}()`);
    },
    construct: () => fake(`new ${name}`) as object,
    set: () => true, // e.g. a status bar item's `name`; a function target's own `name` is read-only
  });
}

// A module with own keys (esbuild's interop copies them), each a fake.
const names = JSON.parse(readFileSync(process.argv[3], 'utf8')) as string[];
const vscode = Object.fromEntries(names.map((name) => [name, fake(name)]));
const load = (Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown })._load;
(Module as unknown as { _load: typeof load })._load = function (request: string, ...rest: unknown[]) {
  return request === 'vscode' ? vscode : load.call(this, request, ...rest);
};

const t0 = performance.now();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ext = require(process.argv[2]) as { activate(context: unknown): unknown };
const t1 = performance.now();
const result = ext.activate(fake('context'));
const t2 = performance.now();
const activationCalls = calls;
void Promise.resolve(result).then(() => {
  const t3 = performance.now();
  chatView?.resolveWebviewView(fake('view'));
  console.log(JSON.stringify({ loadMs: t1 - t0, activateMs: t2 - t1, calls: activationCalls, chatViewMs: performance.now() - t3 }));
});
