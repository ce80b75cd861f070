export * from './snapshot';
export * from './org-index';
export * from './read';
export * from './api-url';
