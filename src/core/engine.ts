/**
 * What the editor loads on first use, as its own bundle (dist/engine.js): the import, and the export's reading and
 * writing. Opening a CSV does not pay for either.
 */
export * from './import';
export { describeNote, ExportError, exportUsers } from './export';
