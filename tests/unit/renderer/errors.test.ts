// How a failure reads on screen (renderer/errors.ts): when Odoo refuses, its own words
// (main passes them in details.odooMessage) are what the person sees marked as Odoo's,
// not main's summary of the error code.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { CompanionError } from '../../../renderer/api.js';
import { describeProblem } from '../../../renderer/errors.js';

// No catalogue is loaded here (t() answers with the key), and @formatjs reports each key it
// answers with: that report is expected here.
beforeAll(() => {
  vi.spyOn(console, 'error').mockImplementation(() => {});
});

describe("Odoo's refusal", () => {
  it("shows Odoo's message, marked as Odoo's", () => {
    const odoo = "You are not allowed to modify 'Activity' (mail.activity) records.";
    const p = describeProblem(new CompanionError({ code: 'access_denied', message: 'Your Odoo user is not allowed to do this.', details: { odooMessage: odoo } }));
    expect(p).toMatchObject({ code: 'access_denied', title: 'error.access_denied.title', detail: odoo, detailFromOdoo: true });
  });

  it("falls back to main's message when Odoo sent none", () => {
    const p = describeProblem(new CompanionError({ code: 'user_error', message: 'The record is locked.', details: {} }));
    expect(p.detail).toBe('The record is locked.');
  });
});
