export * from './failure-texts';
