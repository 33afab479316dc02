// Why: the test server raises "Python" exceptions by their Odoo names; each transport
// then renders them the way real Odoo does (JSON-RPC error object, XML-RPC fault code,
// JSON-2 HTTP status).
export class OdooException extends Error {
  readonly odooName: string;
  /** The exception's `args` (`error.data.arguments`): the message, unless the exception has none. */
  readonly arguments: unknown[];
  constructor(odooName: string, message: string, args: unknown[] = [message]) {
    super(message);
    this.odooName = odooName;
    this.arguments = args;
  }
}

export const ACCESS_DENIED = (): OdooException => new OdooException('odoo.exceptions.AccessDenied', 'Access Denied');
export const SESSION_EXPIRED = (): OdooException =>
  new OdooException('odoo.http.SessionExpiredException', 'Session expired');

/** `/xmlrpc/2` fault codes (odoo/service/wsgi_server.py). */
export function xmlRpcFaultCode(e: OdooException): number {
  switch (e.odooName) {
    case 'odoo.exceptions.AccessError':
      return 4;
    case 'odoo.exceptions.AccessDenied':
      return 3;
    case 'odoo.exceptions.UserError':
    case 'odoo.exceptions.ValidationError':
    case 'odoo.exceptions.MissingError':
    case 'odoo.exceptions.RedirectWarning':
      return 2;
    default:
      return 1;
  }
}

/** JSON-2 (19+) HTTP status per exception. */
export function json2Status(e: OdooException): number {
  switch (e.odooName) {
    case 'werkzeug.exceptions.Unauthorized':
    case 'odoo.exceptions.AccessDenied':
      return 401;
    case 'odoo.exceptions.AccessError':
      return 403;
    case 'odoo.exceptions.MissingError':
    case 'werkzeug.exceptions.NotFound':
      return 404;
    case 'odoo.exceptions.UserError':
    case 'odoo.exceptions.ValidationError':
    case 'builtins.TypeError':
    case 'werkzeug.exceptions.UnprocessableEntity':
      return 422;
    default:
      return 500;
  }
}
