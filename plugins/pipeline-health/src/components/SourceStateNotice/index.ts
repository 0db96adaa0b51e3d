export { SourceStateNotice } from './SourceStateNotice';
