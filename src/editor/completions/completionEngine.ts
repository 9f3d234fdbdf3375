// One completion per call, in order of cost: the cache or a suggestion being typed through (no request),
// then an adaptive wait for a pause in typing, then one streamed request that is closed as soon as the
// completion is complete or the caller's signal fires (the next keystroke). No vscode here: the provider
// and the benchmark drive the same engine.
import type { ChatRequest } from '../../glm/types';
import type { IndentStyle } from '../indentation';
import { CompletionCache, type CacheContext } from './completionCache';
import { completionMode, type CursorLine } from './completionMode';
import { completionMessages, DEFAULT_BUDGET, fitSnippets, promptWindow, type CompletionDocument, type PromptBudget, type TextEstimator } from './completionPrompt';
import { completionRequest } from './completionRequest';
import { postProcess, shapeAnswer, type ShapeContext } from './completionShape';
import { pickSnippets, type OpenDocument } from './contextSnippets';
import { DebouncePolicy } from './debouncePolicy';

export interface CompletionInput {
  /** The document's identity (its URI). */
  uri: string;
  /** The cursor's offset in the document. */
  offset: number;
  doc: CompletionDocument;
  indent: IndentStyle;
  model: string;
  /** The other open documents, asked for only when a request is made. */
  otherDocuments(): OpenDocument[];
  /** Asked for explicitly (a command), not while typing: no wait. */
  explicit?: boolean;
}

export type CompletionSource = 'model' | 'cache' | 'typing';

export interface CompletionResult {
  text: string;
  source: CompletionSource;
}

export type EngineEvent =
  | { type: 'hit'; source: 'cache' | 'typing' }
  | { type: 'request'; waitedMs: number }
  | { type: 'answer'; shown: boolean }
  | { type: 'aborted' }
  | { type: 'error'; error: unknown };

export interface EngineDeps {
  estimator: TextEstimator;
  /** Streams the answer's text for a request; breaking out of it or aborting `signal` closes the connection. */
  stream(request: ChatRequest, signal: AbortSignal): AsyncIterable<string>;
  now(): number;
  /** Resolves after `ms`, or early when `signal` aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  onEvent?(event: EngineEvent): void;
  budget?: PromptBudget;
  debounce?: DebouncePolicy;
  cache?: CompletionCache;
}

const NEAR_LINES = 3;

export class CompletionEngine {
  private readonly cache: CompletionCache;
  private readonly debounce: DebouncePolicy;
  private inFlight: AbortController | undefined;
  private showing = false;

  constructor(private readonly deps: EngineDeps) {
    this.cache = deps.cache ?? new CompletionCache();
    this.debounce = deps.debounce ?? new DebouncePolicy();
  }

  /** The user took the suggestion (Tab or a partial accept). */
  accepted(): void {
    this.showing = false;
    this.debounce.accepted();
  }

  clearCache(): void {
    this.cache.clear();
  }

  async complete(input: CompletionInput, signal: AbortSignal): Promise<CompletionResult | undefined> {
    // A new call means the context of the one in flight is gone.
    this.inFlight?.abort();
    const started = this.deps.now();
    this.debounce.keystroke(started);
    const cacheCtx: CacheContext = {
      document: input.uri, variant: input.model, offset: input.offset, prefix: input.doc.prefix, suffix: input.doc.suffix,
    };
    const hit = this.cache.lookup(cacheCtx);
    if (this.showing && hit?.kind !== 'typing') this.debounce.ignored();
    this.showing = false;
    if (hit) {
      this.deps.onEvent?.({ type: 'hit', source: hit.kind });
      return this.show(hit.text, hit.kind);
    }
    const line = cursorLine(input.doc);
    if (!input.explicit) await this.deps.sleep(this.debounce.delay(line.linePrefix), signal);
    if (signal.aborted) return undefined;
    const raw = await this.request(input, line, signal, this.deps.now() - started);
    if (raw === undefined) return undefined;
    const text = postProcess(raw, shapeContextOf(input, line)) ?? '';
    this.cache.set(cacheCtx, text);
    this.deps.onEvent?.({ type: 'answer', shown: text !== '' });
    return this.show(text, 'model');
  }

  private show(text: string, source: CompletionSource): CompletionResult | undefined {
    if (text === '') return undefined;
    this.showing = true;
    return { text, source };
  }

  /** The raw answer, read until the completion is complete; undefined when aborted or failed. */
  private async request(input: CompletionInput, line: CursorLine, signal: AbortSignal, waitedMs: number): Promise<string | undefined> {
    const mode = completionMode(line);
    const budget = this.deps.budget ?? DEFAULT_BUDGET;
    const window = promptWindow(input.doc, budget, this.deps.estimator);
    const snippets = fitSnippets(pickSnippets(window.prefix, input.otherDocuments()), budget.snippetTokens, this.deps.estimator);
    const request = completionRequest(input.model, completionMessages(input.doc, window, snippets, mode), mode);
    const shape = shapeContextOf(input, line);
    const controller = new AbortController();
    const abort = (): void => controller.abort();
    signal.addEventListener('abort', abort, { once: true });
    this.inFlight = controller;
    this.deps.onEvent?.({ type: 'request', waitedMs });
    let raw = '';
    try {
      for await (const text of this.deps.stream(request, controller.signal)) {
        raw += text;
        // Complete (first line, end of block, closing fence): stop reading, which closes the connection.
        if (shapeAnswer(raw, shape, false).ended) break;
      }
      return raw;
    } catch (error) {
      this.deps.onEvent?.(controller.signal.aborted ? { type: 'aborted' } : { type: 'error', error });
      return undefined;
    } finally {
      signal.removeEventListener('abort', abort);
      if (this.inFlight === controller) this.inFlight = undefined;
    }
  }
}

export function cursorLine(doc: CompletionDocument): CursorLine {
  const start = doc.prefix.lastIndexOf('\n') + 1;
  const end = doc.suffix.indexOf('\n');
  return { linePrefix: doc.prefix.slice(start), lineSuffix: end < 0 ? doc.suffix : doc.suffix.slice(0, end) };
}

function shapeContextOf(input: CompletionInput, line: CursorLine): ShapeContext {
  const { prefix, suffix } = input.doc;
  const aboveStart = prefix.lastIndexOf('\n') + 1;
  const above = prefix.slice(Math.max(0, aboveStart - 2000), aboveStart).split('\n').slice(0, -1).slice(-NEAR_LINES);
  const belowStart = suffix.indexOf('\n');
  const below = belowStart < 0 ? [] : suffix.slice(belowStart + 1, belowStart + 1 + 2000).split('\n').slice(0, NEAR_LINES);
  return { ...line, mode: completionMode(line), linesAbove: above, linesBelow: below, indent: input.indent };
}
