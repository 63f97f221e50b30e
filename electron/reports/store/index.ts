// The store's day report (all terminals of the store, from Opn), with CSV and PDF.
export * from './store-report';
export * from './store-csv';
export * from './store-pdf';
export { UNKNOWN_TERMINAL } from './aggregate';
export { StoreReportCache, STORE_CACHE_VERSION, clearStoreReportCache, storeReportCacheOptions } from './cache';
