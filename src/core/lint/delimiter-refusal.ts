import type { CsvDocument, CsvProblemCode } from '../csv';

/** Reader problems after which the records are not what the author meant, so rewriting them would change data. */
const BROKEN: readonly { code: CsvProblemCode; why: string }[] = [
  { code: 'unclosed-quote', why: 'a quoted field is never closed, so the rest of the file was read into one cell' },
  { code: 'field-count', why: 'rows have a different number of fields than the header, so cells would move or several would become one' },
  { code: 'stray-quote', why: 'a field has a quote in the middle, which readers split differently' },
  { code: 'too-many-fields', why: 'a row has more fields than can be read' },
];

/**
 * Why the file cannot be converted to commas without changing its data, or undefined when it can. The conversion
 * rewrites the file from the fields read, so it is only safe when those fields are what the file means.
 */
export function convertDelimiterRefusal(document: CsvDocument): string | undefined {
  for (const { code, why } of BROKEN) {
    const first = document.problems.find(p => p.code === code);
    if (first || document.omitted?.[code]) {
      const row = first?.record === undefined ? '' : ` (row ${first.record + 1})`;
      return `${why}${row}`;
    }
  }
  return undefined;
}
