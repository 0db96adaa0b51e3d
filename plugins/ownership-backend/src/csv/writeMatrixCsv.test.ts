import type { OwnershipMatrixRow } from '@plinth/plugin-ownership-common';
import {
  csvCell,
  formatContact,
  formatHours,
  writeMatrixCsv,
} from './writeMatrixCsv';

describe('csvCell', () => {
  it('leaves plain text alone', () => {
    expect(csvCell('checkout')).toBe('checkout');
  });

  it('quotes separators and doubles quotes', () => {
    expect(csvCell('a, "b"')).toBe('"a, ""b"""');
  });

  it('quotes line breaks', () => {
    expect(csvCell('a\nb')).toBe('"a\nb"');
  });

  it.each(['=1+1', '+1', '-1', '@SUM(A1)', '\tx'])(
    'neutralises %j as a formula',
    value => {
      expect(csvCell(value).replace(/^"/, '')).toMatch(/^'/);
    },
  );

  it('keeps numbers as numbers', () => {
    expect(csvCell(15)).toBe('15');
  });

  it('writes undefined as an empty cell', () => {
    expect(csvCell(undefined)).toBe('');
  });
});

describe('formatContact', () => {
  it('puts the channels after the name', () => {
    expect(formatContact({ name: 'On-call', pager: 'pd:P1', chat: '#x' })).toBe(
      'On-call (pd:P1, #x)',
    );
  });

  it('lists the channels in the order the page shows them (CONTACT_CHANNEL_ORDER)', () => {
    expect(
      formatContact({
        email: 'a@example.com',
        chat: '#x',
        phone: '+4930123',
        pager: 'pd:P1',
      }),
    ).toBe('pd:P1, +4930123, #x, a@example.com');
  });

  it('uses the channels alone without a name', () => {
    expect(formatContact({ email: 'a@example.com' })).toBe('a@example.com');
  });
});

describe('formatHours', () => {
  it('spells out business hours with their defaults', () => {
    expect(
      formatHours({ type: 'business-hours', timeZone: 'Europe/Berlin' }),
    ).toBe('business hours 09:00-17:00 mon-fri Europe/Berlin');
  });
});

describe('writeMatrixCsv', () => {
  const row: OwnershipMatrixRow = {
    entityRef: 'component:default/a',
    kind: 'Component',
    name: 'a',
    tier: 'tier-2',
    policyRef: 'escalationpolicy:default/p',
    policySource: 'owner-group',
    tiers: [
      {
        level: 1,
        name: 'On-call',
        contacts: [{ name: 'X', chat: '#x' }, { email: 'y@example.com' }],
        hours: { type: '24x7' },
        responseMinutes: { 'tier-1': 5, 'tier-2': 20 },
      },
    ],
    findings: ['policy-owner-drift', 'no-owner'],
  };

  it('writes a column group per tier and the response target for the entity tier', () => {
    expect(writeMatrixCsv([row]).split('\r\n')).toEqual([
      'entity,kind,title,owner,tier,lifecycle,system,domain,policy,policy source,tier 1 name,tier 1 contacts,tier 1 hours,tier 1 response minutes,findings',
      'component:default/a,Component,,,tier-2,,,,escalationpolicy:default/p,owner-group,On-call,X (#x); y@example.com,24x7,20,policy-owner-drift; no-owner',
      '',
    ]);
  });

  it('writes only the header for no rows', () => {
    expect(writeMatrixCsv([])).toBe(
      'entity,kind,title,owner,tier,lifecycle,system,domain,policy,policy source,findings\r\n',
    );
  });
});
