// Deterministic stand-ins for the vault's ports, for unit tests, the bench and tiers
// that run the real core without a desktop (e2e). FakeClock separates monotonic time
// (what timers follow) from wall time (what now() reports), so a test can move the wall
// clock (NTP) without firing timers, or sleep the machine (timers fire late, at once).
import { createHmac, randomBytes } from 'node:crypto';
import type { Clock } from '../../main/core/clock.js';
import type { IdleEvent, IdleSource, PresenceKind, UserPresence } from '../../main/core/vault/ports.js';
import { signatureSealer, type PresenceKeySealer } from '../../main/core/vault/presence-seal.js';

interface FakeTimer {
  id: number;
  due: number;
  fn: () => void;
}

export class FakeClock implements Clock {
  /** Monotonic milliseconds. */
  mono: number;
  /** Added to `mono` to give wall time. */
  wallOffset: number;
  private timers: FakeTimer[] = [];
  private nextId = 1;

  constructor(startWallMs = Date.UTC(2026, 0, 5, 9, 0, 0)) {
    this.mono = 0;
    this.wallOffset = startWallMs;
  }

  now(): number {
    return this.mono + this.wallOffset;
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const t = { id: this.nextId++, due: this.mono + Math.max(0, ms), fn };
    this.timers.push(t);
    return t.id;
  }

  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((t) => t.id !== handle);
  }

  pending(): number {
    return this.timers.length;
  }

  /** Monotonic time of the next timer, or null. */
  nextDue(): number | null {
    let best: number | null = null;
    for (const t of this.timers) if (best === null || t.due < best) best = t.due;
    return best;
  }

  /** Lets `ms` pass, firing every timer at its due time, in order. */
  advance(ms: number): void {
    this.advanceTo(this.mono + ms);
  }

  advanceTo(targetMono: number): void {
    for (;;) {
      const next = this.takeNext(targetMono);
      if (!next) break;
      this.mono = Math.max(this.mono, next.due);
      next.fn();
    }
    this.mono = Math.max(this.mono, targetMono);
  }

  /** The machine sleeps for `ms`: no timer fires during it; overdue ones fire at once after. */
  sleep(ms: number): void {
    this.mono += ms;
    this.advance(0);
  }

  /** The wall clock is set by `ms` (NTP, the person); timers are unaffected. */
  jumpWall(ms: number): void {
    this.wallOffset += ms;
  }

  private takeNext(limit: number): FakeTimer | undefined {
    let best: FakeTimer | undefined;
    for (const t of this.timers) if (t.due <= limit && (!best || t.due < best.due || (t.due === best.due && t.id < best.id))) best = t;
    if (best) this.timers = this.timers.filter((t) => t !== best);
    return best;
  }
}

/** Idle time follows the fake clock's monotonic time since the last simulated input. */
export class FakeIdleSource implements IdleSource {
  private readonly clock: FakeClock;
  private lastInputMono: number;
  private readonly listeners = new Map<IdleEvent, Set<() => void>>();
  /** How many times idleSeconds() was read. */
  reads = 0;

  constructor(clock: FakeClock) {
    this.clock = clock;
    this.lastInputMono = clock.mono;
  }

  idleSeconds(): number {
    this.reads += 1;
    return Math.floor((this.clock.mono - this.lastInputMono) / 1000);
  }

  /** The person touched the keyboard or mouse now. */
  input(): void {
    this.lastInputMono = this.clock.mono;
  }

  /** Monotonic time of the last input. */
  get lastInputAt(): number {
    return this.lastInputMono;
  }

  on(event: IdleEvent, listener: () => void): () => void {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  }

  emit(event: IdleEvent): void {
    for (const l of [...(this.listeners.get(event) ?? [])]) l();
  }

  listenerCount(): number {
    let n = 0;
    for (const s of this.listeners.values()) n += s.size;
    return n;
  }
}

export class FakePresence implements UserPresence {
  readonly kind: PresenceKind;
  available: boolean;
  /** Answers of the next verify() calls; when empty, `defaultAnswer`. */
  answers: boolean[] = [];
  defaultAnswer = true;
  /** The reasons verify() was called with. */
  readonly prompts: string[] = [];
  /**
   * Plays the platform key (a Windows Hello key in the TPM): it lives in this object, never
   * in the keychain, and signs only after a verify() that succeeded.
   */
  private readonly deviceKey = randomBytes(32);
  readonly sealer: PresenceKeySealer = signatureSealer(async (challenge, reason) =>
    (await this.verify(reason)) ? createHmac('sha256', this.deviceKey).update(challenge).digest() : null,
  );

  constructor(kind: PresenceKind = 'touch-id', available = true) {
    this.kind = kind;
    this.available = available;
  }

  async isAvailable(): Promise<boolean> {
    return this.available;
  }

  async verify(reason: string): Promise<boolean> {
    this.prompts.push(reason);
    if (!this.available) return false;
    return this.answers.length > 0 ? (this.answers.shift() as boolean) : this.defaultAnswer;
  }
}
