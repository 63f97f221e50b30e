import type { BuildOptions } from 'esbuild';

export declare const MAIN_EXTERNALS: string[];
export declare const OPTIONAL_IMPORTS: string[];
export declare function mainBundleOptions(root: string): BuildOptions;
