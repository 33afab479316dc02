// A tiny typed event emitter for core services (no electron, no node:events typing games).
// A listener that throws does not stop the others: a lock must reach every listener.

export type Listener<T> = (payload: T) => void;

export class TypedEmitter<Events extends Record<string, unknown>> {
  private readonly listeners = new Map<keyof Events, Set<Listener<never>>>();

  on<K extends keyof Events>(event: K, listener: Listener<Events[K]>): () => void {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    set.add(listener as Listener<never>);
    return () => {
      set.delete(listener as Listener<never>);
    };
  }

  /** Calls every listener; returns the errors they threw (never rethrows). */
  emit<K extends keyof Events>(event: K, payload: Events[K]): unknown[] {
    const errors: unknown[] = [];
    for (const l of [...(this.listeners.get(event) ?? [])]) {
      try {
        (l as Listener<Events[K]>)(payload);
      } catch (e) {
        errors.push(e);
      }
    }
    return errors;
  }

  listenerCount(event: keyof Events): number {
    return this.listeners.get(event)?.size ?? 0;
  }
}
