import type { BlockId } from './types';

export interface BlockSpec {
  readonly id: BlockId;
  /** Short name for lists. */
  readonly label: string;
  /** The wizard's question, asked as yes/no (reworded from the reference wizard). */
  readonly question: string;
  /** Blocks the wizard never asks about: `base` is always in. */
  readonly always?: boolean;
  /** Blocks whose columns are numbered: the wizard asks how many. */
  readonly counted?: { readonly noun: string; readonly question: string };
}

/** Wizard wording for each block; which columns a block adds is in the column table. */
export const BLOCKS: readonly BlockSpec[] = [
  { id: 'base', label: 'Required columns', question: '', always: true },
  { id: 'email', label: 'E-mail address', question: "Update the users' e-mail addresses?" },
  { id: 'names', label: 'Names and password', question: "Update the users' first and last names or reset their passwords?" },
  { id: 'ldap-info', label: 'Extended user information', question: 'Add extended user information (available over JumpCloud LDAP)?' },
  { id: 'location', label: 'Home and work addresses', question: 'Add home and work addresses?' },
  { id: 'telephony', label: 'Phone numbers', question: 'Add phone numbers?' },
  { id: 'unix', label: 'Unix UID and GID', question: 'Set unix UID and GID values?' },
  { id: 'mfa', label: 'MFA', question: 'Require MFA in the user portal, with an enrollment window?' },
  { id: 'ldap-bind', label: 'LDAP binding', question: 'Bind the users to a JumpCloud LDAP server?' },
  { id: 'account', label: 'Account settings', question: 'Set account options (sudo, password expiry, SSH keys, locking)?' },
  { id: 'systems', label: 'Device binding', question: 'Bind the users to existing devices, with or without administrator rights?' },
  {
    id: 'groups',
    label: 'User groups',
    question: 'Add the users to JumpCloud user groups?',
    counted: { noun: 'group', question: 'At most how many groups will one user be added to?' },
  },
  {
    id: 'attributes',
    label: 'Custom attributes',
    question: 'Add custom attributes to the users?',
    counted: { noun: 'custom attribute', question: 'At most how many custom attributes will one user have?' },
  },
];

export function blockSpec(id: BlockId): BlockSpec {
  const block = BLOCKS.find(b => b.id === id);
  if (!block) throw new Error(`no block ${id}`);
  return block;
}
