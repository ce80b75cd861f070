export * from './template';
export * from './wizard-plan';
export * from './systems-file';
export * from './file-names';
export * from './folder';
export * from './create';
