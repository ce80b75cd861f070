export * from './plan-types';
export * from './planner';
export { describeChanges } from './changes';
