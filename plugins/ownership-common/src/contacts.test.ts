import { contactChannelsOf } from './contacts';

describe('contactChannelsOf', () => {
  it('lists the channels a contact has in the shared order, whatever order they were written in', () => {
    expect(
      contactChannelsOf({
        url: 'https://runbook.example',
        email: 'a@example.com',
        chat: '#ops',
        phone: '+4930123',
        pager: 'pagerduty:P1',
        name: 'Ops',
      }).map(c => c.channel),
    ).toEqual(['pager', 'phone', 'chat', 'email', 'url']);
  });

  it('leaves out channels that are not set', () => {
    expect(
      contactChannelsOf({ name: 'Lead', email: 'lead@example.com' }),
    ).toEqual([{ channel: 'email', value: 'lead@example.com' }]);
  });
});
