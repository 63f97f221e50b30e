export * from './failure-texts';
export * from './plural';
export * from './cashier-texts';
export * from './dates';
export * from './attention';
