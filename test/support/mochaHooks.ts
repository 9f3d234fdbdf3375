// Root hooks for mocha runs of the harness (e2e): whatever a suite left registered is cleaned up at the end.
import { runCleanups } from './cleanup';

export const mochaHooks = {
  afterAll: runCleanups,
};
