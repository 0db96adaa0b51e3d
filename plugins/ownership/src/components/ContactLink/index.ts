export { ContactLink, contactChannels } from './ContactLink';
export type { ContactLinkProps } from './ContactLink';
