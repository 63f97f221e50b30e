export declare function linkCheckoutPackages(dir: string): void;
export declare function buildForwarderInto(dir: string): Promise<string>;
