export * from './snapshot';
export * from './org-index';
