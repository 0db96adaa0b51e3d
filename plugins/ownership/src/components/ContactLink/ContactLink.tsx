import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import {
  contactChannelsOf,
  type ContactChannel,
  type EscalationContact,
} from '@plinth/plugin-ownership-common';

type Channel = { label: string; text: string; href?: string };

const isWebUrl = (value: string) => /^https?:\/\//i.test(value);

const LABELS: Record<ContactChannel, string> = {
  pager: 'Pager',
  phone: 'Phone',
  chat: 'Chat',
  email: 'Email',
  url: 'Link',
};

function hrefOf(channel: ContactChannel, value: string): string | undefined {
  switch (channel) {
    case 'phone':
      return `tel:${value.replace(/[^+\d]/g, '')}`;
    case 'email':
      return `mailto:${value}`;
    case 'url':
      return value;
    default:
      // Pager schedules and chat channels are handles unless written as web links.
      return isWebUrl(value) ? value : undefined;
  }
}

/** Every way to reach a contact, in the order shared with the CSV (CONTACT_CHANNEL_ORDER). */
export function contactChannels(contact: EscalationContact): Channel[] {
  return contactChannelsOf(contact).map(({ channel, value }) => ({
    label: LABELS[channel],
    text: value,
    href: hrefOf(channel, value),
  }));
}

export type ContactLinkProps = {
  contact: EscalationContact;
  /** Only the first channel, for dense tables. */
  compact?: boolean;
};

/** A contact's name and channels: mailto:, tel: and https links, pager and chat handles as text. */
export const ContactLink = ({ contact, compact }: ContactLinkProps) => {
  const channels = contactChannels(contact);
  const shown = compact ? channels.slice(0, 1) : channels;
  return (
    <Typography
      component="span"
      variant="body2"
      sx={
        compact
          ? { display: 'flex', flexDirection: 'column', minWidth: 0 }
          : undefined
      }
    >
      {contact.name && (
        <Typography
          component="strong"
          variant="body2"
          fontWeight={700}
          noWrap={compact}
        >
          {contact.name}
        </Typography>
      )}
      {shown.map(channel => (
        <Typography
          component="span"
          variant="body2"
          key={`${channel.label}:${channel.text}`}
          noWrap={compact}
          sx={{ display: 'block' }}
        >
          {!compact && `${channel.label}: `}
          {channel.href ? (
            <Link
              href={channel.href}
              {...(isWebUrl(channel.href)
                ? { target: '_blank', rel: 'noopener noreferrer' }
                : {})}
            >
              {channel.text}
            </Link>
          ) : (
            <code>{channel.text}</code>
          )}
        </Typography>
      ))}
    </Typography>
  );
};
