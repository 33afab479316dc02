// Where a request from the tray or a shortcut lands in the unlocked shell
// (renderer/navigation.ts): the profile it names, else the one used last.
import { describe, expect, it } from 'vitest';
import type { Profile } from '../../../contract/index.js';
import { homeOf, requestedProfile, sectionOf, type ShellRequest } from '../../../renderer/navigation.js';

const profile = (id: string, lastUsedAt: number | null) => ({ id, lastUsedAt }) as Profile;
const request = (profileId: string | null): ShellRequest => ({ screen: 'quick-search', profileId, nonce: 1 });

describe('navigation', () => {
  it('takes the profile a request names, else the one used last, else none', () => {
    const profiles = [profile('a', 10), profile('b', null), profile('c', 30), profile('d', 20)];
    expect(requestedProfile(request('b'), profiles)).toBe('b');
    expect(requestedProfile(request(null), profiles)).toBe('c');
    expect(requestedProfile(request(null), [profile('x', null), profile('y', null)])).toBe('x');
    expect(requestedProfile(request(null), [])).toBeNull();
    expect(profiles.map((p) => p.id)).toEqual(['a', 'b', 'c', 'd']);
  });

  it("opens a profile's home without focusing the search unless asked", () => {
    expect(homeOf('a')).toEqual({ name: 'home', profileId: 'a', focusSearch: 0 });
    expect(homeOf('a', 7)).toEqual({ name: 'home', profileId: 'a', focusSearch: 7 });
  });

  it('puts every screen but settings under the profiles entry', () => {
    expect(sectionOf({ name: 'settings' })).toBe('settings');
    for (const view of [{ name: 'profiles' }, homeOf('a'), { name: 'add' }, { name: 'edit', profileId: 'a' }, { name: 'security', profileId: 'a' }] as const) {
      expect(sectionOf(view)).toBe('profiles');
    }
  });
});
