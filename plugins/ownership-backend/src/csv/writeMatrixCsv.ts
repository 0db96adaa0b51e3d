import {
  contactChannelsOf,
  type EscalationContact,
  type EscalationHours,
  type OwnershipMatrixRow,
} from '@plinth/plugin-ownership-common';

/**
 * One CSV cell. Cells a spreadsheet would evaluate as a formula get a leading `'`
 * (OWASP CSV injection); cells with separators, quotes or line breaks are quoted.
 */
export function csvCell(value: string | number | undefined): string {
  if (value === undefined) {
    return '';
  }
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) {
    text = `'${text}`;
  }
  if (/[",\r\n]/.test(text)) {
    return `"${text.replace(/"/g, '""')}"`;
  }
  return text;
}

export function csvLine(cells: Array<string | number | undefined>): string {
  return cells.map(csvCell).join(',');
}

/** A contact as one cell: name, then its channels in the order the UI lists them. */
export function formatContact(contact: EscalationContact): string {
  const channels = contactChannelsOf(contact).map(c => c.value);
  if (!contact.name) {
    return channels.join(', ');
  }
  return channels.length
    ? `${contact.name} (${channels.join(', ')})`
    : contact.name;
}

export function formatHours(hours: EscalationHours | undefined): string {
  if (!hours) {
    return '';
  }
  if (hours.type === '24x7') {
    return '24x7';
  }
  const days = hours.days?.join(' ') ?? 'mon-fri';
  return `business hours ${hours.start ?? '09:00'}-${
    hours.end ?? '17:00'
  } ${days} ${hours.timeZone}`;
}

/** The matrix as CSV (RFC 4180, CRLF), one row per entity, tiers as column groups. */
export function writeMatrixCsv(rows: OwnershipMatrixRow[]): string {
  const tierCount = rows.reduce(
    (max, row) => Math.max(max, row.tiers.length),
    0,
  );
  const header = [
    'entity',
    'kind',
    'title',
    'owner',
    'tier',
    'lifecycle',
    'system',
    'domain',
    'policy',
    'policy source',
  ];
  for (let n = 1; n <= tierCount; n++) {
    header.push(
      `tier ${n} name`,
      `tier ${n} contacts`,
      `tier ${n} hours`,
      `tier ${n} response minutes`,
    );
  }
  header.push('findings');

  const lines = [csvLine(header)];
  for (const row of rows) {
    const cells: Array<string | number | undefined> = [
      row.entityRef,
      row.kind,
      row.title,
      row.ownerRef,
      row.tier,
      row.lifecycle,
      row.system,
      row.domain,
      row.policyRef,
      row.policySource,
    ];
    for (let n = 0; n < tierCount; n++) {
      const tier = row.tiers[n];
      cells.push(
        tier?.name,
        tier?.contacts?.map(formatContact).join('; '),
        formatHours(tier?.hours),
        tier && row.tier ? tier.responseMinutes?.[row.tier] : undefined,
      );
    }
    cells.push(row.findings.join('; '));
    lines.push(csvLine(cells));
  }
  return `${lines.join('\r\n')}\r\n`;
}
