// The workspace tools the agent offers, with JSON Schemas and descriptions written for GLM: short imperative
// descriptions that say when to use the tool, what a path is relative to and what comes back, because GLM
// picks tools by their description and copies argument names literally.

import type { ToolDefinition } from '../../glm/types';

export const AGENT_TOOL_NAMES = [
  'read_file', 'list_directory', 'find_files', 'search_text', 'get_problems', 'edit_file', 'write_file', 'run_command',
] as const;
export type AgentToolName = (typeof AGENT_TOOL_NAMES)[number];

/** What approval a tool needs: reads run without asking by default; edits and commands ask. */
export type ToolKind = 'read' | 'edit' | 'command';

export const TOOL_KINDS: Readonly<Record<AgentToolName, ToolKind>> = {
  read_file: 'read', list_directory: 'read', find_files: 'read', search_text: 'read', get_problems: 'read',
  edit_file: 'edit', write_file: 'edit', run_command: 'command',
};

export function isAgentToolName(name: string): name is AgentToolName {
  return (AGENT_TOOL_NAMES as readonly string[]).includes(name);
}

export type JsonSchema = Record<string, unknown>;

const PATH = { type: 'string', description: 'Path relative to the workspace root, with forward slashes, e.g. "src/app.ts".' };

export const TOOL_SCHEMAS: Readonly<Record<AgentToolName, { description: string; parameters: JsonSchema }>> = {
  read_file: {
    description: 'Read a text file of the workspace. Long files come in pages: the result starts with "lines a-b of n"; '
      + 'ask for the next page with start_line. Read a file before you edit it.',
    parameters: {
      type: 'object',
      properties: {
        path: PATH,
        start_line: { type: 'integer', minimum: 1, description: 'First line to read (1-based). Default 1.' },
        end_line: { type: 'integer', minimum: 1, description: 'Last line to read (inclusive). Default: one page.' },
      },
      required: ['path'],
      additionalProperties: false,
    },
  },
  list_directory: {
    description: 'List the entries of a workspace folder; folders end with "/". Use "." for the workspace root.',
    parameters: {
      type: 'object',
      properties: { path: { ...PATH, description: 'Folder path relative to the workspace root; "." is the root.' } },
      required: ['path'],
      additionalProperties: false,
    },
  },
  find_files: {
    description: 'Find files by glob pattern, e.g. "**/*.test.ts" or "src/**/config*". Ignored files (.gitignore, '
      + 'files.exclude) are left out. Returns one path per line.',
    parameters: {
      type: 'object',
      properties: {
        pattern: { type: 'string', description: 'Glob pattern relative to the workspace root.' },
        max_results: { type: 'integer', minimum: 1, maximum: 1000, description: 'At most this many paths. Default 200.' },
      },
      required: ['pattern'],
      additionalProperties: false,
    },
  },
  search_text: {
    description: 'Search the text of workspace files. Returns "path:line: text" per match. Use it to find where '
      + 'something is defined or used before reading files.',
    parameters: {
      type: 'object',
      properties: {
        query: { type: 'string', description: 'Text to find; a regular expression when is_regex is true.' },
        is_regex: { type: 'boolean', description: 'Treat query as a regular expression. Default false.' },
        case_sensitive: { type: 'boolean', description: 'Match case exactly. Default false.' },
        include: { type: 'string', description: 'Optional glob limiting the files searched, e.g. "src/**/*.ts".' },
        max_results: { type: 'integer', minimum: 1, maximum: 1000, description: 'At most this many matches. Default 100.' },
      },
      required: ['query'],
      additionalProperties: false,
    },
  },
  get_problems: {
    description: 'Errors and warnings (diagnostics) of one file, or of the whole workspace when path is omitted. '
      + 'Use it after an edit to check that the code still compiles.',
    parameters: {
      type: 'object',
      properties: { path: { ...PATH, description: 'File to check; omit for the whole workspace.' } },
      additionalProperties: false,
    },
  },
  edit_file: {
    description: 'Change an existing file with exact search/replace blocks. Each "search" must be copied exactly from '
      + 'the file (whitespace included) and match exactly once; include enough surrounding lines to make it unique. '
      + 'Blocks are applied in order. The user may have to approve the edit.',
    parameters: {
      type: 'object',
      properties: {
        path: PATH,
        edits: {
          type: 'array',
          minItems: 1,
          description: 'Replacements to make.',
          items: {
            type: 'object',
            properties: {
              search: { type: 'string', description: 'Exact text currently in the file.' },
              replace: { type: 'string', description: 'Text to put in its place.' },
            },
            required: ['search', 'replace'],
            additionalProperties: false,
          },
        },
      },
      required: ['path', 'edits'],
      additionalProperties: false,
    },
  },
  write_file: {
    description: 'Create a file, or overwrite a whole file, with the given content. Prefer edit_file for changes to '
      + 'an existing file. Missing folders are created. The user may have to approve it.',
    parameters: {
      type: 'object',
      properties: { path: PATH, content: { type: 'string', description: 'The complete new content of the file.' } },
      required: ['path', 'content'],
      additionalProperties: false,
    },
  },
  run_command: {
    description: 'Run a shell command in a terminal of the workspace (e.g. build or tests) and get its exit code and '
      + 'output (long output is cut in the middle). The user may have to approve it. Do not start servers or '
      + 'commands that wait for input.',
    parameters: {
      type: 'object',
      properties: {
        command: { type: 'string', description: 'The command line to run.' },
        cwd: { type: 'string', description: 'Working folder relative to the workspace root. Default ".".' },
        timeout_seconds: { type: 'integer', minimum: 1, maximum: 3600, description: 'Stop the command after this long. Default 120.' },
      },
      required: ['command'],
      additionalProperties: false,
    },
  },
};

/** The `tools` of an agent request. */
export function agentToolDefinitions(): ToolDefinition[] {
  return AGENT_TOOL_NAMES.map((name) => ({
    type: 'function',
    function: { name, description: TOOL_SCHEMAS[name].description, parameters: TOOL_SCHEMAS[name].parameters },
  }));
}
