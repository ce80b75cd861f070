export * from './types';
export { readCsv, detectDialect } from './reader';
export { LineIndex } from './positions';
export { formatCsv, formatCsvRow } from './write';
