import type { AddressKey } from '../catalogue';
import type { JumpCloudUser, NewUser, UserChanges } from '../jumpcloud';
import type { UserRow } from '../rows';
import type { FieldChange } from './plan-types';

/**
 * Field-by-field differences between the organization's user and what a row sends: what the preview shows
 * ("jobTitle: Engineer → Lead") and what decides that an update is needed at all. Arrays are compared item by item
 * (by phone/address type, attribute name), as the client's read-merge-write applies them.
 */

const same = (a: string | null | undefined, b: string | null | undefined) => (a ?? '').toLowerCase() === (b ?? '').toLowerCase();

/** A value as the preview and the journal show it; passwords are never shown. */
export function displayValue(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function change(key: string, header: string | undefined, field: string, before: unknown, after: unknown): FieldChange {
  // Assigned rather than spread in: built for every cell of every row (see copyProperties).
  const made: { -readonly [K in keyof FieldChange]: FieldChange[K] } = { key, header: header ?? field, field, after: displayValue(after) };
  if (before !== undefined && before !== null) made.before = displayValue(before);
  return made;
}

/** The changes `body` makes to `current` (every field of a create, when there is no current user). */
export function describeChanges(current: JumpCloudUser | undefined, body: UserChanges | NewUser, row: UserRow): FieldChange[] {
  const out: FieldChange[] = [];
  const record = (current ?? {}) as Record<string, unknown>;
  for (const [key, value] of Object.entries(body) as [string, unknown][]) {
    if (value === undefined || key === 'state' || key === 'username') continue;
    switch (key) {
      case 'password':
        // It cannot be read back to compare, and is never shown.
        out.push({ key, header: row.fields.get(key)?.header ?? key, field: key, after: '(set)' });
        break;
      case 'addresses':
        for (const [type, { parts, headers }] of row.addresses) {
          const had = current?.addresses?.find(a => same(a.type, type)) as Record<string, unknown> | undefined;
          for (const [part, text] of Object.entries(parts) as [AddressKey, string][]) {
            if (current && had?.[part] === text) continue;
            out.push(change(key, headers[part], `addresses[${type}].${part}`, had?.[part], text));
          }
        }
        break;
      case 'phoneNumbers':
        for (const [type, { number, header }] of row.phones) {
          const had = current?.phoneNumbers?.find(p => same(p.type, type))?.number;
          if (current && had === number) continue;
          out.push(change(key, header, `phoneNumbers[${type}]`, had, number));
        }
        break;
      case 'attributes':
        for (const { name, value: text } of row.attributes) {
          const had = current?.attributes?.find(a => same(a.name, name))?.value;
          if (current && displayValue(had) === text) continue;
          out.push(change(key, `custom attribute ${name}`, `attributes[${name}]`, had, text));
        }
        break;
      case 'recoveryEmail': {
        const had = current?.recoveryEmail?.address;
        if (current && had === row.recoveryEmail) break;
        out.push(change(key, row.headers.recoveryEmail, 'recoveryEmail.address', had, row.recoveryEmail));
        break;
      }
      case 'mfa': {
        const days = (value as { exclusionDays?: number }).exclusionDays;
        const until = (value as { exclusionUntil?: string }).exclusionUntil;
        out.push({ key, header: row.headers.enrollmentDays ?? row.headers.mfa ?? key, field: 'mfa', after: until ? `enroll by ${until}` : `enroll within ${days} days of activation` });
        break;
      }
      case 'manager':
        if (current && record.manager === value) break;
        out.push(change(key, row.headers.manager, 'manager', record.manager, row.manager ?? value));
        break;
      default: {
        const before = record[key];
        if (current && before === value) break;
        const header = row.fields.get(key)?.header ?? (key === 'enable_user_portal_multifactor' ? row.headers.mfa : key === 'ldap_binding_user' ? row.headers.ldapBindingUser : undefined);
        out.push(change(key, header, key, before, value));
      }
    }
  }
  return out;
}
