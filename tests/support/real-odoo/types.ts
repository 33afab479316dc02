// Why: the one description of a running real-Odoo tier that crosses from the global setup
// to the test files (Vitest's provide/inject: plain JSON only) and to the scripts that
// start the tier themselves (the wire recorder, the bench).
import type { OdooCommand } from './odoo.js';

export type RealOdooLogin = 'admin' | 'demo' | 'totp' | 'portal';

export interface RealOdooUser {
  login: string;
  name: string;
  uid: number;
  partnerId: number;
  password: string;
  /** A global (RPC) API key, 40 hex characters (made when the cached template was built). */
  apiKey: string;
  /** Base32 TOTP secret (two-factor user only). */
  totpSecret: string | null;
  /** In base.group_user. */
  internal: boolean;
  /** In base.group_system. */
  admin: boolean;
}

export interface RealOdooInfo {
  /** The TLS front: what the product talks to (`https://127.0.0.1:PORT`). */
  origin: string;
  /** Odoo itself, plain http on loopback. */
  httpOrigin: string;
  /** The CA that issued the front's certificate: trust it (`network.ca`). */
  caPem: string;
  /** The front's own certificate (its SPKI is the pin). */
  certPem: string;
  database: string;
  /** odoo_jwt's HS256 signing secret for this run (to forge expired or foreign tokens). */
  jwtSecret: string;
  /** `server_serie`, e.g. "17.0". */
  serie: string;
  /**
   * admin: administrator; demo: plain internal user; totp: two-factor user (password
   * logins stop at the TOTP step, RPC only with the API key); portal: portal user (little
   * rights: real AccessErrors, e.g. on ir.config_parameter or other people's partners).
   */
  users: Record<RealOdooLogin, RealOdooUser>;
  /** Partners made for this run (names start with "Companion Seed"). */
  partners: { id: number; name: string }[];
  /** Mail activities on those partners, assigned to users; deadlines relative to today (UTC). */
  activities: { id: number; login: RealOdooLogin; partnerId: number; summary: string; deadline: string; state: string }[];
  /** Odoo's data folder (sessions/, filestore/). */
  dataDir: string;
  /** The server's log file (read it when a test fails). */
  logFile: string;
  /** How to start `odoo-bin shell` against the database (see `odooShell`). */
  command: OdooCommand;
  /** What the start cost, for the record. */
  timings: { totalMs: number; database: 'created' | 'restored'; databaseMs: number; serverMs: number };
}
