# Why: the real-Odoo tier needs known people and data in a fresh database, with secrets
# of its own (made when the cached database template is built): an administrator, a plain internal user, a two-factor user,
# a portal user with little rights, an API key each, some partners and mail activities
# (overdue and upcoming). Run through the harness's `odoo-bin shell` wrapper, which binds
# `env` and `emit` (hands a JSON value back) and commits afterwards.
import base64
import secrets
from datetime import timedelta

from odoo import fields

Users = env['res.users'].with_context(no_reset_password=True, mail_create_nosubscribe=True)
group_user = env.ref('base.group_user')
group_portal = env.ref('base.group_portal')


def find_or_create(login, name, email, group):
    user = Users.search([('login', '=', login)], limit=1)
    if not user:
        user = Users.create({
            'login': login,
            'name': name,
            'email': email,
            'groups_id': [(6, 0, [group.id])],
        })
    return user


people = {
    'admin': (env.ref('base.user_admin'), None),
    'demo': (find_or_create('demo', 'Marc Demo', 'mark.brown23@example.com', group_user), None),
    'totp': (find_or_create('totp', 'Tina Twofactor', 'tina.twofactor@example.com', group_user), 'totp'),
    'portal': (find_or_create('portal', 'Joel Willis', 'joel.willis63@example.com', group_portal), None),
}

out = {'users': {}, 'partners': [], 'activities': []}
for login, (user, mfa) in people.items():
    password = secrets.token_urlsafe(15)
    user.write({'password': password, 'active': True})
    totp_secret = None
    if mfa == 'totp':
        totp_secret = base64.b32encode(secrets.token_bytes(20)).decode()
        user.sudo().totp_secret = totp_secret
    api_key = env['res.users.apikeys'].with_user(user)._generate(None, 'Companion tests')
    out['users'][login] = {
        'login': user.login,
        'name': user.name,
        'uid': user.id,
        'partnerId': user.partner_id.id,
        'password': password,
        'apiKey': api_key,
        'totpSecret': totp_secret,
        'internal': user.has_group('base.group_user'),
        'admin': user.has_group('base.group_system'),
    }

Partner = env['res.partner']
for name, city, email in [
    ('Companion Seed Alpha', 'Brussels', 'alpha@seed.example.com'),
    ('Companion Seed Beta', 'Namur', 'beta@seed.example.com'),
    ('Companion Seed Gamma', 'Liège', 'gamma@seed.example.com'),
]:
    partner = Partner.search([('name', '=', name)], limit=1) or Partner.create({
        'name': name, 'city': city, 'email': email, 'is_company': True,
    })
    out['partners'].append({'id': partner.id, 'name': partner.name})

todo = env.ref('mail.mail_activity_data_todo')
partner_model = env['ir.model']._get_id('res.partner')
today = fields.Date.context_today(env.user)
plan = [('admin', -3), ('admin', 0), ('admin', 5), ('demo', -1), ('demo', 7), ('totp', 2)]
for index, (login, days) in enumerate(plan):
    target = out['partners'][index % len(out['partners'])]
    deadline = today + timedelta(days=days)
    summary = 'Seeded %s activity for %s (%+d days)' % ('overdue' if days < 0 else 'today' if days == 0 else 'upcoming', login, days)
    activity = env['mail.activity'].create({
        'res_model_id': partner_model,
        'res_id': target['id'],
        'activity_type_id': todo.id,
        'summary': summary,
        'date_deadline': deadline,
        'user_id': out['users'][login]['uid'],
    })
    out['activities'].append({
        'id': activity.id,
        'login': login,
        'partnerId': target['id'],
        'summary': summary,
        'deadline': str(deadline),
        'days': days,
        'state': activity.state,
    })

emit(out)
