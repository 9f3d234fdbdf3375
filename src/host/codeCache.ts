// Loads a CommonJS bundle with V8's code cache. Compiling the extension's bundle is most of what VS Code
// counts as its activation time; with the cache from the previous start, V8 skips parsing it. The cache
// is keyed by the bundle's size and time (V8 itself checks little more than the source length; an
// install or update writes a new file), written once,
// a moment after activation so it also holds the functions activation compiled, and stale ones are removed.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';

const SAVE_DELAY_MS = 2000;

type ModuleFunction = (exports: object, require: NodeJS.Require, module: { exports: object }, filename: string, dirname: string) => void;

/**
 * `require(file)` for a bundle, through the code cache kept in `cacheDir`; `parentRequire` resolves its
 * imports. Resolves `saved` once a missing or stale cache has been written (tests).
 */
export function requireCached<T>(file: string, cacheDir: string, parentRequire: NodeJS.Require, saveDelayMs = SAVE_DELAY_MS): { exports: T; saved: Promise<boolean> } {
  const source = fs.readFileSync(file, 'utf8');
  const stat = fs.statSync(file);
  const name = `${path.basename(file)}.${stat.size}-${String(stat.mtimeMs).replace('.', '_')}.v8cache`;
  const cacheFile = path.join(cacheDir, name);
  const cachedData = readOrUndefined(cacheFile);
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file, cachedData });
  const module = { exports: {} };
  (script.runInThisContext() as ModuleFunction)(module.exports, parentRequire, module, file, path.dirname(file));
  const saved = !cachedData || script.cachedDataRejected
    ? new Promise<boolean>((resolve) => setTimeout(() => resolve(save(script, cacheDir, name)), saveDelayMs))
    : Promise.resolve(false);
  return { exports: module.exports as T, saved };
}

function readOrUndefined(file: string): Buffer | undefined {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;   // the first start, or a new version
  }
}

async function save(script: vm.Script, dir: string, name: string): Promise<boolean> {
  try {
    await fs.promises.mkdir(dir, { recursive: true });
    await fs.promises.writeFile(path.join(dir, name), script.createCachedData());
    const prefix = name.slice(0, name.indexOf('.js.') + 4);
    for (const old of await fs.promises.readdir(dir)) {
      if (old !== name && old.startsWith(prefix) && old.endsWith('.v8cache')) await fs.promises.rm(path.join(dir, old), { force: true });
    }
    return true;
  } catch {
    return false;   // no cache: the next start compiles the bundle again, nothing else changes
  }
}
