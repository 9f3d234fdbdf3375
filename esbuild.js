// Builds every bundle from one place: the extension (node, cjs, `vscode` external), the chat webview
// (browser, iife) and its lazily loaded highlighter, the standalone mock GLM server, and the in-editor test suites.
const esbuild = require('esbuild');
const fs = require('fs');
const path = require('path');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** @type {import('esbuild').BuildOptions[]} */
const targets = [
  {
    // The entry VS Code loads: loads dist/main.js through V8's code cache (src/host/codeCache.ts).
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
  {
    entryPoints: ['src/host/main.ts'],
    outfile: 'dist/main.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    plugins: [vscodeOncePlugin()],
  },
  {
    entryPoints: ['src/webview/main.ts'],
    outfile: 'dist/webview.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
  {
    // highlight.js, loaded by the chat webview when the first code block is shown (src/webview/lazyHighlight.ts).
    entryPoints: ['src/webview/highlightMain.ts'],
    outfile: 'dist/highlight.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
  {
    entryPoints: ['src/mock/cli.ts'],
    outfile: 'dist/mock.js',
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
 * namespace object per module at load time (`__toESM`), a measurable share of activation. Routing every
 * import through one ESM re-export copies them once.
 */
function vscodeOncePlugin() {
  return {
    name: 'vscode-once',
    setup(build) {
      build.onResolve({ filter: /^vscode$/ }, (args) =>
        args.namespace === 'vscode-once' ? { path: 'vscode', external: true } : { path: 'vscode', namespace: 'vscode-once' },
      );
      build.onLoad({ filter: /.*/, namespace: 'vscode-once' }, () => ({ contents: "export * from 'vscode';", loader: 'js' }));
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
