// Activity notifications with electron faked: a notification must still answer a click
// long after it was shown. Electron holds main-process notifications only weakly, so one
// the app does not keep is collected with its click handler (electron/electron#16922,
// #12690); the fake's collectGarbage() runs a real GC to show it.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Activity } from '../../contract/index.js';
import { createActivityNotifier } from '../../main/app/activity-notifier.js';
import { FakeClock } from '../support/fakes.js';
import { collectGarbage, fake, FakeNotification } from '../support/fake-electron.js';

const due: Activity = {
  id: 7,
  summary: 'Call back',
  activityType: 'Call',
  deadline: '2026-01-05',
  model: 'res.partner',
  resId: 3,
  resName: 'Azure Interior',
};

function notifierFor(profiles: string[], clicked: string[]): ReturnType<typeof createActivityNotifier> {
  return createActivityNotifier({
    clock: new FakeClock(),
    profiles: async () => profiles.map((id) => ({ id, label: id.toUpperCase() })),
    activities: async () => ({ overdue: [due], today: [] }),
    onClick: (profileId) => clicked.push(profileId),
  });
}

beforeEach(() => fake.reset());

describe('activity notifications', () => {
  it('still open the app when clicked after a garbage collection', async () => {
    const clicked: string[] = [];
    const notifier = notifierFor(['acme'], clicked);
    notifier.setActive(true);
    await notifier.checkNow();
    expect(FakeNotification.toasts).toHaveLength(1);

    await collectGarbage();
    expect(FakeNotification.toasts[0]?.click()).toBe(true);
    expect(clicked).toEqual(['acme']);
    notifier.dispose();
  });

  it('are let go once clicked or dismissed', async () => {
    const notifier = notifierFor(['acme', 'beta'], []);
    notifier.setActive(true);
    await notifier.checkNow();
    const [first, second] = FakeNotification.toasts;
    expect(first?.click()).toBe(true);
    expect(second?.close()).toBe(true);

    await collectGarbage();
    expect(first?.click()).toBe(false);
    expect(second?.click()).toBe(false);
    notifier.dispose();
  });
});

describe('activity checks', () => {
  it('do not announce again what a profile had, after one check could not read it', async () => {
    let reachable = true;
    const notifier = createActivityNotifier({
      clock: new FakeClock(),
      profiles: async () => [{ id: 'acme', label: 'ACME' }],
      activities: async () => (reachable ? { overdue: [due], today: [] } : null),
      onClick: () => {},
    });
    notifier.setActive(true);
    await notifier.checkNow();
    reachable = false;
    await notifier.checkNow();
    reachable = true;
    await notifier.checkNow();
    expect(FakeNotification.shown).toHaveLength(1);
    notifier.dispose();
  });

  it('survive a profile list that cannot be read: reported, and the next check runs', async () => {
    const errors: string[] = [];
    let readable = false;
    const notifier = createActivityNotifier({
      clock: new FakeClock(),
      profiles: async () => {
        if (!readable) throw new Error('profiles unreadable');
        return [{ id: 'acme', label: 'ACME' }];
      },
      activities: async () => ({ overdue: [due], today: [] }),
      onClick: () => {},
      onError: (where) => errors.push(where),
    });
    notifier.setActive(true);
    await expect(notifier.checkNow()).resolves.toBeUndefined();
    expect(errors).toEqual(['activities']);
    readable = true;
    await notifier.checkNow();
    expect(FakeNotification.shown).toHaveLength(1);
    notifier.dispose();
  });
});
