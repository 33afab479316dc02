import { describe, expect, it } from 'vitest';
import { AppError, toWireError } from '../../../main/core/errors.js';
import { createDispatch } from '../../../main/core/ipc/dispatch.js';
import { REDACTED, scrubText, secretsInRequest } from '../../../main/core/secret-scrubber.js';

describe('secret scrubber', () => {
  it('replaces held secrets, also URL- and JSON-encoded, longest first', () => {
    const text = 'key p@ss w0rd/+ then p%40ss%20w0rd%2F%2B and "q\\"uote" and short abc';
    const out = scrubText(text, ['p@ss w0rd/+', 'q"uote', 'abc']);
    expect(out).toBe(`key ${REDACTED} then ${REDACTED} and "${REDACTED}" and short abc`);
  });

  it.each([
    ['a 40-hex API key', 'key 5f0c1e0b9a7d4c2e8f6a3b1d0e9c8b7a6f5e4d3c refused'],
    ['a session id', 'session Ab3dE5gH7jK9mN1pQ3sT5vX7zB9dF1hJ3lN5pR7t expired'],
    ['a JWT', 'token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIyIn0.c2ln is bad'],
    ['a bearer header', 'Authorization: Bearer abcdefgh.ijkl'],
    ['a named short value', 'cookie session_id=x1; csrf_token: "y2"'],
  ])('replaces %s without knowing it', (_label, text) => {
    const out = scrubText(text);
    expect(out).toContain(REDACTED);
    for (const v of ['5f0c1e0b9a7d', 'Ab3dE5gH7jK9', 'eyJhbGci', 'abcdefgh', 'x1', 'y2']) expect(out).not.toContain(v);
  });

  it('keeps ordinary text and certificate pins', () => {
    const pin = 'sha256/47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=';
    const text = `Record res.partner(42) cannot be deleted: sale_order_line_product_uom_check; pin ${pin}`;
    expect(scrubText(text)).toBe(text);
  });

  it('finds the credentials a request carries by field name', () => {
    expect(secretsInRequest({ url: 'https://a', secret: 'k1', nested: { passphrase: 'p1', code: '123456' } }).sort()).toEqual([
      '123456',
      'k1',
      'p1',
    ]);
  });

  it('toWireError scrubs message and string details (also string lists)', () => {
    const e = new AppError('user_error', 'Odoo said no.', { odooMessage: 'bad key topsecret-1', list: ['topsecret-1'], n: 3 });
    expect(toWireError(e, (t) => scrubText(t, ['topsecret-1']))).toEqual({
      code: 'user_error',
      message: 'Odoo said no.',
      details: { odooMessage: `bad key ${REDACTED}`, list: [REDACTED], n: 3 },
    });
  });

  it('the dispatcher scrubs held secrets and the request’s own secret from a failure', async () => {
    const dispatch = createDispatch(
      {
        'profiles:testConnection': async (input) => {
          throw new AppError('user_error', 'Odoo said no.', { odooMessage: `echo ${input.secret} and held-secret-9` });
        },
      },
      { heldSecrets: () => ['held-secret-9'] },
    );
    const r = await dispatch('profiles:testConnection', {
      label: 'x',
      url: 'https://odoo.example.com',
      database: 'db',
      login: 'a',
      authMethod: 'api-key',
      transport: 'auto',
      pins: [],
      trustSelfSigned: false,
      secret: 'typed-secret-1',
    });
    expect(r.ok).toBe(false);
    expect(JSON.stringify(r)).not.toMatch(/typed-secret-1|held-secret-9/);
    expect(JSON.stringify(r)).toContain('echo');
  });
});
