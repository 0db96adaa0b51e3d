import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  resolveSafeChildPath,
  type UrlReaderService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';

/**
 * Reads text files that sit next to an entity's catalog file: its mkdocs.yml, a template's
 * CHANGELOG.md. `location` is a catalog location ref (`backstage.io/managed-by-location`):
 * `url:<https URL>` is read through the UrlReader (integrations, allow-lists); `file:<path>`
 * (the local catalog of `make start`) from disk. Either way the relative path must stay
 * inside the directory of the catalog file: `..` and symlinks out of it are refused.
 */
export interface SourceReader {
  /** The file's text, or undefined when it does not exist. */
  readSibling(
    location: string,
    relativePath: string,
  ): Promise<string | undefined>;
}

export class DefaultSourceReader implements SourceReader {
  constructor(private readonly urlReader: Pick<UrlReaderService, 'readUrl'>) {}

  async readSibling(
    location: string,
    relativePath: string,
  ): Promise<string | undefined> {
    const colon = location.indexOf(':');
    const type = location.slice(0, colon);
    const target = location.slice(colon + 1);
    if (type === 'file') {
      const path = target.startsWith('file:') ? fileURLToPath(target) : target;
      // Throws NotAllowedError when the result leaves the directory (also through symlinks).
      const file = resolveSafeChildPath(dirname(path), relativePath);
      try {
        return await readFile(file, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
          return undefined;
        }
        throw error;
      }
    }
    if (type === 'url') {
      const base = new URL(target);
      const url = new URL(relativePath, base);
      // A relative path may not climb out of the catalog file's directory.
      const baseDir = new URL('.', base).href;
      if (url.origin !== base.origin || !url.href.startsWith(baseDir)) {
        throw new NotAllowedError(
          `${relativePath} is outside the directory of ${location}`,
        );
      }
      try {
        const response = await this.urlReader.readUrl(url.href);
        return (await response.buffer()).toString('utf8');
      } catch (error) {
        if ((error as Error).name === 'NotFoundError') {
          return undefined;
        }
        throw error;
      }
    }
    throw new InputError(
      `Cannot read next to location ${location}: only file and url locations are supported`,
    );
  }
}
