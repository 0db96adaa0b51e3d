import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  ANNOTATION_ESCALATION_POLICY,
  contactChannelsOf,
  EscalationHours,
  isEscalationPolicyEntity,
  SERVICE_TIERS,
} from '@plinth/plugin-ownership-common';

/*
 * Renders "who to ask" for the platform adoption guide (docs/adoption-guide.md) from the
 * catalog files: the platform team, its escalation policy tier by tier, what it covers and
 * which team policies hand over to it. adoptionGuide.test.ts keeps the guide's block equal
 * to this output (and rewrites it with UPDATE_ADOPTION_GUIDE=1).
 */

export const BLOCK_BEGIN =
  '<!-- BEGIN escalation-matrix: generated from the catalog files, do not edit (see "Keeping this page current") -->';
export const BLOCK_END = '<!-- END escalation-matrix -->';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const refOf = (entity: Entity) => stringifyEntityRef(entity);

function refTo(raw: string, defaultKind: string): string {
  return stringifyEntityRef(
    parseEntityRef(raw, { defaultKind, defaultNamespace: 'default' }),
  );
}

function formatHours(hours: EscalationHours): string {
  if (hours.type === '24x7') {
    return '24x7';
  }
  const days = hours.days?.join(', ') ?? 'mon-fri';
  return `${days} ${hours.start ?? '09:00'}-${hours.end ?? '17:00'} (${
    hours.timeZone
  })`;
}

export function renderEscalationMatrix(
  entities: Entity[],
  groupRef = 'group:default/platform',
): string {
  const group = entities.find(e => refOf(e) === groupRef);
  if (!group) {
    throw new Error(`${groupRef} is not in the catalog files`);
  }
  const users = new Map(
    entities.filter(e => e.kind === 'User').map(u => [refOf(u), u]),
  );
  const displayName = (ref: string) => {
    const user = users.get(ref);
    const name = (user?.spec?.profile as { displayName?: string } | undefined)
      ?.displayName;
    return name ? `${name} (\`${ref}\`)` : ref;
  };
  const policies = entities.filter(isEscalationPolicyEntity);
  const policy = policies.find(p => refTo(p.spec.owner, 'Group') === groupRef);
  if (!policy) {
    throw new Error(`${groupRef} owns no escalation policy`);
  }
  const policyRef = refOf(policy);
  const profile = (group.spec?.profile ?? {}) as { email?: string };
  const lines: string[] = [];

  const members = [...users.values()].filter(u =>
    ((u.spec?.memberOf as string[] | undefined) ?? []).some(
      m => refTo(m, 'Group') === groupRef,
    ),
  );
  const teamName = group.metadata.title ?? group.metadata.name;
  const email = profile.email ? `, ${profile.email}` : '';
  const links = (group.metadata.links ?? [])
    .map(l => `[${l.title ?? l.url}](${l.url})`)
    .join(', ');
  lines.push(
    `**Team:** ${teamName} (\`${groupRef}\`)${email}. ${links}`.trimEnd(),
    '',
    `**Members:** ${members.map(m => displayName(refOf(m))).join(', ')}.`,
    '',
    `**Escalation policy:** ${
      policy.metadata.title ?? policy.metadata.name
    } (\`${policyRef}\`). ${policy.metadata.description ?? ''}`.trimEnd(),
    '',
    `| Tier | Who | How to reach them | Hours | Responds within (${SERVICE_TIERS.join(
      ' / ',
    )}) |`,
    '| --- | --- | --- | --- | --- |',
  );
  for (const tier of [...policy.spec.tiers].sort((a, b) => a.level - b.level)) {
    const who = tier.contacts
      .map(c =>
        c.name?.startsWith('user:') ? displayName(c.name) : c.name ?? '-',
      )
      .join('; ');
    const reach = tier.contacts
      .map(c =>
        contactChannelsOf(c)
          .map(({ channel, value }) => `${channel} ${value}`)
          .join(', '),
      )
      .join('; ');
    const response = SERVICE_TIERS.map(t =>
      tier.responseMinutes[t] === undefined
        ? '-'
        : `${tier.responseMinutes[t]} min`,
    ).join(' / ');
    lines.push(
      `| ${tier.level}. ${cell(tier.name)} | ${cell(who)} | ${cell(
        reach,
      )} | ${cell(formatHours(tier.hours))} | ${response} |`,
    );
  }

  const covered = entities
    .filter(e => ['Component', 'API', 'Resource', 'System'].includes(e.kind))
    .filter(
      e =>
        typeof e.spec?.owner === 'string' &&
        refTo(e.spec.owner as string, 'Group') === groupRef,
    )
    .map(e => {
      const named = e.metadata.annotations?.[ANNOTATION_ESCALATION_POLICY];
      const via = named ? refTo(named, 'EscalationPolicy') : policyRef;
      return `\`${refOf(e)}\`${via === policyRef ? '' : ` (via \`${via}\`)`}`;
    })
    .sort();
  const handOvers = policies
    .filter(p => {
      const next = p.metadata.annotations?.[ANNOTATION_ESCALATION_POLICY];
      return next && refTo(next, 'EscalationPolicy') === policyRef;
    })
    .map(p => `\`${refOf(p)}\``)
    .sort();
  lines.push(
    '',
    `**What it covers:** ${covered.join(', ')}.`,
    '',
    `**Team policies that hand over to it after their last tier:** ${handOvers.join(
      ', ',
    )}.`,
  );
  return lines.join('\n');
}

/** The document with the text between the markers replaced (markers kept). */
export function replaceGeneratedBlock(document: string, block: string): string {
  const begin = document.indexOf(BLOCK_BEGIN);
  const end = document.indexOf(BLOCK_END);
  if (begin < 0 || end < begin) {
    throw new Error(
      `The page has no generated block: add the lines\n${BLOCK_BEGIN}\n${BLOCK_END}\nwhere the matrix goes`,
    );
  }
  return `${document.slice(
    0,
    begin + BLOCK_BEGIN.length,
  )}\n\n${block}\n\n${document.slice(end)}`;
}
