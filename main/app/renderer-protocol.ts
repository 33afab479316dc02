// Serves the built renderer on app://companion with the CSP header. A privileged standard
// scheme gives the renderer a real, fixed origin that the IPC sender check can trust,
// unlike file:// (every file shares one opaque origin).
import { net, protocol } from 'electron';
import { pathToFileURL } from 'node:url';
import { resolveRendererAsset } from '../core/shell/renderer-assets.js';
import { RENDERER_CSP, RENDERER_SCHEME } from '../core/shell/window-policy.js';

/** Must run before the app is ready. */
export function registerRendererScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: RENDERER_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: false } },
  ]);
}

export function serveRenderer(rendererDir: string): void {
  protocol.handle(RENDERER_SCHEME, async (request) => {
    const asset = resolveRendererAsset(request.url, rendererDir);
    if (asset === null) return new Response('Not found', { status: 404 });
    const file = await net.fetch(pathToFileURL(asset.file).toString());
    return new Response(file.body, {
      status: file.status,
      headers: {
        'Content-Type': asset.contentType,
        'Content-Security-Policy': RENDERER_CSP,
        'X-Content-Type-Options': 'nosniff',
      },
    });
  });
}
