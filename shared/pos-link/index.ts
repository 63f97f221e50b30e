export * from './origin';
export * from './control';
export * from './origin-schema';
