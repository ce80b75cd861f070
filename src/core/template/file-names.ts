import type { UserCsvKind } from '../catalogue/types';

/**
 * The file-name convention, in one place: the template writes these names, the linter reads a file's type from them
 * (lint/file-type.ts), and package.json's `filenamePatterns` lists them (test/unit/manifest.test.ts checks it).
 */
export const USER_CSV_PREFIX: Readonly<Record<UserCsvKind, string>> = { import: 'JCUserImport', update: 'JCUserUpdateImport' };
export const SYSTEMS_FILE_PREFIX = 'JCSystems';
/** A name that makes any CSV a JumpCloud user CSV without saying its type. */
export const USER_CSV_SUFFIX = '.jumpcloud.csv';

/** The glob patterns the editor associates with the `jumpcloud-csv` language. */
export const USER_CSV_FILE_PATTERNS: readonly string[] = [...Object.values(USER_CSV_PREFIX).map(p => `${p}_*.csv`), `*${USER_CSV_SUFFIX}`];

const pad = (n: number) => String(n).padStart(2, '0');

/** `MM-DD-YYYY` in local time, the reference module's stamp. */
export function dateStamp(date: Date): string {
  return `${pad(date.getMonth() + 1)}-${pad(date.getDate())}-${date.getFullYear()}`;
}

/** `JCUserImport_MM-DD-YYYY.csv` or `JCUserUpdateImport_MM-DD-YYYY.csv`, as the reference names them. */
export function templateFileName(type: UserCsvKind, date: Date): string {
  return `${USER_CSV_PREFIX[type]}_${dateStamp(date)}.csv`;
}

/** `JCSystems_MM-DD-YYYY.csv`. */
export function systemsFileName(date: Date): string {
  return `${SYSTEMS_FILE_PREFIX}_${dateStamp(date)}.csv`;
}

/** The type a file name says (`<prefix>_*.csv`, any case); undefined when it says none. */
export function typeFromFileName(fileName: string): UserCsvKind | undefined {
  const base = (fileName.split(/[\\/]/).pop() ?? '').toLowerCase();
  // Longest prefix first: JCUserUpdateImport must not be read as JCUserImport's.
  const types = (Object.keys(USER_CSV_PREFIX) as UserCsvKind[]).sort((a, b) => USER_CSV_PREFIX[b].length - USER_CSV_PREFIX[a].length);
  return types.find(t => base.startsWith(`${USER_CSV_PREFIX[t].toLowerCase()}_`) && base.endsWith('.csv'));
}
