// `edit_file`: exact search/replace blocks, applied in order, all or nothing. A block that matches zero or
// several times fails with a message that says what to do (read the file again, add context lines), because
// a guessed location is how agents corrupt files.

export interface EditBlock {
  search: string;
  replace: string;
}

export type EditResult = { ok: true; content: string } | { ok: false; error: string };

export function applyEditBlocks(original: string, blocks: readonly EditBlock[]): EditResult {
  // Files with CRLF line ends get the blocks in CRLF too: the model writes \n.
  const eol = original.includes('\r\n') ? '\r\n' : '\n';
  let content = original;
  for (let i = 0; i < blocks.length; i++) {
    const label = blocks.length > 1 ? `Edit ${i + 1} of ${blocks.length}` : 'The edit';
    const search = withEol(blocks[i].search, eol);
    const replace = withEol(blocks[i].replace, eol);
    if (search === '') return { ok: false, error: `${label} has an empty "search"; copy the exact text to replace from the file, or use write_file for a new file.` };
    const at = occurrences(content, search);
    if (at.length === 0) return { ok: false, error: `${label}: "search" was not found in the file${nearMiss(content, search)}. Read the file again and copy the text exactly, whitespace included. No change was made.` };
    if (at.length > 1) {
      const lines = at.slice(0, 5).map((pos) => lineOf(content, pos)).join(', ');
      return { ok: false, error: `${label}: "search" matches ${at.length} times (lines ${lines}); add surrounding lines so it matches exactly once. No change was made.` };
    }
    content = content.slice(0, at[0]) + replace + content.slice(at[0] + search.length);
  }
  return { ok: true, content };
}

function withEol(text: string, eol: string): string {
  return eol === '\n' ? text : text.replace(/\r?\n/g, eol);
}

function occurrences(text: string, search: string): number[] {
  const out: number[] = [];
  for (let pos = text.indexOf(search); pos !== -1; pos = text.indexOf(search, pos + 1)) out.push(pos);
  return out;
}

function lineOf(text: string, pos: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < pos; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** The most common miss is indentation or trailing spaces: say so when the text matches without them. */
function nearMiss(content: string, search: string): string {
  const squash = (s: string): string => s.replace(/[ \t]+/g, ' ').replace(/ ?\r?\n ?/g, '\n').trim();
  const needle = squash(search);
  if (!needle) return '';
  const pos = squash(content).indexOf(needle);
  return pos === -1 ? '' : ' (it appears with different whitespace or indentation)';
}
