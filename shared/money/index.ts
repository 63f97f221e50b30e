export * from './currency';
export * from './parse';
export * from './format';
