export * from './template';
export * from './wizard-plan';
