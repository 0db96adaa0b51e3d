import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import type { EscalationContact } from '@plinth/plugin-ownership-common';

type Channel = { label: string; text: string; href?: string };

const isWebUrl = (value: string) => /^https?:\/\//i.test(value);

/** Every way to reach a contact, in the order people usually try them. */
export function contactChannels(contact: EscalationContact): Channel[] {
  const channels: Channel[] = [];
  if (contact.pager) {
    channels.push({
      label: 'Pager',
      text: contact.pager,
      href: isWebUrl(contact.pager) ? contact.pager : undefined,
    });
  }
  if (contact.phone) {
    channels.push({
      label: 'Phone',
      text: contact.phone,
      href: `tel:${contact.phone.replace(/[^+\d]/g, '')}`,
    });
  }
  if (contact.chat) {
    channels.push({
      label: 'Chat',
      text: contact.chat,
      href: isWebUrl(contact.chat) ? contact.chat : undefined,
    });
  }
  if (contact.email) {
    channels.push({
      label: 'Email',
      text: contact.email,
      href: `mailto:${contact.email}`,
    });
  }
  if (contact.url) {
    channels.push({ label: 'Link', text: contact.url, href: contact.url });
  }
  return channels;
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
