import { promises as fs } from 'node:fs';
import { SpecInputError } from '../errors';
import { DEFAULT_MAX_BYTES } from './types';

/** `-` reads standard input, as most CLIs do. */
export const STDIN_SOURCE = '-';

/**
 * Reads a document from a file path or stdin, refusing what is not a regular readable
 * file of bounded size before reading it (a directory, a FIFO, /dev/zero).
 */
export async function readSpecSource(
  source: string,
  options: { maxBytes?: number; stdin?: NodeJS.ReadableStream } = {},
): Promise<{ text: string; source: string }> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (source === STDIN_SOURCE) {
    const text = await readStream(
      options.stdin ?? process.stdin,
      maxBytes,
      '<stdin>',
    );
    return { text, source: '<stdin>' };
  }
  if (source === '' || source.includes('\0')) {
    throw new SpecInputError(
      'FILE_NOT_FOUND',
      JSON.stringify(source),
      'not a usable file path',
    );
  }
  let stat;
  try {
    stat = await fs.stat(source);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new SpecInputError(
        'FILE_NOT_FOUND',
        source,
        'no such file; check the path',
      );
    }
    throw new SpecInputError(
      'UNREADABLE',
      source,
      `cannot be read (${code ?? (error as Error).message})`,
      { cause: error },
    );
  }
  if (stat.isDirectory()) {
    throw new SpecInputError(
      'NOT_A_FILE',
      source,
      'is a directory; give the path of an OpenAPI document (.yaml, .yml or .json)',
    );
  }
  if (!stat.isFile()) {
    throw new SpecInputError(
      'NOT_A_FILE',
      source,
      'is not a regular file; give the path of an OpenAPI document',
    );
  }
  if (stat.size > maxBytes) {
    throw new SpecInputError(
      'TOO_LARGE',
      source,
      `is ${stat.size} bytes, over the limit of ${maxBytes} bytes`,
    );
  }
  try {
    return { text: await fs.readFile(source, 'utf8'), source };
  } catch (error) {
    throw new SpecInputError(
      'UNREADABLE',
      source,
      `cannot be read (${
        (error as NodeJS.ErrnoException).code ?? (error as Error).message
      })`,
      { cause: error },
    );
  }
}

async function readStream(
  stream: NodeJS.ReadableStream,
  maxBytes: number,
  source: string,
): Promise<string> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    total += buffer.length;
    if (total > maxBytes) {
      throw new SpecInputError(
        'TOO_LARGE',
        source,
        `is over the limit of ${maxBytes} bytes`,
      );
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
