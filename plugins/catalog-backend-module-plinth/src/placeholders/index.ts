export { localTextPlaceholderResolver } from './localTextPlaceholderResolver';
