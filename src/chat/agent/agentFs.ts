// The small file-system interface the agent's tools use: Node's fs in tests and benches, `vscode.workspace.fs`
// in the extension host (so remote workspaces work). Paths are absolute file-system paths.

export type EntryType = 'file' | 'directory' | 'other';

export interface AgentFs {
  /** Undefined when nothing is there. */
  stat(abs: string): Promise<{ type: EntryType; size: number } | undefined>;
  readFile(abs: string): Promise<Uint8Array>;
  /** Creates missing parent folders. */
  writeFile(abs: string, data: Uint8Array): Promise<void>;
  readDirectory(abs: string): Promise<Array<[name: string, type: EntryType]>>;
  delete(abs: string): Promise<void>;
}

const decoder = new TextDecoder('utf-8');
const encoder = new TextEncoder();

export async function readText(fs: AgentFs, abs: string): Promise<string> {
  return decoder.decode(await fs.readFile(abs));
}

export function writeText(fs: AgentFs, abs: string, text: string): Promise<void> {
  return fs.writeFile(abs, encoder.encode(text));
}
