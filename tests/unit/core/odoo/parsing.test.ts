import { describe, expect, it } from 'vitest';
import { codeForName, fromJson2Error, fromJsonRpcError, fromXmlRpcFault } from '../../../../main/core/odoo/classify.js';
import { cookieHeader, readSetCookie, readTotpForm } from '../../../../main/core/odoo/cookies.js';
import { json2Body } from '../../../../main/core/odoo/json2.js';
import { readJwtClaims } from '../../../../main/core/odoo/jwt-tokens.js';
import { capabilitiesOf, parseVersionInfo } from '../../../../main/core/odoo/version.js';

describe('parseVersionInfo', () => {
  it.each([
    [{ server_version: '16.0', server_version_info: [16, 0, 0, 'final', 0, ''], server_serie: '16.0' }, { series: '16.0', major: 16, minor: 0, saas: false }],
    [{ server_version: '17.0', server_version_info: [17, 0, 0, 'final', 0, ''], server_serie: '17.0' }, { series: '17.0', major: 17, minor: 0, saas: false }],
    [{ server_version: '18.0+e', server_version_info: [18, 0, 0, 'final', 0, 'e'], server_serie: '18.0' }, { series: '18.0', major: 18, minor: 0, saas: false }],
    [{ server_version: '19.0', server_version_info: [19, 0, 0, 'final', 0, ''], server_serie: '19.0' }, { series: '19.0', major: 19, minor: 0, saas: false }],
    [{ server_version: 'saas~17.2', server_version_info: [17, 2, 0, 'final', 0, ''], server_serie: 'saas~17.2' }, { series: 'saas~17.2', major: 17, minor: 2, saas: true }],
    [{ server_version: 'saas~18.3', server_version_info: ['saas~18', 3, 0, 'final', 0, ''] }, { series: 'saas~18.3', major: 18, minor: 3, saas: true }],
  ])('reads %j', (raw, expected) => {
    expect(parseVersionInfo(raw)).toMatchObject(expected);
  });

  it('knows JSON-2 starts at 19', () => {
    expect(capabilitiesOf(parseVersionInfo({ server_version: '18.0', server_version_info: [18, 0] })).json2).toBe(false);
    expect(capabilitiesOf(parseVersionInfo({ server_version: '19.0', server_version_info: [19, 0] })).json2).toBe(true);
  });

  it('refuses what is not a version', () => {
    expect(() => parseVersionInfo('<html>')).toThrow(expect.objectContaining({ code: 'bad_response' }));
    expect(() => parseVersionInfo({ foo: 1 })).toThrow(expect.objectContaining({ code: 'bad_response' }));
  });
});

describe('classification by data.name', () => {
  it.each([
    ['odoo.exceptions.AccessDenied', 'auth_failed'],
    ['odoo.http.SessionExpiredException', 'session_expired'],
    ['odoo.exceptions.AccessError', 'access_denied'],
    ['odoo.exceptions.MissingError', 'missing_record'],
    ['odoo.exceptions.ValidationError', 'user_error'],
    ['odoo.exceptions.UserError', 'user_error'],
    ['builtins.KeyError', 'server_error'],
    ['builtins.AttributeError', 'server_error'],
    ['builtins.ValueError', 'server_error'],
  ])('%s → %s', (name, code) => {
    expect(codeForName(name)).toBe(code);
  });

  it('ignores error.code (200, 100, 0 all mean nothing on their own)', () => {
    const e = fromJsonRpcError({ code: 100, message: 'x', data: { name: 'odoo.exceptions.MissingError', message: 'gone' } });
    expect(e.code).toBe('missing_record');
    expect(e.details?.odooMessage).toBe('gone');
    expect(fromJsonRpcError({ code: 0, message: 'x', data: { name: 'odoo.http.SessionExpiredException' } }).code).toBe('session_expired');
  });

  it('maps XML-RPC fault codes', () => {
    expect(fromXmlRpcFault(3, 'Access Denied').code).toBe('auth_failed');
    expect(fromXmlRpcFault(4, "You are not allowed to access 'X'").code).toBe('access_denied');
    expect(fromXmlRpcFault(2, "Object no.such.model doesn't exist").code).toBe('user_error');
    expect(fromXmlRpcFault(2, 'Record does not exist or has been deleted.\n(Record: res.partner(9,), User: 2)').code).toBe('missing_record');
    const tb = fromXmlRpcFault(1, 'Traceback (most recent call last):\n  File "x"\nValueError: boom');
    expect(tb.code).toBe('server_error');
    expect(tb.details?.odooMessage).toBe('ValueError: boom');
  });

  it('maps JSON-2 statuses when the name is unknown', () => {
    expect(fromJson2Error(401, { name: 'werkzeug.exceptions.Unauthorized', message: 'Invalid apikey' }).code).toBe('auth_failed');
    expect(fromJson2Error(403, { message: 'no' }).code).toBe('access_denied');
    expect(fromJson2Error(422, { name: 'builtins.TypeError', message: 'bad' }).code).toBe('user_error');
    expect(fromJson2Error(500, { name: 'builtins.ValueError', message: 'bad' }).code).toBe('server_error');
  });
});


