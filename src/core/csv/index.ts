export * from './types';
export { readCsv, forEachRecord, readHeader, detectDialect, delimiterOf, bodyState, scanRecords, ProblemList, MAX_FIELDS, type ScanState, type ScanOptions } from './reader';
export { LineIndex } from './positions';
export { LineStarts } from './line-starts';
export { ChunkedText } from './chunked-text';
export { lastAtOrBefore } from './search';
export { formatCsv, formatCsvRow } from './write';
export { decodeBytes, ENCODING_NAMES, type DecodedText, type Encoding } from './decode';
