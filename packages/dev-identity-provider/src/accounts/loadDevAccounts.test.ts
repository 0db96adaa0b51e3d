import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadDevAccounts, parseDevAccounts } from './loadDevAccounts';
import { DevIdentityProviderError } from './types';

const EXAMPLE_USERS = resolve(__dirname, '../../../../examples/org/users.yaml');

describe('loadDevAccounts', () => {
  it('reads every example User with its catalog email and display name', async () => {
    const accounts = await loadDevAccounts(EXAMPLE_USERS);
    expect(accounts).toContainEqual({
      accountId: 'ana-ruiz',
      email: 'ana.ruiz@plinth.dev',
      name: 'Ana Ruiz',
    });
    expect(accounts).toContainEqual({
      accountId: 'contractor-sam',
      email: 'sam.fischer@contractors.plinth.dev',
      name: 'Sam Fischer (contractor)',
    });
    expect(accounts.length).toBeGreaterThanOrEqual(14);
  });

  it('names the path when the users file is missing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dev-idp-'));
    const missing = join(dir, 'users.yaml');
    await expect(loadDevAccounts(missing)).rejects.toThrow(
      new DevIdentityProviderError(
        `The users file ${missing} does not exist; pass --users with the path of the catalog's User entities (e.g. examples/org/users.yaml)`,
      ),
    );
  });

  it('reads a file written to disk', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dev-idp-'));
    const file = join(dir, 'users.yaml');
    await writeFile(
      file,
      'kind: User\nmetadata: {name: a}\nspec: {profile: {email: a@x.dev}}\n',
    );
    await expect(loadDevAccounts(file)).resolves.toEqual([
      { accountId: 'a', email: 'a@x.dev', name: 'a' },
    ]);
  });
});

describe('parseDevAccounts', () => {
  it('refuses a User without spec.profile.email, naming the entity and the field', () => {
    const text = [
      'kind: User',
      'metadata: {name: no-mail}',
      'spec: {profile: {displayName: No Mail}, memberOf: []}',
    ].join('\n');
    expect(() => parseDevAccounts(text, 'users.yaml')).toThrow(
      'users.yaml: user:default/no-mail has no spec.profile.email; every User needs one to sign in',
    );
  });

  it('refuses two Users with the same email', () => {
    const text = [
      'kind: User',
      'metadata: {name: a}',
      'spec: {profile: {email: Same@x.dev}}',
      '---',
      'kind: User',
      'metadata: {name: b}',
      'spec: {profile: {email: same@x.dev}}',
    ].join('\n');
    expect(() => parseDevAccounts(text, 'users.yaml')).toThrow(
      "users.yaml: user:default/b and user:default/a share spec.profile.email 'same@x.dev'",
    );
  });

  it('ignores other kinds and refuses a file with no User at all', () => {
    expect(() =>
      parseDevAccounts('kind: Group\nmetadata: {name: g}\n', 'groups.yaml'),
    ).toThrow('groups.yaml contains no User entities');
  });

  it('names the document that is not valid YAML', () => {
    expect(() =>
      parseDevAccounts(
        'kind: User\nmetadata: {name: a}\nspec: {profile: {email: a@x.dev}}\n---\nkind: [User\n',
        'users.yaml',
      ),
    ).toThrow(/users\.yaml: document 2 is not valid YAML/);
  });

  it('refuses an email that is not an address', () => {
    const text =
      'kind: User\nmetadata: {name: a}\nspec: {profile: {email: not-an-email}}\n';
    expect(() => parseDevAccounts(text, 'u.yaml')).toThrow(
      "u.yaml: user:default/a has an invalid spec.profile.email 'not-an-email'",
    );
  });
});
