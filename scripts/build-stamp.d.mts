// Types of build-stamp.mjs for the TypeScript that reads the stamp (src/plugins/compiled.ts).
export declare const STAMP_FILE: string;
export interface BuildStamp {
  readonly build: string;
  readonly entries: Readonly<Record<string, string>>;
  readonly inputs: Readonly<Record<string, readonly [number, number]>>;
}
export declare function fileSignature(path: string): [number, number] | null;
export declare function readStamp(root: string, outDir: string): BuildStamp | undefined;
export declare function freshStamp(root: string, outDir: string): { readonly stamp: BuildStamp; readonly why?: undefined } | { readonly stamp?: undefined; readonly why: string };
