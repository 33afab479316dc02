// Auto-lock policy: lock after N minutes of OS-wide idle time, on screen lock, on suspend
// and on user switch. Rules enforced here (docs/security.md):
// - no fixed polling: one timer, set for the earliest moment the threshold can be
//   reached (threshold − current idle seconds), re-checked when it fires; while the
//   person is active that is one wakeup per threshold, not one per second;
// - idle seconds are authoritative: the platform reports whole seconds, so waiting
//   exactly (threshold − idle) s lands at most 1 s after the threshold was crossed;
// - clock jumps: wall-clock changes never decide anything except across a suspend
//   (below); a timer that fires far later than planned or a `resume` re-evaluates;
// - across a suspend without lock-on-suspend, the time asleep counts as idle (the
//   person cannot have used the machine while it slept);
// - "never" (null) schedules nothing; a changed threshold reschedules at once;
// - it runs only while the vault is unlocked (see bindAutoLock).
import type { LockReason } from '../../../contract/index.js';
import type { Clock } from '../clock.js';
import type { IdleEvent, IdleSource } from './ports.js';

export interface AutoLockPolicy {
  /** 1–240, or null for never. */
  autoLockMinutes: number | null;
  lockOnScreenLock: boolean;
  lockOnSuspend: boolean;
}

export interface AutoLockStats {
  /** Timer callbacks so far (each one re-reads idle time). */
  wakeups: number;
  /** Timer callbacks that came more than `lateFireMs` after their planned time. */
  lateFires: number;
  /** Planned time of the pending check (clock ms), null when none is pending. */
  nextCheckAt: number | null;
}

export interface AutoLockOptions {
  idle: IdleSource;
  clock: Clock;
  /** Called with the reason; the vault's lock(). */
  lock: (reason: LockReason) => void;
  policy: AutoLockPolicy;
  /** A timer this late is treated as a clock jump / missed suspend (default 5 s). */
  lateFireMs?: number;
}

export class AutoLock {
  private readonly idle: IdleSource;
  private readonly clock: Clock;
  private readonly lockFn: (reason: LockReason) => void;
  private readonly lateFireMs: number;
  private policy: AutoLockPolicy;
  private isRunning = false;
  /** The pending check's timer, null when none is pending. */
  private timer: unknown = null;
  /** Planned time of the pending check (clock ms); meaningful only while `timer` is set. */
  private plannedAt = 0;
  private unsubscribe: Array<() => void> = [];
  private suspendedAt: number | null = null;
  private idleAtSuspend = 0;
  private counters = { wakeups: 0, lateFires: 0 };

  constructor(options: AutoLockOptions) {
    this.idle = options.idle;
    this.clock = options.clock;
    this.lockFn = options.lock;
    this.lateFireMs = options.lateFireMs ?? 5000;
    this.policy = checkPolicy(options.policy);
  }

  get running(): boolean {
    return this.isRunning;
  }

  stats(): AutoLockStats {
    return { ...this.counters, nextCheckAt: this.timer === null ? null : this.plannedAt };
  }

  /** Starts watching (the vault was unlocked). Idempotent. */
  start(): void {
    if (this.isRunning) return;
    this.isRunning = true;
    this.suspendedAt = null;
    const sub = (event: IdleEvent, fn: () => void): void => {
      this.unsubscribe.push(this.idle.on(event, fn));
    };
    sub('lock-screen', () => this.onLockScreen());
    sub('suspend', () => this.onSuspend());
    sub('resume', () => this.onResume());
    sub('user-switch', () => this.fire('user-switch'));
    this.evaluate();
  }

  /** Stops watching (the vault was locked). Idempotent. */
  stop(): void {
    this.isRunning = false;
    this.clearTimer();
    for (const off of this.unsubscribe.splice(0)) off();
    this.suspendedAt = null;
  }

  /** Applies changed settings; a pending check is replaced at once. */
  setPolicy(patch: Partial<AutoLockPolicy>): void {
    this.policy = checkPolicy({ ...this.policy, ...patch });
    this.evaluate();
  }

  getPolicy(): AutoLockPolicy {
    return { ...this.policy };
  }

  private thresholdSeconds(): number | null {
    return this.policy.autoLockMinutes === null ? null : this.policy.autoLockMinutes * 60;
  }

  private readIdle(): number {
    const s = this.idle.idleSeconds();
    return Number.isFinite(s) ? Math.max(0, Math.floor(s)) : 0;
  }

