// Why: sign-in methods named the way a person thinks of them ("my Odoo password", "an API
// key from my preferences"), each with one line on what it means, shared by adding and
// editing a profile. The profile list keeps its short labels (renderer/format.ts).
import type { AuthMethod } from '../../../contract';
import type { MessageKey } from '../../i18n';

export const METHOD_NAME: Record<AuthMethod, MessageKey> = {
  account: 'wizard.method.account',
  'api-key': 'wizard.method.apiKey',
  jwt: 'wizard.method.jwt',
  password: 'wizard.method.password',
};

export const METHOD_HINT: Record<AuthMethod, MessageKey> = {
  account: 'wizard.methodHelp.account',
  'api-key': 'wizard.methodHelp.apiKey',
  jwt: 'wizard.methodHelp.jwt',
  password: 'wizard.methodHelp.password',
};

/** What the credential field is called for a method. */
export const SECRET_NAME: Record<AuthMethod, MessageKey> = {
  account: 'wizard.secret.password',
  'api-key': 'wizard.secret.apiKey',
  jwt: 'wizard.secret.password',
  password: 'wizard.secret.password',
};
