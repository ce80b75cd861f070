export * from './columns';
export * from './user-row';
