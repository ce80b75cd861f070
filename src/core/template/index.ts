export * from './template';
export * from './wizard-plan';
export * from './systems-file';
