// Maps a request on the renderer's custom scheme to a file of the built renderer, refusing
// anything that would leave that folder (../, encoded separators, absolute paths).
import path from 'node:path';
import { RENDERER_ORIGIN } from './window-policy.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export interface ResolvedAsset {
  file: string;
  contentType: string;
}

export function resolveRendererAsset(requestUrl: string, rendererDir: string): ResolvedAsset | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (`${url.protocol}//${url.host}` !== RENDERER_ORIGIN) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  const relative = pathname === '/' ? 'index.html' : pathname.replace(/^\/+/, '');
  const root = path.resolve(rendererDir);
  const file = path.resolve(root, relative);
  if (file !== root && !file.startsWith(root + path.sep)) return null;
  const contentType = TYPES[path.extname(file).toLowerCase()];
  if (contentType === undefined) return null;
  return { file, contentType };
}
