import { ScimUserInput } from '@keyguard/contract';
import { describe, expect, it } from 'vitest';
import { identityOf, roleFromGroups, roleOfGroup, ScimProblem } from '../src/domain/scim.js';
import { scimLookup } from '../src/domain/scim-filter.js';

describe('SCIM identity', () => {
  it('takes the primary email, else the first, else an email-shaped userName; the display name, else given + family name', () => {
    const a = identityOf(
      ScimUserInput.parse({ userName: 'Ada@Example.COM', emails: [{ value: 'other@example.com' }, { value: 'Work@Example.com', primary: 'True' }] }),
    );
    expect(a).toMatchObject({
      email: 'work@example.com',
      name: 'Ada@Example.COM',
      active: true,
      scim: { userName: 'Ada@Example.COM', userNameKey: 'ada@example.com' },
    });
    const b = identityOf(
      ScimUserInput.parse({ userName: 'ada', emails: [{ value: 'ada@example.com' }], name: { givenName: 'Ada', familyName: 'Lovelace' }, active: 'False' }),
    );
    expect(b).toMatchObject({ email: 'ada@example.com', name: 'Ada Lovelace', active: false });
    expect(() => identityOf(ScimUserInput.parse({ userName: 'ada' }))).toThrow(ScimProblem);
  });
});

describe('SCIM groups → roles', () => {
  it('maps the two admin group names (any case or separator) and nothing else', () => {
    expect(roleOfGroup('Keyguard Team Admins')).toBe('team_admin');
    expect(roleOfGroup('keyguard_super-admins')).toBe('super_admin');
    expect(roleOfGroup('Engineering')).toBeNull();
  });

  it('gives the highest role of the groups, never above what the SCIM key may grant', () => {
    expect(roleFromGroups([{ role: null }, { role: 'team_admin' }], 'super_admin')).toBe('team_admin');
    expect(roleFromGroups([{ role: 'super_admin' }], 'team_admin')).toBe('team_admin');
    expect(roleFromGroups([], 'super_admin')).toBe('member');
  });
});

describe('SCIM filters', () => {
  it('turns eq on indexed attributes into a lookup, evaluates anything else, and refuses what does not parse', () => {
    expect(scimLookup(undefined, ['userName'])).toEqual({ kind: 'all' });
    expect(scimLookup('UserName eq "a@b.c"', ['userName', 'externalId'])).toEqual({ kind: 'indexed', where: { userName: 'a@b.c' } });
    expect(scimLookup('userName eq "a@b.c" and externalId eq "x"', ['userName', 'externalId'])).toEqual({
      kind: 'indexed',
      where: { userName: 'a@b.c', externalId: 'x' },
    });
    const other = scimLookup('displayName sw "Ada"', ['userName']);
    expect(other.kind).toBe('test');
    if (other.kind === 'test') expect([{ displayName: 'Ada L' }, { displayName: 'Bob' }].filter(other.matches)).toHaveLength(1);
    expect(() => scimLookup('userName eq', ['userName'])).toThrow(ScimProblem);
  });
});
