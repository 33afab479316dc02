// Entry of the main bundle (dist/main/index.cjs).
import path from 'node:path';
import { startApp } from './app/main.js';

startApp({
  distDir: path.resolve(__dirname, '..'),
  development: process.env.NODE_ENV === 'development',
}).catch((error: unknown) => {
  // Names only (no message: it could quote data). A shell that cannot start must not
  // linger half-built in the tray.
  console.error(`Odoo Companion could not start: ${error instanceof Error ? error.name : typeof error}`);
  process.exit(1);
});
