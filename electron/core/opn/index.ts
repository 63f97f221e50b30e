export { createOpnClient, OPN_DEFAULT_BASE_URL, opnCapabilitySchema } from './client';
export type { OpnClient, OpnClientOptions, CreateChargeParams, ListParams, OpnChargeList, OpnRefundList, OpnCapability } from './client';
export { OpnApiError, OpnNetworkError, isAmbiguous } from './errors';
export { shouldRetry, retryDelay } from './http';
export type { FetchLike } from './http';
