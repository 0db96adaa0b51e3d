import type { EscalationContact } from './escalationPolicy';

/**
 * The channels of a contact in the order people try them when something is on fire: the
 * page first, then a call, then chat, email, and any other link. The Who-to-call card, the
 * matrix and the CSV export all list channels in this order.
 */
export const CONTACT_CHANNEL_ORDER = [
  'pager',
  'phone',
  'chat',
  'email',
  'url',
] as const satisfies ReadonlyArray<keyof EscalationContact>;

export type ContactChannel = (typeof CONTACT_CHANNEL_ORDER)[number];

/** The channels a contact has, in {@link CONTACT_CHANNEL_ORDER}. */
export function contactChannelsOf(
  contact: EscalationContact,
): Array<{ channel: ContactChannel; value: string }> {
  return CONTACT_CHANNEL_ORDER.flatMap(channel => {
    const value = contact[channel];
    return value ? [{ channel, value }] : [];
  });
}
