// Why: the bounds every request's fields are held to (lengths, forms), written once so all
// channels agree. Used inside the contract only: the public names are the schemas built
// from them.
import { z } from 'zod';

export const passphrase = z.string().min(1).max(1024);
/**
 * A credential typed by the person. Inbound only: no output schema ever contains one.
 * 1024 characters: far above any real password or API key, and small enough that the
 * encrypted record fits every platform's keychain (the vault checks the byte size too).
 */
export const secretInput = z.string().min(1).max(1024);
export const urlText = z.string().min(1).max(2048);
export const modelName = z.string().regex(/^[a-z][a-z0-9_.]{0,127}$/, 'not a model name');
export const recordId = z.number().int().positive().max(2 ** 31 - 1);
