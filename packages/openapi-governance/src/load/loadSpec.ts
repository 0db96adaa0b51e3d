import { SpecInputError } from '../errors';
import { checkRefs } from '../resolve/checkRefs';
import { RefResolver } from '../resolve/RefResolver';
import { parseSpecText } from './parseSpecText';
import { readSpecSource } from './readSpecSource';
import { DEFAULT_MAX_BYTES, LoadedSpec, LoadLimits } from './types';
import { validateOpenApiShape } from './validateOpenApiShape';

/**
 * Parses and checks a document given as text: JSON or YAML, OpenAPI 3.0 or 3.1, every
 * `$ref` local and resolvable. Throws SpecInputError with a precise code otherwise.
 */
export function parseSpec(
  text: string,
  source: string = '<document>',
  limits: LoadLimits = {},
): LoadedSpec {
  const maxBytes = limits.maxBytes ?? DEFAULT_MAX_BYTES;
  if (Buffer.byteLength(text, 'utf8') > maxBytes) {
    throw new SpecInputError(
      'TOO_LARGE',
      source,
      `is over the limit of ${maxBytes} bytes`,
    );
  }
  const value = parseSpecText(text, source);
  const { document, line } = validateOpenApiShape(
    value,
    source,
    limits.maxDepth,
  );
  checkRefs(document, new RefResolver(document, source));
  return { source, line, document, text };
}

/** Reads (path or `-` for stdin) and parses a document; see parseSpec. */
export async function loadSpec(
  source: string,
  limits: LoadLimits & { stdin?: NodeJS.ReadableStream } = {},
): Promise<LoadedSpec> {
  const read = await readSpecSource(source, limits);
  return parseSpec(read.text, read.source, limits);
}
