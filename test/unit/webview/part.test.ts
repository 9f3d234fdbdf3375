import assert from 'node:assert/strict';
import { PartList, type Part } from '../../../src/webview/part';
import { window } from './markdownEnv';

interface Item { id: string; label: string }

class LabelPart implements Part<Item> {
  readonly domNode: HTMLElement;
  updates = 0;
  disposed = false;
  constructor(private item: Item) {
    this.domNode = window.document.createElement('div') as unknown as HTMLElement;
    this.domNode.textContent = item.label;
  }
  hasSameContent(other: Item): boolean { return other.label === this.item.label; }
  update(item: Item): void { this.item = item; this.updates++; this.domNode.textContent = item.label; }
  dispose(): void { this.disposed = true; }
}

describe('PartList (the part contract)', () => {
  it('reuses parts with the same content, updates changed ones, disposes gone ones, keeps order', () => {
    const container = window.document.createElement('div') as unknown as HTMLElement;
    const made: LabelPart[] = [];
    const list = new PartList<Item>(container, (i) => i.id, (i) => { const p = new LabelPart(i); made.push(p); return p; });
    list.set([{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }, { id: 'c', label: 'C' }]);
    const [a, b, c] = made;
    const bNode = b.domNode;
    list.set([{ id: 'c', label: 'C2' }, { id: 'b', label: 'B' }, { id: 'd', label: 'D' }]);
    assert.equal(made.length, 4, 'only d is new');
    assert.ok(a.disposed);
    assert.equal(b.updates, 0, 'same content: no update');
    assert.equal(c.updates, 1);
    assert.equal(container.textContent, 'C2BD');
    assert.equal(container.childNodes[1], bNode, 'the same node, not a copy');
    list.dispose();
    assert.ok(made.every((p) => p === a || p.disposed));
    assert.equal(container.childNodes.length, 0);
  });
});
