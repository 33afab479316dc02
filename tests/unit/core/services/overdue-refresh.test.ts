// The tray's background refresh on a fake clock: counts read on start and every interval,
// one request per profile per refresh, a refresh asked for while one runs joins it, a
// failing profile has no count while the others do, and nothing is asked or kept once
// stopped (a refresh that was running when the vault locked publishes nothing).
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../main/core/errors.js';
import { createOverdueRefresh, OVERDUE_REFRESH_MS } from '../../../../main/core/services/overdue-refresh.js';
import { FakeClock } from '../../../support/fakes.js';

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
const profiles = [
  { id: 'acme', label: 'Acme' },
  { id: 'beta', label: 'Beta' },
];

function setup(answer: (id: string) => Promise<number>) {
  const clock = new FakeClock();
  const asked: string[] = [];
  const published: Map<string, number | null>[] = [];
  const refresh = createOverdueRefresh({
    clock,
    profiles: () => profiles,
    count: (id) => (asked.push(id), answer(id)),
    onChange: (counts) => published.push(new Map(counts)),
  });
  return { clock, asked, published, refresh };
}

describe('overdue refresh', () => {
  it('reads every profile once on start, then once per interval; a failing profile has no count', async () => {
    const { clock, asked, published, refresh } = setup(async (id) => {
      if (id === 'beta') throw new AppError('network', 'down');
      return 4;
    });
    refresh.start();
    await settle();
    expect(asked).toEqual(['acme', 'beta']);
    expect(published.at(-1)).toEqual(new Map([['acme', 4], ['beta', null]]));
    clock.advance(OVERDUE_REFRESH_MS - 1);
    await settle();
    expect(asked).toHaveLength(2);
    clock.advance(1);
    await settle();
    expect(asked).toHaveLength(4);
    expect(refresh.counts().get('acme')).toBe(4);
  });

  it('joins a refresh that is running instead of asking again', async () => {
    let release: (n: number) => void = () => {};
    const { asked, refresh } = setup(() => new Promise<number>((resolve) => (release = resolve)));
    refresh.start();
    const second = refresh.refresh();
    const third = refresh.refresh();
    await settle();
    expect(asked).toEqual(['acme', 'beta']);
    release(1);
    expect(second).toBe(third);
  });

  it('asks nothing and keeps nothing once stopped; a refresh running at the stop publishes nothing', async () => {
    const answers: ((n: number) => void)[] = [];
    const { clock, asked, published, refresh } = setup(() => new Promise<number>((resolve) => answers.push(resolve)));
    await refresh.refresh();
    expect(asked).toEqual([]);
    refresh.start();
    await settle();
    refresh.stop();
    expect(published.at(-1)?.size).toBe(0);
    for (const a of answers) a(9);
    await settle();
    expect(published.at(-1)?.size).toBe(0);
    expect(refresh.counts().size).toBe(0);
    clock.advance(10 * OVERDUE_REFRESH_MS);
    await settle();
    expect(asked).toHaveLength(2);
  });
});
