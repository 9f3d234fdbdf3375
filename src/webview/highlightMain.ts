// Entry of dist/highlight.js: hands the highlighter to the chat bundle, which loaded this script (lazyHighlight.ts).
import { highlightCode } from './highlight';
import { HIGHLIGHT_GLOBAL, type HighlightGlobal } from './lazyHighlight';

(globalThis as HighlightGlobal)[HIGHLIGHT_GLOBAL] = highlightCode;
