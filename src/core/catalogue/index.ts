export * from './types';
export * from './columns';
export * from './lookup';
export * from './values';
export * from './blocks';
