import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { buildUserPut, escapeRegex, exactMatch, mergeAddresses, mergeAttributes, mergePhoneNumbers, parseRetryAfter, backoffDelay, DEFAULT_RETRY_POLICY, type JumpCloudUser } from '../../../src/core/jumpcloud';

const current: JumpCloudUser = {
  _id: '64b7f0a07fad6a4d0041a937',
  username: 'jdoe',
  email: 'jdoe@example.com',
  jobTitle: 'Engineer',
  phoneNumbers: [{ id: 'p1', type: 'mobile', number: '111' }, { id: 'p2', type: 'work_fax', number: '222' }],
  addresses: [{ id: 'a1', type: 'home', locality: 'Denver', region: null, country: 'US' }, { id: 'a2', type: 'other', locality: 'Lisbon' }],
  attributes: [{ name: 'costCode', value: 'A1' }, { name: 'badge', value: 7 }],
  mfa: { configured: false, exclusion: true, exclusionUntil: '2026-03-08T00:00:00Z' },
  mfaEnrollment: { overallStatus: 'NOT_ENROLLED' },
  created: '2026-01-01T00:00:00Z',
};

describe('user merge', () => {
  it('keeps phone numbers of other types, replaces by type ignoring case, drops item ids', () => {
    assert.deepEqual(mergePhoneNumbers(current.phoneNumbers, [{ type: 'Mobile', number: '999' }, { type: 'home', number: '333' }]), [
      { type: 'mobile', number: '999' },
      { type: 'work_fax', number: '222' },
      { type: 'home', number: '333' },
    ]);
  });

  it('overlays address parts on the address of the same type and keeps other types (the module dropped them)', () => {
    assert.deepEqual(mergeAddresses(current.addresses, [{ type: 'HOME', postalCode: '80202' }]), [
      { type: 'home', locality: 'Denver', country: 'US', postalCode: '80202' },
      { type: 'other', locality: 'Lisbon' },
    ]);
  });

  it('sets attributes by name ignoring case and keeps the rest, values as strings', () => {
    assert.deepEqual(mergeAttributes(current.attributes, [{ name: 'COSTCODE', value: 'B2' }]), [
      { name: 'COSTCODE', value: 'B2' },
      { name: 'badge', value: '7' },
    ]);
  });

  it('builds a PUT of only the differences, with whole merged arrays and no server-set fields', () => {
    const put = buildUserPut(current, { jobTitle: 'Engineer', department: 'R&D', phoneNumbers: [{ type: 'mobile', number: '111' }], attributes: [{ name: 'floor', value: '3' }] });
    assert.deepEqual(put.changed, ['department', 'attributes']);
    assert.deepEqual(put.body, { department: 'R&D', attributes: [{ name: 'costCode', value: 'A1' }, { name: 'badge', value: '7' }, { name: 'floor', value: '3' }] });
  });

  it('compares nested objects by the parts given, and always sends a password', () => {
    assert.deepEqual(buildUserPut(current, { mfa: { exclusion: true } }).changed, []);
    assert.deepEqual(buildUserPut(current, { mfa: { exclusion: true, exclusionUntil: '2026-04-01T00:00:00Z' } }).changed, ['mfa']);
    assert.deepEqual(buildUserPut(current, { password: 'x' }).changed, ['password']);
  });
});

describe('exact lookups', () => {
  it('an escaped, anchored, case-insensitive pattern matches exactly the value, ignoring case (property)', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (value, other) => {
        const { $regex } = exactMatch('username', value).username;
        const re = new RegExp($regex.slice(4), 'i');
        assert.equal(re.test(value), true);
        assert.equal(re.test(value.toUpperCase()), true);
        if (other.toLowerCase() !== value.toLowerCase()) assert.equal(re.test(other), false);
      }),
    );
    assert.equal(escapeRegex('a.b*(c)[d]{e}|f?^$\\+'), 'a\\.b\\*\\(c\\)\\[d\\]\\{e\\}\\|f\\?\\^\\$\\\\\\+');
  });
});

describe('retry timing', () => {
  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2026-03-01T09:00:00Z');
    assert.equal(parseRetryAfter('3', now), 3000);
    assert.equal(parseRetryAfter('Sun, 01 Mar 2026 09:00:05 GMT', now), 5000);
    assert.equal(parseRetryAfter('Sun, 01 Mar 2026 08:00:00 GMT', now), 0);
    assert.equal(parseRetryAfter('soon', now), undefined);
    assert.equal(parseRetryAfter(null, now), undefined);
  });

  it('backs off exponentially with full jitter, capped', () => {
    assert.deepEqual([1, 2, 3, 10].map(n => backoffDelay(n, DEFAULT_RETRY_POLICY, () => 0.999)), [499, 999, 1998, 19980]);
    assert.equal(backoffDelay(4, DEFAULT_RETRY_POLICY, () => 0), 0);
  });
});
