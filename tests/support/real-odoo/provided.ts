// Why: types what the real-Odoo global setup hands to test files through Vitest's
// provide/inject, so `inject('realOdoo')` is typed everywhere (types only, no code).
import type {} from 'vitest';
import type { RealOdooInfo } from './types.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The running tier, or null when it is skipped (see `realOdooSkipReason`). */
    realOdoo: RealOdooInfo | null;
    realOdooSkipReason: string | null;
  }
}