describe('cookies and the TOTP form', () => {
  it('reads session_id and td_id from Set-Cookie lines', () => {
    const lines = [
      'td_id=410971f02ddfa03bb48ef313e1bfd49c664e2fd3; Expires=Thu, 25 Nov 2027 11:49:12 GMT; Max-Age=7776000; HttpOnly; Path=/; SameSite=Lax',
      'session_id=db6080f3fdaa251aa4317704c40ec7efe563b4ed; Expires=Thu, 25 Nov 2027 11:49:12 GMT; Max-Age=604800; HttpOnly; Path=/',
    ];
    expect(readSetCookie(lines, 'session_id')).toBe('db6080f3fdaa251aa4317704c40ec7efe563b4ed');
    expect(readSetCookie(lines, 'td_id')).toBe('410971f02ddfa03bb48ef313e1bfd49c664e2fd3');
    expect(readSetCookie(lines, 'other')).toBeNull();
    expect(readSetCookie(['session_id=; Max-Age=0; Path=/'], 'session_id')).toBe('');
    expect(cookieHeader({ session_id: 'a', td_id: null })).toBe('session_id=a');
  });

  it('finds the csrf token of the TOTP form', () => {
    const html = '<form><input type="hidden" name="csrf_token" value="abc123o99"/><input id="totp_token" name="totp_token"/></form>';
    expect(readTotpForm(html)).toEqual({ csrfToken: 'abc123o99' });
    expect(readTotpForm('<html>login</html>')).toBeNull();
  });
});

describe('JSON-2 named arguments', () => {
  it('names the positional arguments of known methods', () => {
    expect(json2Body('search_read', [[['name', 'ilike', 'a']]], { fields: ['name'], limit: 5 })).toEqual({
      domain: [['name', 'ilike', 'a']],
      fields: ['name'],
      limit: 5,
    });
    expect(json2Body('read', [[1, 2]], { fields: ['name'] })).toEqual({ ids: [1, 2], fields: ['name'] });
    expect(json2Body('name_search', ['deco', [], 'ilike', 8], {})).toEqual({ name: 'deco', domain: [], operator: 'ilike', limit: 8 });
    expect(json2Body('action_confirm', [[5]], {})).toEqual({ ids: [5] });
  });

  it('refuses to guess', () => {
    expect(() => json2Body('do_something', ['x'], {})).toThrow(expect.objectContaining({ code: 'invalid_input' }));
    expect(() => json2Body('search_count', [[], 1, 2], {})).toThrow(expect.objectContaining({ code: 'invalid_input' }));
  });
});

describe('JWT claims', () => {
  it('reads user_id and exp without verifying', () => {
    const token = `x.${Buffer.from(JSON.stringify({ user_id: 6, exp: 1_800_000_000 })).toString('base64url')}.sig`;
    expect(readJwtClaims(token)).toEqual({ userId: 6, expiresAt: 1_800_000_000_000 });
    expect(readJwtClaims('garbage')).toBeNull();
  });
});
