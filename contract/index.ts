// The IPC contract between the renderer and main, shared by both sides and the preload:
// the channel table (channels.ts), the events (events.ts), the error codes (errors.ts),
// the shapes they share (shapes.ts, with the input bounds of inputs.ts), the screens'
// view of stored profiles and settings (stored-views.ts, built from the core's storage
// schemas) and the type of `window.companion` (companion-api.ts). It imports only zod,
// the language list and the core's zod-only storage schemas: no Node module.
export * from './all-profiles.js';
export * from './channels.js';
export * from './certificate-reasons.js';
export * from './companion-api.js';
export * from './default-pins.js';
export * from './errors.js';
export * from './events.js';
export * from './shapes.js';
export * from './stored-views.js';
