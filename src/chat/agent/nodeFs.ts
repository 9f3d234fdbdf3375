// AgentFs on Node's fs: used by tests, benches and the mock-free tool runs outside VS Code.
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import type { AgentFs, EntryType } from './agentFs';

export const nodeFs: AgentFs = {
  async stat(abs) {
    try {
      const s = await fsp.stat(abs);
      return { type: s.isFile() ? 'file' : s.isDirectory() ? 'directory' : 'other', size: s.size };
    } catch {
      return undefined;
    }
  },
  readFile: (abs) => fsp.readFile(abs),
  async writeFile(abs, data) {
    await fsp.mkdir(path.dirname(abs), { recursive: true });
    await fsp.writeFile(abs, data);
  },
  async readDirectory(abs) {
    const entries = await fsp.readdir(abs, { withFileTypes: true });
    return entries.map((e): [string, EntryType] => [e.name, e.isFile() ? 'file' : e.isDirectory() ? 'directory' : 'other']);
  },
  delete: (abs) => fsp.rm(abs, { force: true }),
};
