import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Entity } from '@backstage/catalog-model';
import { loadExampleCatalog, REPO_ROOT } from './__testUtils__/exampleCatalog';
import {
  BLOCK_BEGIN,
  BLOCK_END,
  renderEscalationMatrix,
  replaceGeneratedBlock,
} from './__testUtils__/escalationMatrix';

/*
 * The adoption guide's "who to ask" block is rendered from the catalog files. This test
 * fails when the page and the catalog disagree, like `yarn openapi:verify` for generated
 * routers; `yarn adoption-guide:generate` in this package (UPDATE_ADOPTION_GUIDE=1)
 * rewrites the block instead.
 */

const GUIDE = resolve(REPO_ROOT, 'docs/adoption-guide.md');

describe('docs/adoption-guide.md', () => {
  it("shows the platform team's escalation matrix as the catalog files define it", async () => {
    const entities = await loadExampleCatalog({ withPortal: true });
    let document = await readFile(GUIDE, 'utf8');
    const expected = replaceGeneratedBlock(
      document,
      renderEscalationMatrix(entities),
    );
    if (process.env.UPDATE_ADOPTION_GUIDE === '1') {
      await writeFile(GUIDE, expected);
      document = expected;
    }
    // On failure: run `yarn adoption-guide:generate` in plugins/scaffolder-backend-module-plinth.
    expect(document).toBe(expected);
  });

  it('has an anchor for every scorecard check', async () => {
    const document = await readFile(GUIDE, 'utf8');
    for (const anchor of [
      'owner',
      'escalation-policy',
      'tier-and-lifecycle',
      'api-document',
      'api-lint',
      'breaking-changes',
      'techdocs-runbook',
      'pipeline-annotations',
      'pipeline-health',
      'template-version',
    ]) {
      expect(document).toMatch(new RegExp(`^#+ .+ \\{#${anchor}\\}$`, 'm'));
    }
  });
});

describe('renderEscalationMatrix', () => {
  const org: Entity[] = [
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: 'platform', namespace: 'default', title: 'Platform' },
      spec: { type: 'team', profile: { email: 'platform@example.com' } },
    },
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'User',
      metadata: { name: 'ana', namespace: 'default' },
      spec: { profile: { displayName: 'Ana' }, memberOf: ['platform'] },
    },
    {
      apiVersion: 'plinth.dev/v1alpha1',
      kind: 'EscalationPolicy',
      metadata: { name: 'platform-escalation', namespace: 'default' },
      spec: {
        owner: 'group:default/platform',
        tiers: [
          {
            level: 2,
            name: 'Lead',
            contacts: [
              {
                name: 'user:default/ana',
                email: 'ana@example.com',
                phone: '+491',
              },
            ],
            hours: { type: 'business-hours', timeZone: 'Europe/Berlin' },
            responseMinutes: { 'tier-1': 30 },
          },
          {
            level: 1,
            name: 'On call | primary',
            contacts: [
              { name: 'On-call', chat: '#oncall', pager: 'pagerduty:P1' },
            ],
            hours: { type: '24x7' },
            responseMinutes: { 'tier-1': 5, 'tier-2': 15, 'tier-3': 60 },
          },
        ],
      },
    },
    {
      apiVersion: 'plinth.dev/v1alpha1',
      kind: 'EscalationPolicy',
      metadata: {
        name: 'team-oncall',
        namespace: 'default',
        annotations: { 'plinth.dev/escalation-policy': 'platform-escalation' },
      },
      spec: { owner: 'group:default/team', tiers: [] },
    },
  ];

  it('lists tiers in order, channels in the contact-channel order, user names resolved, pipes escaped', () => {
    const markdown = renderEscalationMatrix(org);
    const rows = markdown.split('\n').filter(l => /^\| \d\./.test(l));
    expect(rows).toEqual([
      '| 1. On call \\| primary | On-call | pager pagerduty:P1, chat #oncall | 24x7 | 5 min / 15 min / 60 min |',
      '| 2. Lead | Ana (`user:default/ana`) | phone +491, email ana@example.com | mon-fri 09:00-17:00 (Europe/Berlin) | 30 min / - / - |',
    ]);
    expect(markdown).toContain('**Members:** Ana (`user:default/ana`).');
    expect(markdown).toContain(
      '**Team policies that hand over to it after their last tier:** `escalationpolicy:default/team-oncall`.',
    );
  });

  it('names the group when it owns no policy', () => {
    expect(() =>
      renderEscalationMatrix(org.filter(e => e.kind !== 'EscalationPolicy')),
    ).toThrow('group:default/platform owns no escalation policy');
  });

  it('refuses a page without the markers, saying which lines to add', () => {
    expect(() => replaceGeneratedBlock('# Guide\n', 'x')).toThrow(BLOCK_BEGIN);
    expect(
      replaceGeneratedBlock(`a\n${BLOCK_BEGIN}\nold\n${BLOCK_END}\nb`, 'new'),
    ).toBe(`a\n${BLOCK_BEGIN}\n\nnew\n\n${BLOCK_END}\nb`);
  });
});