  private evaluate(): void {
    this.clearTimer();
    if (!this.isRunning) return;
    const threshold = this.thresholdSeconds();
    if (threshold === null) return;
    const idle = this.readIdle();
    if (idle >= threshold) {
      this.fire('idle');
      return;
    }
    // The earliest moment the threshold can be reached: any input in between only
    // pushes it later, so nothing needs to look before then.
    const waitMs = (threshold - idle) * 1000;
    this.plannedAt = this.clock.now() + waitMs;
    this.timer = this.clock.setTimeout(() => this.onTimer(), waitMs);
  }

  private onTimer(): void {
    this.timer = null;
    this.counters.wakeups += 1;
    if (this.clock.now() - this.plannedAt > this.lateFireMs) this.counters.lateFires += 1;
    this.evaluate();
  }

  private onLockScreen(): void {
    if (this.policy.lockOnScreenLock) this.fire('screen-lock');
  }

  private onSuspend(): void {
    if (this.policy.lockOnSuspend) {
      this.fire('suspend');
      return;
    }
    this.suspendedAt = this.clock.now();
    this.idleAtSuspend = this.readIdle();
  }

  private onResume(): void {
    const threshold = this.thresholdSeconds();
    if (this.suspendedAt !== null && threshold !== null) {
      const asleepS = Math.max(0, (this.clock.now() - this.suspendedAt) / 1000);
      this.suspendedAt = null;
      if (this.idleAtSuspend + asleepS >= threshold) {
        this.fire('idle');
        return;
      }
    }
    this.suspendedAt = null;
    this.evaluate();
  }

  /** Locks, leaving no check pending. Runs only while running: events come from subscriptions that stop() removes. */
  private fire(reason: LockReason): void {
    this.clearTimer();
    this.lockFn(reason);
  }

  private clearTimer(): void {
    this.clock.clearTimeout(this.timer);
    this.timer = null;
  }
}

function checkPolicy(p: AutoLockPolicy): AutoLockPolicy {
  const m = p.autoLockMinutes;
  if (m !== null && (!Number.isInteger(m) || m < 1 || m > 240)) throw new RangeError('autoLockMinutes must be 1–240 or null');
  return { autoLockMinutes: m, lockOnScreenLock: p.lockOnScreenLock, lockOnSuspend: p.lockOnSuspend };
}

/** What bindAutoLock needs from the vault. */
export interface LockableVault {
  readonly state: string;
  on(event: 'locked' | 'unlocked', listener: () => void): () => void;
}

/** Runs `autoLock` exactly while the vault is unlocked. Returns the unbind function. */
export function bindAutoLock(vault: LockableVault, autoLock: AutoLock): () => void {
  const offUnlocked = vault.on('unlocked', () => autoLock.start());
  const offLocked = vault.on('locked', () => autoLock.stop());
  if (vault.state === 'unlocked') autoLock.start();
  return () => {
    offUnlocked();
    offLocked();
    autoLock.stop();
  };
}

/** What attachAutoLock needs from the settings store. */
export interface AutoLockSettingsSource {
  get(): AutoLockPolicy;
  onChanged(listener: (next: AutoLockPolicy) => void): () => void;
}

/**
 * The whole wiring the shell needs: an AutoLock that locks `vault`, follows the settings
 * and runs only while unlocked. Returns it and a dispose function.
 */
export function attachAutoLock(deps: {
  vault: LockableVault & { lock(reason: LockReason): unknown };
  idle: IdleSource;
  clock: Clock;
  settings: AutoLockSettingsSource;
}): { autoLock: AutoLock; dispose: () => void } {
  const s = deps.settings.get();
  const autoLock = new AutoLock({
    idle: deps.idle,
    clock: deps.clock,
    lock: (reason) => {
      deps.vault.lock(reason);
    },
    policy: { autoLockMinutes: s.autoLockMinutes, lockOnScreenLock: s.lockOnScreenLock, lockOnSuspend: s.lockOnSuspend },
  });
  const unbind = bindAutoLock(deps.vault, autoLock);
  const offSettings = deps.settings.onChanged((n) =>
    autoLock.setPolicy({ autoLockMinutes: n.autoLockMinutes, lockOnScreenLock: n.lockOnScreenLock, lockOnSuspend: n.lockOnSuspend }),
  );
  return {
    autoLock,
    dispose: () => {
      offSettings();
      unbind();
    },
  };
}
