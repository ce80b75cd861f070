import type { JumpCloudUser } from './schemas';
import type { CustomAttribute, UserAddress, UserChanges, UserPhoneNumber } from './user-fields';

/**
 * Read-merge-write for user updates: the API replaces arrays wholesale on PUT, so each changed array is rebuilt from
 * the user's current one. Items are matched case-insensitively by phone/address `type` and attribute `name`; the
 * server-set item `id`s and null parts are dropped before sending.
 */

const ADDRESS_KEYS = ['type', 'poBox', 'extendedAddress', 'streetAddress', 'locality', 'region', 'postalCode', 'country'] as const;

const same = (a: string | null | undefined, b: string | null | undefined) => (a ?? '').toLowerCase() === (b ?? '').toLowerCase();

function cleanAddress(address: Record<string, unknown>): UserAddress {
  const out: Record<string, string> = {};
  for (const key of ADDRESS_KEYS) if (typeof address[key] === 'string') out[key] = address[key] as string;
  return { ...out, type: out.type ?? '' } as UserAddress;
}

function cleanPhones(current: JumpCloudUser['phoneNumbers']): UserPhoneNumber[] {
  return (current ?? []).filter(p => typeof p.number === 'string').map(p => ({ type: p.type ?? '', number: p.number as string }));
}

function cleanAttributes(current: JumpCloudUser['attributes']): CustomAttribute[] {
  return (current ?? []).filter(a => a.value !== null && a.value !== undefined).map(a => ({ name: a.name, value: typeof a.value === 'string' ? a.value : String(a.value) }));
}

/** Replaces the number of each incoming type, keeps the other types, appends new ones. */
export function mergePhoneNumbers(current: JumpCloudUser['phoneNumbers'], incoming: readonly UserPhoneNumber[]): UserPhoneNumber[] {
  const merged = cleanPhones(current);
  for (const phone of incoming) {
    const i = merged.findIndex(p => same(p.type, phone.type));
    if (i >= 0) merged[i] = { type: merged[i].type, number: phone.number };
    else merged.push({ type: phone.type, number: phone.number });
  }
  return merged;
}

/** Overlays the parts given for each incoming type on the current address of that type; other addresses stay. */
export function mergeAddresses(current: JumpCloudUser['addresses'], incoming: readonly UserAddress[]): UserAddress[] {
  const merged = (current ?? []).map(a => cleanAddress(a));
  for (const address of incoming) {
    const given = cleanAddress(address as unknown as Record<string, unknown>);
    const i = merged.findIndex(a => same(a.type, address.type));
    if (i >= 0) merged[i] = { ...merged[i], ...given, type: merged[i].type };
    else merged.push(given);
  }
  return merged;
}

/** Sets each incoming attribute by name (the incoming spelling wins), keeps the others. */
export function mergeAttributes(current: JumpCloudUser['attributes'], incoming: readonly CustomAttribute[]): CustomAttribute[] {
  const merged = cleanAttributes(current);
  for (const attribute of incoming) {
    const i = merged.findIndex(a => same(a.name, attribute.name));
    if (i >= 0) merged[i] = { name: attribute.name, value: attribute.value };
    else merged.push({ name: attribute.name, value: attribute.value });
  }
  return merged;
}

function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Whether every part of `wanted` already holds in `actual` (for nested objects such as `mfa` and `recoveryEmail`). */
function holds(actual: unknown, wanted: Record<string, unknown>): boolean {
  if (!actual || typeof actual !== 'object') return false;
  return Object.entries(wanted).every(([k, v]) => deepEqual((actual as Record<string, unknown>)[k], v));
}

export interface UserPut {
  /** The PUT body: only what differs from the current user, with merged arrays in full. */
  readonly body: Record<string, unknown>;
  /** The fields in the body; empty when the user already matches. */
  readonly changed: readonly string[];
}

/**
 * The PUT that applies `changes` to `current`. Also usable offline (the import preview): it needs no network.
 * A password is always sent (it cannot be read back to compare).
 */
export function buildUserPut(current: JumpCloudUser, changes: UserChanges): UserPut {
  const body: Record<string, unknown> = {};
  const record = current as Record<string, unknown>;
  for (const [key, value] of Object.entries(changes) as [string, unknown][]) {
    if (value === undefined) continue;
    let next: unknown = value;
    let unchanged: boolean;
    switch (key) {
      case 'phoneNumbers':
        next = mergePhoneNumbers(current.phoneNumbers, value as UserPhoneNumber[]);
        unchanged = deepEqual(next, cleanPhones(current.phoneNumbers));
        break;
      case 'addresses':
        next = mergeAddresses(current.addresses, value as UserAddress[]);
        unchanged = deepEqual(next, (current.addresses ?? []).map(a => cleanAddress(a)));
        break;
      case 'attributes':
        next = mergeAttributes(current.attributes, value as CustomAttribute[]);
        unchanged = deepEqual(next, cleanAttributes(current.attributes));
        break;
      case 'recoveryEmail':
      case 'mfa':
        unchanged = holds(record[key], value as Record<string, unknown>);
        break;
      case 'password':
        unchanged = false;
        break;
      default:
        unchanged = deepEqual(record[key], value);
    }
    if (!unchanged) body[key] = next;
  }
  return { body, changed: Object.keys(body) };
}
