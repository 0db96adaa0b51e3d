import type { OpenAPIV3, OpenAPIV3_1 } from 'openapi-types';

/** An OpenAPI 3.0 or 3.1 document, as parsed (local `$ref`s not yet followed). */
export type OpenApiDocument = OpenAPIV3.Document | OpenAPIV3_1.Document;

/** The OpenAPI minor line a document declares; the two differ in how null is written. */
export type OpenApiLine = '3.0' | '3.1';

/** A document that parsed and passed the structural checks. */
export interface LoadedSpec {
  /** File path, `<stdin>` or the name the caller gave. */
  source: string;
  line: OpenApiLine;
  document: OpenApiDocument;
  /** The original text, kept so lint findings can point at lines. */
  text: string;
}

/** Bounds that keep a hostile document from exhausting the process. */
export interface LoadLimits {
  /** Largest accepted document in bytes (default 32 MiB: GitHub's description is 13 MB). */
  maxBytes?: number;
  /** Deepest accepted nesting of objects and arrays (default 200). */
  maxDepth?: number;
}

export const DEFAULT_MAX_BYTES = 32 * 1024 * 1024;
export const DEFAULT_MAX_DEPTH = 200;
