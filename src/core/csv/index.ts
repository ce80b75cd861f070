export * from './types';
export { readCsv, detectDialect, MAX_FIELDS } from './reader';
export { LineIndex } from './positions';
export { formatCsv, formatCsvRow } from './write';
export { decodeBytes, ENCODING_NAMES, type DecodedText, type Encoding } from './decode';
