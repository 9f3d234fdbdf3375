// Starting an answer: send, edit + resend, regenerate and retry each plan the request (does it fit the model,
// which model answers, which images go), record the turns and run it; a refusal goes back to the composer.
import { GlmError } from '../glm/errors';
import { modelsForPreset } from '../glm/presets';
import type { ChatMode } from '../shared/agentProtocol';
import type { FromWebview, ThinkingMode, ToWebview } from '../shared/protocol';
import { AgentTurn } from './agent/agentTurn';
import { answeringModel, misconfiguredVision, planAnswer, switchModelChoices, type AnswerPlanResult } from './answerPlan';
import { AnswerRun } from './answerRun';
import type { ChatServices } from './chatServices';
import type { ChatSession } from './chatSession';
import { deriveTitle, pathTo, type AnswerTurn, type Chat, type ImageRef, type Turn, type TurnError, type UserTurn } from './conversation';
import { imageRef, loadImages } from './imageFiles';
import type { ImageLookup } from './promptAssembly';
import { errorView, turnViews } from './viewModel';

export interface AskOrigin {
  label?: string;
  file?: string;
}

interface AnswerPlan {
  requestId: string;
  /** Undefined for a draft chat: it is created only once the prompt is accepted. */
  chat: Chat | undefined;
  chatId: string;
  /** Turns before the prompt, root first. */
  prefix: Turn[];
  /** A new user turn to add (send, edit), or the existing prompt to answer again (regenerate, retry). */
  prompt: UserTurn;
  isNewPrompt: boolean;
  model: string;
  thinking: ThinkingMode;
  replaceFrom?: string;
  mode?: ChatMode;
  /** The composer's "Web" toggle was on for this turn. */
  webSearch?: boolean;
  /** Images of a new prompt, written beside the log when the prompt is recorded. */
  newImages?: Array<{ ref: ImageRef; dataUrl: string }>;
}

/** The model that answers (the vision model may stand in) and the images the request carries. */
interface Route {
  model: string;
  vision: boolean;
  images: ImageLookup;
}

/** Starts answers: send, edit + resend (a new branch), regenerate and retry (a new sibling answer). */
export class AnswerStarter {
  constructor(
    private readonly services: ChatServices,
    private readonly session: ChatSession,
    private readonly post: (msg: ToWebview, chatId: string) => void,
  ) {}

  /** `origin`: set by an editor command (Explain): the chip label shown instead of the prompt, and its file. */
  async send(msg: Extract<FromWebview, { type: 'chat/send' }>, origin?: AskOrigin): Promise<void> {
    const store = await this.session.store();
    const exists = store.has(msg.chatId);
    if (!exists && msg.chatId !== this.session.activeChatId) return;
    const chat = exists ? await store.load(msg.chatId) : undefined;
    if (this.session.runFor(msg.chatId)) {
      const message = this.services.l10n.t('An answer is still streaming in this chat. Stop it or wait for it to finish.');
      return this.reject(msg, msg.text, { kind: 'unavailable', message });
    }
    // Only chips the host gathered itself can be attached; unknown ids are ignored.
    const chips = this.session.chips.filter((c) => msg.chipIds.includes(c.id));
    const prefix = chat ? pathTo(chat, chat.activeLeafId) : [];
    const newImages = (msg.images ?? []).flatMap((image) => {
      const ref = imageRef(image);
      return ref ? [{ ref, dataUrl: image.dataUrl }] : [];
    });
    const prompt: UserTurn = {
      kind: 'user', id: store.newTurnId(), parentId: prefix.at(-1)?.id ?? null, text: msg.text, chips, createdAt: Date.now(), ...origin,
      ...(newImages.length ? { images: newImages.map((i) => i.ref) } : {}),
    };
    const started = await this.start({
      requestId: msg.requestId, chat, chatId: msg.chatId, prefix, prompt, isNewPrompt: true, model: msg.model, thinking: msg.thinking, mode: msg.mode,
      ...(msg.webSearch ? { webSearch: true } : {}), newImages,
    });
    if (started) {
      this.session.chips = this.session.chips.filter((c) => !msg.chipIds.includes(c.id));
      this.post({ type: 'context/chips', chips: this.session.chipViews() }, msg.chatId);
    }
  }

