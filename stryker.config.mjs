// Mutation testing of the security core: `npm run test:mutation` (full run), and the
// `mutation` step of `npm test` (scripts/mutation.mjs: only when the core or its tests
// changed since the kept report). A run below 90 % fails.
// - Runs the unit and integration tiers (vitest.mutation.config.ts) inside the private
//   keyring session, so keychain-backed tests hit the real gnome-keyring.
// - Vitest's `forks` pool: each test file in a child process of its own, so keytar (a
//   native module) is never loaded twice into one process by worker threads.
// - Mutants in the literal text of error messages are ignored (the `message-text`
//   ignorer in scripts/stryker-message-text.mjs); codes, details and decisions are not.

/**
 * The security core, in groups that scripts/mutation.mjs runs one after the other, each with
 * its own kept report, so a change to one group's files or tests re-runs that group alone
 * (Stryker's initial test run covers only the tests related to the group's files).
 * Every file of main/core/{ipc,net,secrets,vault}, the Odoo client's sign-in modules, and the
 * shared clock and emitter, enforced at 90 % or more per file. Left out, with no mutant to
 * test: type-only modules (such as sign-in/method.ts), re-export indexes and secrets/types.ts (a constant list, whose
 * mutants are static and ignored, so Stryker never reports the file and it would look
 * changed at every check); tests/unit/tooling/mutation-scope.test.ts holds that every other
 * file of those folders is in a group.
 * @type {{ name: string, why: string, mutate: string[], report: string }[]}
 */
export const groups = [
  {
    name: 'rules',
    why: 'the decisions: IPC dispatch and sender policy, pin/certificate/expiry/URL rules, the encrypted record, the vault',
    mutate: [
      'main/core/ipc/{dispatch,sender}.ts',
      'main/core/net/{certificates,expiry,pin-check,pins,url-policy}.ts',
      'main/core/secrets/secret-record.ts',
      'main/core/vault/{auto-lock,kdf,key-holder,mutex,passphrase-gate,ports,presence-seal,presence-unlock,profile-secrets,throttle,vault}.ts',
      'main/core/clock.ts',
      'main/core/emitter.ts',
    ],
    report: '.stryker/rules.json',
  },
  {
    name: 'keychain-and-handlers',
    why: 'the keychain adapters (real gnome-keyring) and the IPC handlers',
    mutate: ['main/core/ipc/handlers.ts', 'main/core/secrets/{keychain,keytar-keychain,memory-keychain}.ts'],
    report: '.stryker/keychain-and-handlers.json',
  },
  {
    name: 'tls',
    why: 'the pinned agent, trust store and server inspection, tested against TLS servers on loopback',
    mutate: ['main/core/net/{electron-verify,inspect,pinned-agent,trust-store}.ts'],
    report: '.stryker/tls.json',
  },
  {
    name: 'sign-in',
    why: "the Odoo client's sign-in methods, two-factor step, odoo_jwt exchanges, device key, web session and calls, tested against the Odoo test server",
    mutate: ['main/core/odoo/sign-in/{account,api-key,jwt,password,web-login}.ts', 'main/core/odoo/{session-state,session-decision,calls,totp-step,jwt-module,device-key,single-flight}.ts'],
    report: '.stryker/sign-in.json',
  },
];

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts', related: true, pool: 'forks' },
  plugins: ['@stryker-mutator/vitest-runner', './scripts/stryker-message-text.mjs'],
  ignorers: ['message-text'],
  // Static mutants (module-level constants, evaluated once at import) need every test run
  // again for each one: 5 % of the mutants, 40 % of the time. They are ignored and shown as such.
  ignoreStatic: true,
  // Every mutable file of the security core (see `groups` below for how it is run).
  mutate: groups.flatMap((g) => g.mutate),
  coverageAnalysis: 'perTest',
  concurrency: 2,
  thresholds: { high: 95, low: 90, break: 90 },
  incremental: true,
  incrementalFile: groups[0].report,
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: 'test-results/mutation/report.json' },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  ignorePatterns: ['dist', 'release', 'test-results', '.stryker', 'bench', 'build', '.cache'],
};
