import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
// Contacts must look and link exactly as on the ownership pages; ownership exports these
// presentational pieces until they move to a shared -react package.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import { ContactLink, EscalationHoursLabel } from '@plinth/plugin-ownership';
import type { ConsumerImpact } from '@plinth/plugin-api-governance-common';

/**
 * Who to call about a consumer: the first tier of its escalation policy, with hours and
 * contacts as the ownership plugin shows them; otherwise why there is nobody to call.
 */
export const WhoToCall = ({ consumer }: { consumer: ConsumerImpact }) => {
  const { escalation } = consumer;
  if (escalation.state === 'unavailable') {
    return (
      <Typography variant="body2" color="text.secondary">
        Contacts unavailable: the ownership backend did not answer. Ask the
        owner.
      </Typography>
    );
  }
  if (escalation.state === 'no-policy' || !escalation.firstTier) {
    return (
      <Typography variant="body2" color="error">
        No escalation policy
        {consumer.owner ? ' for the owner: ask ' : ''}
        {consumer.owner && (
          <EntityRefLink entityRef={consumer.owner} defaultKind="group" />
        )}
      </Typography>
    );
  }
  const tier = escalation.firstTier;
  return (
    <Stack gap={0.5}>
      <Stack direction="row" gap={1} alignItems="center" flexWrap="wrap">
        <Typography variant="subtitle2" component="span">
          {tier.name}
        </Typography>
        <EscalationHoursLabel hours={tier.hours} />
      </Stack>
      {tier.contacts.length === 0 ? (
        <Typography variant="body2" color="error">
          No contact on this tier
        </Typography>
      ) : (
        <Stack
          gap={0.5}
          role="group"
          aria-label={`Who to call about ${
            consumer.title ?? consumer.entityRef
          }`}
        >
          {tier.contacts.map((contact, i) => (
            <ContactLink key={i} contact={contact} />
          ))}
        </Stack>
      )}
    </Stack>
  );
};
