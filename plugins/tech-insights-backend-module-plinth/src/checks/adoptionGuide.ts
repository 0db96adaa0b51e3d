/**
 * Where each check's "what to do next" link points: a section of the platform adoption guide
 * in the portal's own TechDocs (entity component:default/plinth-portal, docs/adoption-guide).
 * The anchors are the section ids the guide declares; the guide's test keeps them in step.
 */
export const ADOPTION_GUIDE_PATH =
  '/docs/default/component/plinth-portal/adoption-guide/';

export const ADOPTION_GUIDE_ANCHORS = [
  'owner',
  'escalation-policy',
  'tier-and-lifecycle',
  'api-document',
  'api-lint',
  'breaking-changes',
  'techdocs-runbook',
  'pipeline-annotations',
  'pipeline-health',
  'template-version',
] as const;

export type AdoptionGuideAnchor = (typeof ADOPTION_GUIDE_ANCHORS)[number];

export function adoptionGuideLink(anchor: AdoptionGuideAnchor): string {
  return `${ADOPTION_GUIDE_PATH}#${anchor}`;
}
