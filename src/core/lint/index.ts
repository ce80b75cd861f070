export * from './codes';
export * from './types';
export { lintText, lintSummary, lintDocument, lintBytes } from './lint';
export { fixEdits, applyEdits, fixAll } from './fixes';
export { suggestHeader, editDistance } from './suggest';
export { typeFromFileName } from './file-type';
export { headerColumns } from './header-rules';
export { lintLocated, type LocatedLint, type LocatedProblem, type LocatedRange } from './located';
export { IncrementalLint } from './incremental';
