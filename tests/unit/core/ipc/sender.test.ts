import { describe, expect, it } from 'vitest';
import { isTrustedSender } from '../../../../main/core/ipc/sender.js';
import { RENDERER_ORIGIN } from '../../../../main/core/shell/window-policy.js';

const policy = { trustedOrigin: RENDERER_ORIGIN, isOwnWebContents: (id: number) => id === 1 };

describe('isTrustedSender', () => {
  it('trusts the top frame of our window on our origin', () => {
    expect(isTrustedSender({ webContentsId: 1, frameUrl: 'app://companion/index.html', isMainFrame: true }, policy)).toBe(true);
  });
  it.each([
    ['a sub-frame of our own page', { webContentsId: 1, frameUrl: 'app://companion/index.html', isMainFrame: false }],
    ['a foreign origin in our window', { webContentsId: 1, frameUrl: 'https://evil.example/', isMainFrame: true }],
    ['a look-alike host', { webContentsId: 1, frameUrl: 'app://companion.evil/index.html', isMainFrame: true }],
    ['a file: page', { webContentsId: 1, frameUrl: 'file:///tmp/x.html', isMainFrame: true }],
    ['a window we do not own', { webContentsId: 2, frameUrl: 'app://companion/index.html', isMainFrame: true }],
    ['a destroyed frame', { webContentsId: 1, frameUrl: null, isMainFrame: true }],
    ['garbage', { webContentsId: 1, frameUrl: 'not a url', isMainFrame: true }],
  ])('refuses %s', (_name, facts) => {
    expect(isTrustedSender(facts, policy)).toBe(false);
  });
});
