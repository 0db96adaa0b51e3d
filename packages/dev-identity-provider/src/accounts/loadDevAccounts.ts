import { readFile } from 'node:fs/promises';
import { parseAllDocuments } from 'yaml';
import { z } from 'zod';
import { DevAccount, DevIdentityProviderError } from './types';

/**
 * The account whose email is in no catalog User. It exists so that the portal's refusal of
 * an unknown email can be tried by hand and tested end to end: the IdP signs it in, the
 * portal must refuse it.
 */
export const UNKNOWN_TO_CATALOG_ACCOUNT: DevAccount = {
  accountId: 'not-in-catalog',
  email: 'alex.unlisted@plinth.dev',
  name: 'Alex Unlisted (not in the catalog)',
};

const userSchema = z.object({
  kind: z.literal('User'),
  metadata: z.object({ name: z.string().min(1) }),
  spec: z
    .object({
      profile: z
        .object({
          email: z.string().optional(),
          displayName: z.string().optional(),
        })
        .optional(),
    })
    .optional(),
});

/**
 * Reads the catalog's User entities from a YAML file (several documents) and turns each into
 * a dev account: the catalog is the only list of people, so the IdP and the catalog never
 * drift. Documents of other kinds are ignored. A User without `spec.profile.email` is an
 * error (it could never sign in), named with the entity and the field.
 */
export async function loadDevAccounts(
  usersFile: string,
): Promise<DevAccount[]> {
  let text: string;
  try {
    text = await readFile(usersFile, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new DevIdentityProviderError(
      code === 'ENOENT'
        ? `The users file ${usersFile} does not exist; pass --users with the path of the catalog's User entities (e.g. examples/org/users.yaml)`
        : `Cannot read the users file ${usersFile}: ${String(error)}`,
    );
  }
  return parseDevAccounts(text, usersFile);
}

/** The pure part of {@link loadDevAccounts}, for text already in memory. */
export function parseDevAccounts(text: string, source: string): DevAccount[] {
  const accounts: DevAccount[] = [];
  const seenEmails = new Map<string, string>();
  const documents = parseAllDocuments(text);
  documents.forEach((document, index) => {
    if (document.errors.length > 0) {
      throw new DevIdentityProviderError(
        `${source}: document ${index + 1} is not valid YAML: ${
          document.errors[0].message
        }`,
      );
    }
    const value: unknown = document.toJS();
    if (
      !value ||
      typeof value !== 'object' ||
      (value as { kind?: unknown }).kind !== 'User'
    ) {
      return;
    }
    const parsed = userSchema.safeParse(value);
    if (!parsed.success) {
      throw new DevIdentityProviderError(
        `${source}: document ${index + 1} is a User without metadata.name`,
      );
    }
    const user = parsed.data;
    const ref = `user:default/${user.metadata.name}`;
    const email = user.spec?.profile?.email?.trim();
    if (!email) {
      throw new DevIdentityProviderError(
        `${source}: ${ref} has no spec.profile.email; every User needs one to sign in`,
      );
    }
    if (!/^[^@\s]+@[^@\s]+$/.test(email)) {
      throw new DevIdentityProviderError(
        `${source}: ${ref} has an invalid spec.profile.email '${email}'`,
      );
    }
    const key = email.toLowerCase();
    const previous = seenEmails.get(key);
    if (previous) {
      throw new DevIdentityProviderError(
        `${source}: ${ref} and ${previous} share spec.profile.email '${email}'; the portal could not tell them apart`,
      );
    }
    seenEmails.set(key, ref);
    accounts.push({
      accountId: user.metadata.name,
      email,
      name: user.spec?.profile?.displayName ?? user.metadata.name,
    });
  });
  if (accounts.length === 0) {
    throw new DevIdentityProviderError(`${source} contains no User entities`);
  }
  return accounts;
}
