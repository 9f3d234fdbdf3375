// Builds every bundle from one place: the extension (node, cjs, `vscode` external) as a small core and its
// features loaded on first use, the chat webview (browser, iife) and its lazily loaded highlighter, the
// standalone mock GLM server, and the in-editor test suites.
const esbuild = require('esbuild');
const fs = require('fs');
const path = require('path');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
/** Where the product's bundles go; tests build elsewhere with `--outdir=<dir>`. */
const dist = process.argv.find((a) => a.startsWith('--outdir='))?.slice('--outdir='.length) ?? 'dist';

const CORE_ENTRY = 'src/host/main.ts';
/**
 * Features loaded on first use (src/host/featureLoader.ts): name (dist/features/<name>.js) and entry module.
 * Their registrations stay in the core; a module two bundles need is bundled once, in the core.
 */
const FEATURES = [
  ['chat', 'src/host/chat/chatFeature.ts'],
  ['editor', 'src/host/editor/editorFeature.ts'],
  ['completions', 'src/host/completions/completionsFeature.ts'],
  ['usage', 'src/host/usage/usagePanel.ts'],
  ['glm', 'src/glm/glmClient.ts'],
  ['lm', 'src/host/lm/glmChatProvider.ts'],
];
/** What a feature bundle requires to get a module of the core (SHARED_MODULES in src/host/featureLoader.ts). */
const SHARED_MODULES = 'glm:shared-modules';

