// One tool step of an answer, as a part (see part.ts): live while its arguments stream, then done.
import type { ToolCallView } from '../shared/protocol';
import { h } from './dom';
import type { Part } from './part';
import { t } from './strings';

export class ToolCallPart implements Part<ToolCallView> {
  readonly domNode: HTMLElement;

  constructor(private call: ToolCallView) {
    this.domNode = h('div', { class: 'tool-call' });
    this.update(call);
  }

  hasSameContent(other: ToolCallView): boolean {
    return other.name === this.call.name && other.arguments === this.call.arguments && other.done === this.call.done;
  }

  update(call: ToolCallView): void {
    this.call = call;
    this.domNode.className = `tool-call${call.done ? '' : ' live'}`;
    this.domNode.textContent = t('toolCall', call.name);
    this.domNode.title = call.arguments;
  }

  dispose(): void {
    // Owns nothing beyond its node.
  }
}
