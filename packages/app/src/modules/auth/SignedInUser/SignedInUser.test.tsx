import { describeSignedInUser } from './SignedInUser';

describe('describeSignedInUser', () => {
  it('shows the display name and the team from the ownership claims', () => {
    expect(
      describeSignedInUser('Ana Ruiz', 'user:default/ana-ruiz', [
        'user:default/ana-ruiz',
        'group:default/platform',
      ]),
    ).toEqual({
      label: 'Ana Ruiz · platform',
      entityPath: '/catalog/default/user/ana-ruiz',
    });
  });

  it('lists every team of a person in several', () => {
    expect(
      describeSignedInUser('Erik Lindqvist', 'user:default/erik-lindqvist', [
        'user:default/erik-lindqvist',
        'group:default/platform',
        'group:default/data-infrastructure',
      ]).label,
    ).toBe('Erik Lindqvist · data-infrastructure, platform');
  });

  it('says "no team" for someone in no group, like the guest', () => {
    expect(
      describeSignedInUser(undefined, 'user:development/guest', [
        'user:development/guest',
      ]).label,
    ).toBe('guest · no team');
  });
});
