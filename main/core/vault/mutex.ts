// Why: the vault's state-changing jobs (create, unlocks, passphrase and presence changes,
// reset) each span several awaits; run side by side they could interleave keychain writes
// and key hand-overs. This queue runs them one after the other, in call order, and a job
// that fails does not stop the ones queued behind it.

export class Mutex {
  /** Settles after the last queued job; never rejects. */
  private tail: Promise<unknown> = Promise.resolve();

  /** Runs `job` once every job queued before it has settled; resolves or rejects with it. */
  run<T>(job: () => Promise<T>): Promise<T> {
    const result = this.tail.then(job);
    this.tail = result.catch(() => {});
    return result;
  }
}
