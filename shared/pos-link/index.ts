export * from './origin';
export * from './control';
