import { CodeSnippet, EmptyState } from '@backstage/core-components';
import { API_FAMILY_ANNOTATION } from '@plinth/plugin-api-governance-common';

const SNIPPET = `apiVersion: backstage.io/v1alpha1
kind: API
metadata:
  name: user-provisioning-v2
  annotations:
    ${API_FAMILY_ANNOTATION}: user-provisioning
spec:
  type: openapi
  lifecycle: production`;

/** The empty versions page: how to put API entities into a family. */
export const NoFamilies = () => (
  <EmptyState
    missing="data"
    title="No API families"
    description={`No API families: add ${API_FAMILY_ANNOTATION} to your API entities, see the docs (API versions and governance). One API entity per major version line; the same family name on each.`}
    action={<CodeSnippet language="yaml" text={SNIPPET} showCopyCodeButton />}
  />
);
