export { LintContent } from './LintContent';
