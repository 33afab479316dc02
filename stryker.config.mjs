// Mutation testing of the security core: `npm run test:mutation` (full run), and the
// `mutation` step of `npm test` (scripts/mutation.mjs: only when the core or its tests
// changed since the kept report). A run below 90 % fails.
// - Runs the unit and integration tiers (vitest.mutation.config.ts) inside the private
//   keyring session, so keychain-backed tests hit the real gnome-keyring.
// - Vitest's `forks` pool: each test file in a child process of its own, so keytar (a
//   native module) is never loaded twice into one process by worker threads.
// - Mutants in the literal text of error messages are ignored (the `message-text`
//   ignorer in scripts/stryker-message-text.mjs); codes, details and decisions are not.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts', related: true, pool: 'forks' },
  plugins: ['@stryker-mutator/vitest-runner', './scripts/stryker-message-text.mjs'],
  ignorers: ['message-text'],
  // Static mutants (module-level constants, evaluated once at import) need every test run
  // again for each one: 5 % of the mutants, 40 % of the time. They are ignored and shown as such.
  ignoreStatic: true,
  // The security core's files enforced at 90 % or more: the IPC dispatcher and sender
  // policy, the pin, certificate, expiry and URL rules, the encrypted record, the whole vault,
  // and the shared clock and emitter. Measured file by file at 90 % or more with `--mutate`
  // but not yet enforced (a whole run of them does not fit the CI budget yet; figures in
  // docs/security.md): ipc/handlers.ts, secrets/{keychain,keytar-keychain,memory-keychain}.ts,
  // net/{electron-verify,inspect,pinned-agent,trust-store}.ts, and the Odoo client's sign-in
  // modules.
  mutate: [
    'main/core/ipc/{dispatch,sender}.ts',
    'main/core/net/{certificates,expiry,pin-check,pins,url-policy}.ts',
    'main/core/secrets/secret-record.ts',
    // index.ts only re-exports: no mutant, so never in the report.
    'main/core/vault/{auto-lock,kdf,key-holder,mutex,passphrase-gate,ports,presence-seal,presence-unlock,profile-secrets,throttle,vault}.ts',
    'main/core/clock.ts',
    'main/core/emitter.ts',
  ],
  coverageAnalysis: 'perTest',
  concurrency: 2,
  thresholds: { high: 95, low: 90, break: 90 },
  incremental: true,
  incrementalFile: '.stryker/incremental.json',
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: 'test-results/mutation/report.json' },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  ignorePatterns: ['dist', 'release', 'test-results', '.stryker', 'bench', 'build', '.cache'],
};
