import { BLOCK_IDS, type ApiTarget, type BlockId, type ColumnSpec, type HeaderMatch, type NumberedColumnSpec, type UserCsvKind } from './types';
import { COLUMNS, NUMBERED_COLUMNS } from './columns';

/** Case- and space-insensitive key under which headers are compared, as the reference's Import-Csv lookup does. */
export function headerKey(header: string): string {
  return header.trim().toLowerCase();
}

interface FixedEntry {
  column: ColumnSpec;
  alias: boolean;
  spelling: string;
}

const FIXED_BY_KEY: ReadonlyMap<string, FixedEntry> = new Map(
  COLUMNS.flatMap((column): [string, FixedEntry][] => [
    [headerKey(column.header), { column, alias: false, spelling: column.header }],
    ...column.aliases.map((a): [string, FixedEntry] => [headerKey(a), { column, alias: true, spelling: a }]),
  ]),
);

/** Recognises a header: canonical spelling, an alias, a numbered family member, or unknown. */
export function matchHeader(header: string): HeaderMatch {
  const key = headerKey(header);
  const fixed = FIXED_BY_KEY.get(key);
  if (fixed) {
    const written = fixed.spelling === header || (!fixed.alias && fixed.column.spellings.includes(header));
    return { kind: 'fixed', column: fixed.column, spelling: written ? (fixed.alias ? 'alias' : 'canonical') : 'case' };
  }
  for (const column of NUMBERED_COLUMNS) {
    const m = column.pattern.exec(key);
    if (m) {
      const n = Number(m[1]);
      if (n >= 1 && String(n) === m[1]) {
        return { kind: 'numbered', column, n, spelling: column.header(n) === header ? 'canonical' : 'case' };
      }
    }
  }
  return { kind: 'unknown' };
}

/** The spelling a header should have: the canonical header, or the alias as written in canonical case. */
export function canonicalSpelling(header: string): string | undefined {
  const match = matchHeader(header);
  if (match.kind === 'numbered') return match.column.header(match.n);
  if (match.kind !== 'fixed') return undefined;
  return FIXED_BY_KEY.get(headerKey(header))?.spelling;
}

export function acceptsType(blocks: Partial<Record<UserCsvKind, BlockId>>, type: UserCsvKind): boolean {
  return blocks[type] !== undefined;
}

/** Fixed columns a kind of file accepts, in template order (block order, then catalogue order). */
export function columnsFor(type: UserCsvKind, blocks?: ReadonlySet<BlockId>): ColumnSpec[] {
  const order = (c: ColumnSpec) => BLOCK_IDS.indexOf(c.blocks[type] as BlockId);
  return COLUMNS.filter(c => {
    const block = c.blocks[type];
    return block !== undefined && (!blocks || blocks.has(block));
  }).sort((a, b) => order(a) - order(b)); // Array#sort is stable: catalogue order holds within a block
}

/** Blocks that add at least one column to a template of this type, in wizard order. */
export function blocksFor(type: UserCsvKind): BlockId[] {
  const used = new Set<BlockId>([
    ...COLUMNS.flatMap(c => (c.blocks[type] ? [c.blocks[type]] : [])),
    ...NUMBERED_COLUMNS.flatMap(c => (c.blocks[type] ? [c.blocks[type]] : [])),
  ]);
  return BLOCK_IDS.filter(b => used.has(b));
}

export function numberedColumn(id: NumberedColumnSpec['id']): NumberedColumnSpec {
  const column = NUMBERED_COLUMNS.find(c => c.id === id);
  if (!column) throw new Error(`no numbered column ${id}`);
  return column;
}

/** Every spelling the catalogue knows (canonical headers, aliases and misspellings) for suggestions. */
export function knownSpellings(): { spelling: string; suggest: string }[] {
  return COLUMNS.flatMap(c => [
    { spelling: c.header, suggest: c.header },
    ...c.aliases.map(a => ({ spelling: a, suggest: a })),
    ...c.misspellings.map(m => ({ spelling: m, suggest: c.header })),
  ]);
}

function only(predicate: (target: ApiTarget) => boolean): ColumnSpec {
  const found = COLUMNS.filter(c => predicate(c.api));
  if (found.length !== 1) throw new Error(`the catalogue has ${found.length} columns for one role`);
  return found[0];
}

const field = (name: string) => (t: ApiTarget) => t.kind === 'field' && t.name === name;

/**
 * Typed handles on the columns the rules, the org checks and the import planner treat specially, found by where their
 * value goes, so that no code but the catalogue writes a header.
 */
export const ROLES = {
  username: only(field('username')),
  email: only(field('email')),
  employeeIdentifier: only(field('employeeIdentifier')),
  manager: only(t => t.kind === 'manager'),
  system: only(t => t.kind === 'association' && t.target === 'system'),
  administrator: only(t => t.kind === 'systemAdministrator'),
  ldapServer: only(t => t.kind === 'association' && t.target === 'ldap_server'),
  ldapBindingUser: only(t => t.kind === 'ldapBindingUser'),
  mfa: only(t => t.kind === 'mfa' && t.key === 'enabled'),
  enrollmentDays: only(t => t.kind === 'mfa' && t.key === 'enrollmentDays'),
} as const;

/** The canonical header of a column or numbered column. */
export function headerOf(match: HeaderMatch): string | undefined {
  if (match.kind === 'fixed') return match.column.header;
  if (match.kind === 'numbered') return match.column.header(match.n);
  return undefined;
}
