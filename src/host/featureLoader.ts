// Features whose code loads on first use. Activation runs only the core bundle (dist/main.js: the services
// and every registration); each feature (the chat, the editor commands, completions, the usage page) is its
// own bundle, dist/features/<name>.js, built by esbuild.js and loaded through V8's code cache the first time
// one of its registrations is used. A module the core holds, or that several features import, is bundled
// only in the core: a feature requires it from here, so the services, their classes and module state exist
// once.
import * as path from 'node:path';
import { requireCached } from './codeCache';

/** What a feature bundle requires to get a shared module (SHARED_MODULES in esbuild.js). */
export const SHARED_MODULES = 'glm:shared-modules';

type Namespace = Record<string, unknown>;

let shared: Record<string, Namespace> = {};

/** Called once, by the core bundle's generated entry (esbuild.js), with every module it shares. */
export function shareModules(modules: Record<string, Namespace>): void {
  shared = modules;
}

export interface FeatureLoader {
  /** The exports of dist/features/<name>.js, loaded on the first call. */
  load<T>(name: string): T;
  /** The features loaded so far, in order (tests). */
  loaded(): string[];
}

/**
 * Loads features from `distDir`/features, their code cache in `cacheDir`; `parentRequire` resolves their
 * other imports (`vscode`, Node's modules).
 */
export function featureLoader(distDir: string, cacheDir: string, parentRequire: NodeJS.Require): FeatureLoader {
  const features = new Map<string, unknown>();
  const featureRequire = Object.assign((id: string): unknown => (id === SHARED_MODULES ? sharedModule : parentRequire(id)), parentRequire);
  return {
    load<T>(name: string): T {
      if (!features.has(name)) features.set(name, requireCached(path.join(distDir, 'features', `${name}.js`), cacheDir, featureRequire).exports);
      return features.get(name) as T;
    },
    loaded: () => [...features.keys()],
  };
}

/**
 * The core's instance of a module, as a feature's bundle expects a required ES module: marked `__esModule`
 * (so its default export is `default`), each export read live.
 */
function sharedModule(file: string): Namespace {
  const namespace = shared[file];
  if (!namespace) throw new Error(`The extension's core bundle does not hold ${file}: rebuild the extension.`);
  const module: Namespace = {};
  Object.defineProperty(module, '__esModule', { value: true });
  for (const key of Object.keys(namespace)) Object.defineProperty(module, key, { enumerable: true, get: () => namespace[key] });
  return module;
}
