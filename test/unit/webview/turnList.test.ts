import assert from 'node:assert/strict';
import type { TurnView } from '../../../src/shared/protocol';
import { TurnList } from '../../../src/webview/turnList';
import { engine, runFrames, useDomGlobals, window } from './markdownEnv';

const turns = (n: number, from = 0): TurnView[] => Array.from({ length: n }, (_, k) => {
  const i = from + k;
  return i % 2 === 0 ? { role: 'user', id: `u${i}`, text: `question ${i}`, chips: [], createdAt: i }
    : { role: 'assistant', id: `a${i}`, text: `answer **${i}**`, status: 'done', createdAt: i };
});

describe('TurnList (virtualized)', () => {
  useDomGlobals();

  const make = (loads: number[]): { list: TurnList; scroller: HTMLElement } => {
    const scroller = window.document.createElement('main') as unknown as HTMLElement;
    const list = new TurnList(scroller, { engine, actions: { edit() {}, switchBranch() {}, regenerate() {}, errorAction() {}, openImage() {} } }, () => loads.push(1));
    scroller.append(list.el);
    return { list, scroller };
  };

  it('mounts a bounded number of turns whatever the chat length', () => {
    const { list } = make([]);
    list.setTurns(turns(5000), 0, false);
    assert.ok(list.mounted > 0 && list.mounted < 100, `mounted ${list.mounted}`);
    assert.ok(list.el.querySelectorAll('*').length < 1500);
    assert.equal(list.turns.length, 5000);
  });

  it('asks for the older page when its first turn is near, once, and takes it in front', () => {
    const loads: number[] = [];
    const { list } = make(loads);
    list.setTurns(turns(4, 96), 96, false);
    assert.equal(loads.length, 1);
    list.setTurns(turns(4, 96), 96, true);
    list.prepend(turns(40, 56), 56);
    assert.equal(list.turns[0].id, 'u56');
    assert.equal(list.turns.length, 44);
    assert.equal(loads.length, 3, 'one request per page shown');
  });

  it('reveal mounts the turn and reports turns it does not have', () => {
    const { list } = make([]);
    list.setTurns(turns(3000), 0, false);
    assert.equal(list.reveal('a2999'), true);
    assert.ok(list.el.querySelector('[data-turn-id="a2999"]'));
    assert.equal(list.reveal('nope'), false);
  });

  it('keeps the views of unchanged turns when the same chat reloads', () => {
    const { list } = make([]);
    const t = turns(6);
    list.setTurns(t, 0, false);
    const node = list.el.querySelector('[data-turn-id="a1"]');
    list.setTurns([...t.slice(0, 5), { ...t[5], text: 'changed' }], 0, true);
    runFrames();   // history answers render in the next frame
    assert.equal(list.el.querySelector('[data-turn-id="a1"]'), node);
    assert.match(list.el.querySelector('[data-turn-id="a5"]')!.textContent!, /changed/);
  });

  it('never leaves an empty list when the view is scrolled past the measured heights', () => {
    const { list, scroller } = make([]);
    list.setTurns(turns(4), 0, false);
    // A mounted answer grew since its last measurement and the view followed it down.
    Object.defineProperty(scroller, 'scrollTop', { configurable: true, get: () => 1_000_000, set: () => undefined });
    list.append({ role: 'assistant', id: 'a4', text: 'the last answer', status: 'done', createdAt: 4 });
    assert.ok(list.mounted > 0, 'something stays mounted');
    assert.ok(list.el.querySelector('[data-turn-id="a4"]'), 'the last turn is shown');
  });
});
