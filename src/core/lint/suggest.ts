import { knownSpellings, numberedColumn } from '../catalogue';

/**
 * Optimal string alignment distance (Levenshtein plus adjacent swaps), so `Emial` is one edit from `Email`. Written
 * here because the common npm distance packages count a swap as two edits, and headers are short: a dozen lines.
 */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** Lower case without spaces, underscores or hyphens: `First Name`, `first_name` and `FirstName` agree. */
const squash = (s: string) => s.toLowerCase().replace(/[\s_-]+/g, '');

/** The known header an unknown one most likely means, or undefined when nothing is close. */
export function suggestHeader(header: string): string | undefined {
  const target = squash(header);
  if (!target) return undefined;
  // Allow roughly one typo per four letters, so short headers only match near-exact spellings.
  const limit = Math.max(1, Math.floor(target.length / 4));
  let best: { suggest: string; distance: number } | undefined;
  for (const { spelling, suggest } of knownSpellings()) {
    const known = squash(spelling);
    // The length difference is a lower bound of the distance: a spelling it already puts past the limit can never be
    // suggested, so skip the O(n·m) table. Without this, a long first line (a 50 000-character "header") took seconds.
    if (Math.abs(target.length - known.length) > limit) continue;
    const distance = editDistance(target, known);
    if (distance === 0) return suggest;
    if (!best || distance < best.distance) best = { suggest, distance };
  }
  const numbered = /^(group|attribute)(\d*)(_?(name|value))?$/i.exec(target);
  if (numbered) {
    // The catalogue only knows numbers written as the plain integer 1, 2, … (see matchHeader): `Group01` or `Group0`
    // must not be suggested back as they are, so drop leading zeros and fall back to 1 for 0 or a number too big to
    // round-trip. Otherwise the "rename" fix would write the same unknown header again.
    const digits = numbered[2].replace(/^0+/, '');
    const n = digits && String(Number(digits)) === digits ? digits : '1';
    if (numbered[1].toLowerCase() === 'group') return numberedColumn('group').header(Number(n));
    return numberedColumn(numbered[4]?.toLowerCase() === 'value' ? 'attributeValue' : 'attributeName').header(Number(n));
  }
  return best && best.distance <= limit ? best.suggest : undefined;
}
