export * from './origin';
export * from './control';
export * from './origin-schema';
export * from './api';
export * from './api-openapi';
