// The core's event emitter: a lock event must reach every listener, whatever one of them does.
import { describe, expect, it } from 'vitest';
import { TypedEmitter } from '../../../main/core/emitter.js';

type Events = { locked: { reason: string }; unlocked: undefined };

describe('TypedEmitter', () => {
  it('delivers the payload to every listener of the event, in order, and to no other event', () => {
    const emitter = new TypedEmitter<Events>();
    const seen: string[] = [];
    emitter.on('locked', (p) => seen.push(`a:${p.reason}`));
    emitter.on('locked', (p) => seen.push(`b:${p.reason}`));
    emitter.on('unlocked', () => seen.push('unlocked'));
    expect(emitter.emit('locked', { reason: 'idle' })).toEqual([]);
    expect(seen).toEqual(['a:idle', 'b:idle']);
  });

  it('returns nothing and calls nothing for an event without listeners', () => {
    expect(new TypedEmitter<Events>().emit('locked', { reason: 'idle' })).toEqual([]);
  });

  it('keeps calling the others when one throws, and returns what was thrown', () => {
    const emitter = new TypedEmitter<Events>();
    const boom = new Error('listener failed');
    const seen: string[] = [];
    emitter.on('locked', () => {
      throw boom;
    });
    emitter.on('locked', () => seen.push('after'));
    expect(emitter.emit('locked', { reason: 'suspend' })).toEqual([boom]);
    expect(seen).toEqual(['after']);
  });

  it('counts listeners, and a removed listener is neither called nor counted', () => {
    const emitter = new TypedEmitter<Events>();
    expect(emitter.listenerCount('locked')).toBe(0);
    const calls: number[] = [];
    const off = emitter.on('locked', () => calls.push(1));
    emitter.on('locked', () => calls.push(2));
    expect(emitter.listenerCount('locked')).toBe(2);
    off();
    expect(emitter.listenerCount('locked')).toBe(1);
    emitter.emit('locked', { reason: 'idle' });
    expect(calls).toEqual([2]);
  });

  it('does not call a listener added while the event is being delivered', () => {
    const emitter = new TypedEmitter<Events>();
    const calls: string[] = [];
    emitter.on('locked', () => {
      calls.push('first');
      emitter.on('locked', () => calls.push('late'));
    });
    emitter.emit('locked', { reason: 'idle' });
    expect(calls).toEqual(['first']);
  });
});
