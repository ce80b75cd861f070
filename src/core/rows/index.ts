export * from './columns';
export * from './user-row';
export * from './cell-send';