/** @type {import('esbuild').BuildOptions[]} */
const targets = [
  {
    // The entry VS Code loads: loads dist/main.js through V8's code cache (src/host/codeCache.ts).
    entryPoints: ['src/extension.ts'],
    outfile: `${dist}/extension.js`,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
  {
    // The core: what activation runs (services and every registration), plus the modules it shares with the
    // features (src/host/featureLoader.ts hands them over).
    entryPoints: [CORE_ENTRY],
    outfile: `${dist}/main.js`,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    plugins: [vscodeOncePlugin(), coreEntryPlugin()],
  },
  ...FEATURES.map(([name, entry]) => ({
    entryPoints: [entry],
    outfile: `${dist}/features/${name}.js`,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', SHARED_MODULES],
    plugins: [vscodeOncePlugin(), sharedModulesPlugin()],
  })),
  {
    entryPoints: ['src/webview/main.ts'],
    outfile: `${dist}/webview.js`,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
  {
    // highlight.js, loaded by the chat webview when the first code block is shown (src/webview/lazyHighlight.ts).
    entryPoints: ['src/webview/highlightMain.ts'],
    outfile: `${dist}/highlight.js`,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
  {
    entryPoints: ['src/mock/cli.ts'],
    outfile: `${dist}/mock.js`,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
];

// Suites that run inside the real extension host (mocha is loaded from node_modules there): the entry
// point and every *.test.ts next to it, each its own bundle, found by the entry at run time. Not part of a
// --production build (packaging), which ships none of them.
for (const suite of production ? [] : ['integration']) {
  const dir = `test/${suite}`;
  if (!fs.existsSync(dir)) continue;
  fs.rmSync(`out/${dir}`, { recursive: true, force: true }); // a deleted test must not linger as a stale bundle
  for (const file of fs.readdirSync(dir).filter((f) => f === 'index.ts' || f.endsWith('.test.ts'))) {
    targets.push({
      entryPoints: [`${dir}/${file}`],
      outfile: `out/${dir}/${file.replace(/\.ts$/, '.js')}`,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['vscode', 'mocha'],
    });
  }
}

async function main() {
  // The package ships every dist/features/*.js (.vscodeignore): a feature renamed or removed must not linger.
  fs.rmSync(`${dist}/features`, { recursive: true, force: true });
  const contexts = await Promise.all(
    targets
      .filter((t) => fs.existsSync(t.entryPoints[0]))
      .map((t) =>
        esbuild.context({
          bundle: true,
          minify: production,
          sourcemap: !production,
          sourcesContent: false,
          metafile: true,
          logLevel: 'warning',
          ...t,
          plugins: [...(t.plugins ?? []), metafilePlugin(t.outfile)],
        }),
      ),
  );
  if (watch) {
    await Promise.all(contexts.map((c) => c.watch()));
    console.log('[esbuild] watching…');
    return;
  }
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
}

/**
 * `import * as vscode from 'vscode'` in each of ~30 modules makes esbuild copy the API's ~400 names onto a
 * namespace object per module at load time (`__toESM`), and even one `export * from 'vscode'` copies them
 * once, a measurable share of activation. Instead every import goes through one module that exports the
 * API's names our code uses as plain variables, so `vscode.window` compiles to a variable read and nothing
 * is copied. A name it lacks is a build error (`import-is-undefined`), not an `undefined` at run time.
 */
function vscodeOncePlugin() {
  return {
    name: 'vscode-once',
    setup(build) {
      build.initialOptions.logOverride = { ...build.initialOptions.logOverride, 'import-is-undefined': 'error' };
      build.onResolve({ filter: /^vscode$/ }, (args) =>
        args.namespace === 'vscode-once' ? { path: 'vscode', external: true } : { path: 'vscode', namespace: 'vscode-once' },
      );
      build.onLoad({ filter: /.*/, namespace: 'vscode-once' }, () => {
        const names = vscodeNamesUsed().map((n) => `export const ${n} = api.${n};`);
        return { contents: `const api = require('vscode');\n${names.join('\n')}\n`, loader: 'js' };
      });
    },
  };
}

/** The top-level names of the VS Code API (from @types/vscode) that `vscode.<name>` reads somewhere in src/. */
function vscodeNamesUsed() {
  const dts = fs.readFileSync(require.resolve('@types/vscode/index.d.ts'), 'utf8');
  const api = new Set([...dts.matchAll(/^\s*export (?:namespace|class|enum|const|function|let) (\w+)/gm)].map((m) => m[1]));
  const used = new Set();
  for (const file of fs.readdirSync('src', { recursive: true }).filter((f) => f.endsWith('.ts'))) {
    for (const m of fs.readFileSync(path.join('src', file), 'utf8').matchAll(/\bvscode\.([A-Za-z_$][\w$]*)/g)) if (api.has(m[1])) used.add(m[1]);
  }
  return [...used].sort();
}

/**
 * Every module the core bundle holds, and every module more than one feature imports (bundled once, in the
 * core, so a class or a module's state exists once): paths relative to this directory. Computed once per
 * run; in watch mode a module newly shared after the start is bundled twice (works, bigger) until a restart.
 */
let sharedPaths;
function sharedModulePaths() {
  sharedPaths ??= (async () => {
    const inputsOf = async (entry) => {
      const result = await esbuild.build({
        entryPoints: [entry], bundle: true, write: false, metafile: true, platform: 'node', format: 'cjs', logLevel: 'silent',
        external: ['vscode'], plugins: [vscodeOncePlugin()],
      });
      return Object.keys(result.metafile.inputs).filter((p) => !p.includes(':')); // not virtual modules
    };
    const [core, ...features] = await Promise.all([CORE_ENTRY, ...FEATURES.map(([, entry]) => entry)].map(inputsOf));
    const uses = new Map();
    for (const p of features.flat()) uses.set(p, (uses.get(p) ?? 0) + 1);
    return new Set([...core, ...[...uses].filter(([, n]) => n > 1).map(([p]) => p)]);
  })();
  return sharedPaths;
}

/** The core's entry: src/host/main.ts's exports, and every shared module handed to src/host/featureLoader.ts. */
function coreEntryPlugin() {
  return {
    name: 'core-entry',
    setup(build) {
      build.onResolve({ filter: /.*/ }, (args) => (args.kind === 'entry-point' ? { path: args.path, namespace: 'core-entry' } : undefined));
      build.onLoad({ filter: /.*/, namespace: 'core-entry' }, async (args) => {
        const paths = [...(await sharedModulePaths())].sort();
        const imports = paths.map((p, i) => `import * as m${i} from ${JSON.stringify(`./${p}`)};`);
        const table = paths.map((p, i) => `${JSON.stringify(p)}: m${i}`).join(',\n  ');
        return {
          contents: `export * from './${args.path}';\nimport { shareModules } from './src/host/featureLoader';\n${imports.join('\n')}\nshareModules({\n  ${table}\n});\n`,
          resolveDir: __dirname,
          loader: 'js',
        };
      });
    },
  };
}

/** In a feature bundle, a shared module is `require(SHARED_MODULES)(path)`: the core's instance of it. */
function sharedModulesPlugin() {
  return {
    name: 'shared-modules',
    setup(build) {
      build.onResolve({ filter: /.*/ }, async (args) => {
        if (args.kind === 'entry-point' || args.pluginData === 'inner' || args.path === 'vscode' || args.path === SHARED_MODULES || args.namespace !== 'file') return undefined;
        const resolved = await build.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: 'inner' });
        const rel = path.relative(__dirname, resolved.path).split(path.sep).join('/');
        // Not shared (or not resolvable: esbuild reports it): bundled here as usual.
        return !resolved.errors.length && (await sharedModulePaths()).has(rel) ? { path: rel, namespace: 'shared-module' } : undefined;
      });
      build.onLoad({ filter: /.*/, namespace: 'shared-module' }, (args) => ({
        contents: `module.exports = require(${JSON.stringify(SHARED_MODULES)})(${JSON.stringify(args.path)});`,
        loader: 'js',
      }));
    },
  };
}

/** Writes `<outfile>.meta.json` next to each bundle so size budgets can be checked. */
function metafilePlugin(outfile) {
  return {
    name: 'metafile',
    setup(build) {
      build.onEnd((result) => {
        if (result.metafile) {
          fs.mkdirSync(path.dirname(outfile), { recursive: true });
          fs.writeFileSync(`${outfile}.meta.json`, JSON.stringify(result.metafile));
        }
        if (watch) console.log(`[esbuild] ${outfile}: ${result.errors.length} error(s)`);
      });
    },
  };
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
