// `npm run bench`: every benchmark, one after another, each printing its own side-by-side ratios.
import { benchActivation } from './activation';
import { benchCompletions } from './completions';
import { benchGlmStream } from './glmStream';
import { benchHostStream } from './hostStream';
import { benchRender } from './render';
import { benchChatScale } from './chatScale';
import { benchScheduler } from './scheduler';

async function main(): Promise<void> {
  const only = process.argv[2];
  if (!only || only === 'glm') await benchGlmStream();
  if (!only || only === 'render') await benchRender();
  if (!only || only === 'host-stream') await benchHostStream();
  if (!only || only === 'activation') await benchActivation();
  if (!only || only === 'chat-scale') await benchChatScale();
  if (!only || only === 'scheduler') await benchScheduler();
  if (!only || only === 'completions') await benchCompletions();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