  async edit(msg: Extract<FromWebview, { type: 'chat/edit' }>): Promise<void> {
    const store = await this.session.store();
    if (!store.has(msg.chatId)) return;
    const chat = await store.load(msg.chatId);
    const old = chat.turns.get(msg.turnId);
    if (old?.kind !== 'user') return;
    await this.session.stopRunsIn(chat.id);
    const prompt: UserTurn = { ...old, id: store.newTurnId(), text: msg.text, createdAt: Date.now() };
    await this.start({
      requestId: msg.requestId, chat, chatId: chat.id, prefix: pathTo(chat, old.parentId), prompt, isNewPrompt: true,
      model: msg.model, thinking: msg.thinking, replaceFrom: old.id,
    });
  }

  async regenerate(requestId: string, chatId: string, turnId: string, model: string, thinking: ThinkingMode): Promise<void> {
    const store = await this.session.store();
    if (!store.has(chatId)) return;
    const chat = await store.load(chatId);
    const answer = chat.turns.get(turnId);
    const prompt = answer?.kind === 'answer' ? chat.turns.get(answer.parentId) : undefined;
    if (prompt?.kind !== 'user') return;
    await this.session.stopRunsIn(chat.id);
    await this.start({
      requestId, chat, chatId, prefix: pathTo(chat, prompt.parentId), prompt, isNewPrompt: false, model, thinking, replaceFrom: turnId,
    });
  }

  /** Retry from an inline error: the failed answer (or an unanswered prompt) gets a new answer. */
  async retry(chat: Chat, requestId: string, turnId: string): Promise<void> {
    const turn = chat.turns.get(turnId);
    const model = this.session.modelOf(chat);
    const thinking = this.session.thinkingOf(chat);
    if (turn?.kind === 'answer') return this.regenerate(requestId, chat.id, turnId, model, thinking);
    if (turn?.kind !== 'user') return;
    await this.session.stopRunsIn(chat.id);
    await this.start({ requestId, chat, chatId: chat.id, prefix: pathTo(chat, turn.parentId), prompt: turn, isNewPrompt: false, model, thinking });
  }

  private async start(plan: AnswerPlan): Promise<boolean> {
    const { services, session } = this;
    const store = await session.store();
    const defaults = services.requestDefaults();
    const route = await this.route(plan);
    const visionModels = misconfiguredVision(route, modelsForPreset(services.settings().preset));
    if (visionModels) {
      const message = this.services.l10n.t('glm.visionModel is {0}, which takes no images. Pick a model that does, or set glm.visionModel to one.', route.model);
      this.reject(plan, this.resentText(plan), { kind: 'unsupported', message, switchTo: visionModels });
      return false;
    }
    const fit = planAnswer({
      systemPrompt: services.settings().systemPrompt, prefix: plan.prefix, prompt: plan.prompt, model: route.model, vision: route.vision, images: route.images,
      maxTokens: defaults.maxTokens, preserveThinking: defaults.preserveThinking, answerId: store.newTurnId(), now: Date.now(),
    }, session.estimator);
    if (!fit.ok) {
      const message = this.services.l10n.t(
        'This message is too long for {0}: about {1} tokens, and at most {2} fit. Remove attached context or pick a model with a larger context window.',
        route.model, fit.estimatedTokens, fit.budget,
      );
      this.reject(plan, this.resentText(plan), { kind: 'contextOverflow', message, switchTo: this.alternatives(route.model) });
      return false;
    }
    const chat = await this.record(plan, fit.answer);
    this.announceStart(plan, chat, fit.answer.id, fit.droppedMessages, route);
    await this.run(plan, chat, fit, route.model);
    return true;
  }

  /** Reads the branch's images (once per request) and picks the vision model when the chosen one takes none. */
  private async route(plan: AnswerPlan): Promise<Route> {
    const store = await this.session.store();
    const images = await loadImages(store.images, plan.chatId, [...plan.prefix, plan.prompt], plan.newImages);
    return { ...answeringModel(plan.model, plan.prompt, this.services.settings().visionModel), images };
  }

