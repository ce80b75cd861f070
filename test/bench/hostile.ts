/**
 * Hostile files for `npm run bench` (issue 9), each with a clean twin of about the same size: the linter's cost must
 * follow the size of a file, not how many problems it has or how its lines are shaped.
 */
import { userCsv } from './user-csv';

export interface BenchFile {
  /** Names the file's figures in the bench's JSON. */
  readonly id: string;
  readonly name: string;
  readonly text: string;
}

/** A normal user CSV of at least `bytes` characters (the clean twin of the wide header). */
export function cleanOfSize(bytes: number): string {
  const rows = Math.ceil(bytes / 120);
  return userCsv(rows);
}

const rows = (n: number, row: (i: number) => string) => {
  const lines = ['FirstName,LastName,Username,Email'];
  for (let i = 0; i < n; i++) lines.push(row(i));
  return lines.join('\n') + '\n';
};

/** The pairs the benchmark compares: [hostile, clean twin]. */
export function hostileFiles(scale = 1): [BenchFile, BenchFile][] {
  const million = Math.round(1_000_000 * scale);
  const wide = `Username${','.repeat(Math.round(10 * 2 ** 20 * scale))}\n`;
  // Same shape and length, valid e-mails: `@example.co` is as long as `@example.com` without its last letter.
  const badMail = rows(million, i => `Ada,Lovelace,user${i},user${i}@example`);
  const goodMail = rows(million, i => `Ada,Lovelace,user${i},u${i}@example.io`);
  const duplicates = rows(million, () => 'Ada,Lovelace,alovelace,ada.lovelace@example.com');
  const unique = rows(million, i => `Ada,Lovelace,al${String(i).padStart(7, '0')},a${String(i).padStart(7, '0')}@example.com`);
  return [
    [{ id: 'wideHeader', name: 'wide header (10M commas)', text: wide }, { id: 'wideHeaderTwin', name: 'clean user CSV', text: cleanOfSize(wide.length) }],
    [{ id: 'badEmails', name: '1M rows, bad e-mails', text: badMail }, { id: 'badEmailsTwin', name: '1M rows, valid', text: goodMail }],
    [{ id: 'duplicates', name: '1M duplicate rows', text: duplicates }, { id: 'duplicatesTwin', name: '1M unique rows', text: unique }],
  ];
}
