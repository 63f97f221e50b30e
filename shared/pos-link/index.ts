export * from './origin';
export * from './control';
export * from './api';
export * from './api-openapi';
