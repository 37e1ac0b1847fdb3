export declare const DIGEST_FILE: string;
export declare function sourcesDigest(root: string): string;
export declare function buildIsCurrent(root: string): boolean;
export declare function recordBuild(root: string): void;
