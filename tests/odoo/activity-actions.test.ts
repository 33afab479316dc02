// Acting on an activity against real Odoo 17, through the core's IPC dispatcher: "Done"
// removes the activity and posts Odoo's done message (with the feedback) in the record's
// chatter; a new deadline is written; a portal user gets Odoo's own refusal for each,
// word for word, as a typed error. Activities are made for this file in odoo-bin shell,
// so the seeded ones other files read stay as they are.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Profile } from '../../contract/index.js';
import { fails, ok, startCore, type CoreHarness } from '../support/core-harness.js';
import { describeRealOdoo, frontPins, odooShell, trustFront, user, type RealOdooLogin } from '../support/real-odoo/index.js';

describeRealOdoo('acting on activities in real Odoo 17', (odoo) => {
  let h: CoreHarness;
  const profiles: Partial<Record<RealOdooLogin, string>> = {};
  let activities: number[] = [];
  const partnerId = odoo.partners[0]!.id;

  async function save(login: RealOdooLogin): Promise<string> {
    const u = user(login);
    const p = await ok<Profile>(h.core, 'profiles:save', {
      label: `Real Odoo (${login})`,
      url: odoo.origin,
      database: odoo.database,
      login: u.login,
      authMethod: 'api-key',
      transport: 'jsonrpc',
      pins: frontPins(),
      trustSelfSigned: false,
      secret: u.apiKey,
    });
    return p.id;
  }

  beforeAll(async () => {
    h = await startCore({ network: trustFront() });
    await ok(h.core, 'vault:create', { passphrase: 'correct horse battery staple', enablePresence: false });
    profiles.demo = await save('demo');
    profiles.portal = await save('portal');
    activities =
      (await odooShell<number[]>(
        [
          'from datetime import timedelta',
          'from odoo import fields',
          "todo = env.ref('mail.mail_activity_data_todo')",
          "model = env['ir.model']._get_id('res.partner')",
          'today = fields.Date.today()',
          'ids = []',
          'for days in (-2, -1, 0):',
          "    a = env['mail.activity'].create({'res_model_id': model, 'res_id': " + partnerId + ", 'activity_type_id': todo.id,",
          "        'summary': 'Companion actions %+d' % days, 'date_deadline': today + timedelta(days=days), 'user_id': " + user('demo').uid + '})',
          '    ids.append(a.id)',
          'emit(ids)',
        ].join('\n'),
      )) ?? [];
    expect(activities).toHaveLength(3);
  }, 120_000);

  afterAll(async () => {
    await h?.close();
  });

  it('"Done" with a feedback line: the activity is gone and the chatter has Odoo’s done message with the feedback', async () => {
    const id = activities[0]!;
    expect(await ok(h.core, 'odoo:activityDone', { profileId: profiles.demo, activityId: id, feedback: 'Called back from the tray' })).toEqual({
      profileId: profiles.demo,
      activityId: id,
      done: true,
    });
    const after = await odooShell<{ exists: boolean; messages: { body: string; activityType: number | false; subtype: string }[] }>(
      [
        `exists = bool(env['mail.activity'].browse(${id}).exists())`,
        `msgs = env['mail.message'].search([('model', '=', 'res.partner'), ('res_id', '=', ${partnerId}), ('mail_activity_type_id', '!=', False)], order='id desc', limit=5)`,
        "emit({'exists': exists, 'messages': [{'body': m.body or '', 'activityType': m.mail_activity_type_id.id, 'subtype': m.subtype_id.get_external_id().get(m.subtype_id.id, '')} for m in msgs]})",
      ].join('\n'),
    );
    expect(after?.exists).toBe(false);
    const done = after?.messages.find((m) => m.body.includes('Called back from the tray'));
    expect(done).toBeDefined();
    expect(done?.subtype).toBe('mail.mt_activities');
    expect(done?.activityType).not.toBe(false);
    // Done twice: the activity no longer exists, and Odoo says so.
    expect((await fails(h.core, 'odoo:activityDone', { profileId: profiles.demo, activityId: id })).code).toBe('missing_record');
  });

  it('a new deadline: next week from the user’s today, written in Odoo, and the bucket it now belongs in', async () => {
    const id = activities[1]!;
    const moved = await ok<{ deadline: string; bucket: string }>(h.core, 'odoo:activityReschedule', {
      profileId: profiles.demo,
      activityId: id,
      to: { kind: 'next-week' },
    });
    expect(moved.bucket).toBe('upcoming');
    const stored = await odooShell<string>(`emit(str(env['mail.activity'].browse(${id}).date_deadline))`);
    expect(stored).toBe(moved.deadline);
    const dated = await ok(h.core, 'odoo:activityReschedule', { profileId: profiles.demo, activityId: id, to: { kind: 'date', date: '2031-03-14' } });
    expect(dated).toMatchObject({ deadline: '2031-03-14', bucket: 'upcoming' });
    expect(await odooShell<string>(`emit(str(env['mail.activity'].browse(${id}).date_deadline))`)).toBe('2031-03-14');
  });

  it("a portal user gets Odoo's own refusal for each, and nothing changes", async () => {
    const id = activities[2]!;
    const done = await fails(h.core, 'odoo:activityDone', { profileId: profiles.portal, activityId: id });
    expect(done.code).toBe('access_denied');
    expect(String(done.details?.odooMessage)).toMatch(/^You are not allowed to access 'Attachment' \(ir\.attachment\) records/);
    const moved = await fails(h.core, 'odoo:activityReschedule', { profileId: profiles.portal, activityId: id, to: { kind: 'tomorrow' } });
    expect(moved.code).toBe('access_denied');
    expect(String(moved.details?.odooMessage)).toMatch(/^You are not allowed to modify 'Activity' \(mail\.activity\) records/);
    expect(await odooShell<boolean>(`emit(bool(env['mail.activity'].browse(${id}).exists()))`)).toBe(true);
    console.info(`real Odoo refusals: done → ${done.code}: ${String(done.details?.odooMessage).split('\n')[0]}; reschedule → ${moved.code}: ${String(moved.details?.odooMessage).split('\n')[0]}`);
  });
});
