// Why: the `odoo` Vitest project's global setup: brings up one real Odoo 17 (with
// PostgreSQL and the TLS front) for all test files of the tier, hands its description to
// them with provide/inject, and takes everything down afterwards. Without an Odoo source
// it says so on one line and the tier's tests are skipped.
import type { TestProject } from 'vitest/node';
import './provided.js';
import { startRealOdoo } from './real-odoo.js';

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const started = await startRealOdoo();
  if (!started.ok) {
    console.log(`real-Odoo tier skipped: ${started.reason}`);
    project.provide('realOdoo', null);
    project.provide('realOdooSkipReason', started.reason);
    return undefined;
  }
  project.provide('realOdoo', started.odoo.info);
  project.provide('realOdooSkipReason', null);
  return () => started.odoo.stop();
}