  /** Creates the chat of a draft, keeps its model and thinking, and adds the prompt (when new) and the answer. */
  private async record(plan: AnswerPlan, answer: AnswerTurn): Promise<Chat> {
    const { session } = this;
    const store = await session.store();
    const chat = plan.chat ?? (await store.create({
      id: plan.chatId, title: deriveTitle(plan.prompt.text.trim() || plan.prompt.images?.[0]?.name || ''), model: session.draft.model, thinking: session.draft.thinking,
    }));
    if (chat.model !== plan.model || chat.thinking !== plan.thinking) {
      await store.setChatSettings(chat.id, { model: plan.model, thinking: plan.thinking });
    }
    if (plan.newImages?.length) await store.images.save(chat.id, plan.newImages);
    if (plan.isNewPrompt) await store.addTurn(chat.id, plan.prompt);
    await store.addTurn(chat.id, answer);
    return chat;
  }

  private announceStart(plan: AnswerPlan, chat: Chat, answerId: string, droppedMessages: number, route: Route): void {
    const userView = plan.isNewPrompt
      ? turnViews(chat, { ...this.session.chipOptions(), images: route.images }).find((t) => t.id === plan.prompt.id)
      : undefined;
    this.post({
      type: 'stream/start', requestId: plan.requestId, chatId: chat.id, turnId: answerId, model: route.model, ...(route.vision ? { vision: true } : {}),
      ...(userView?.role === 'user' ? { userTurn: userView } : {}),
      ...(plan.replaceFrom ? { replaceFrom: plan.replaceFrom } : {}),
    }, chat.id);
    if (droppedMessages > 0) {
      this.post({ type: 'a11y/announce', text: this.services.l10n.t('{0} older messages were left out to fit the context window of {1}.', droppedMessages, route.model) }, chat.id);
    }
  }

  private async run(plan: AnswerPlan, chat: Chat, fit: Extract<AnswerPlanResult, { ok: true }>, model: string): Promise<void> {
    const { services, session } = this;
    const store = await session.store();
    const run = new AnswerRun(
      {
        store, client: services.client, estimator: session.estimator,
        post: this.post,
        describe: (err, model) => this.describe(err, model),
        logError: (m) => services.log.error(m),
        agent: plan.mode === 'agent' && services.agent ? new AgentTurn({
          ...services.agent, store, chat, turnId: fit.answer.id, presetId: services.settings().preset, estimator: session.estimator,
          post: (msg) => this.post(msg, chat.id), log: (m) => services.log.info(m),
        }) : undefined,
      },
      plan.requestId, chat, fit.answer.id,
      { ...services.requestDefaults(), model, thinking: plan.thinking, messages: fit.messages, ...(plan.webSearch ? { webSearch: true } : {}) },
      fit.rawPromptTokens,
    );
    session.runs.set(plan.requestId, run);
    run.start();
    void run.done.finally(() => session.runs.delete(plan.requestId));
  }

  /** The composer gets `text` back with the reason, and models to switch to when there are any. */
  private reject(to: { requestId: string; chatId: string }, text: string, problem: Pick<TurnError, 'kind' | 'message' | 'switchTo'>): void {
    const switchTo = problem.switchTo?.length ? problem.switchTo : undefined;
    const error: TurnError = { kind: problem.kind, message: problem.message, actions: switchTo ? ['switchModel'] : [], ...(switchTo ? { switchTo } : {}) };
    this.post({ type: 'chat/sendRejected', requestId: to.requestId, text, error: errorView(error) }, to.chatId);
  }

  /** A new prompt's text goes back to the composer; regenerate and retry typed nothing. */
  private resentText(plan: AnswerPlan): string {
    return plan.isNewPrompt ? plan.prompt.text : '';
  }

  /** The error as shown with the turn: message and actions from the shared mapping, plus what the panel needs. */
  private describe(err: unknown, model: string): TurnError {
    const described = this.services.describeError(err);
    const glm = err instanceof GlmError ? err : undefined;
    const error: TurnError = { kind: described.kind, message: described.message, actions: described.actions };
    if (described.retryAfterMs !== undefined) error.retryAfterMs = described.retryAfterMs;
    if (glm?.code) error.code = glm.code;
    if (glm?.resetAt) error.resetAt = glm.resetAt;
    if (glm?.code === '1113') error.topUp = true;
    if (described.actions.includes('switchModel')) error.switchTo = this.alternatives(model);
    this.services.log.error(`Chat answer failed (${described.kind}${glm?.code ? ` ${glm.code}` : ''}) on ${model}.`);
    return error;
  }

  private alternatives(model: string): string[] {
    const settings = this.services.settings();
    return switchModelChoices(model, settings.fallbackModels, modelsForPreset(settings.preset));
  }
}
