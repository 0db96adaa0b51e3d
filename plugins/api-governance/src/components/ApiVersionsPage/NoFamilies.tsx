import { CodeSnippet, EmptyState, Link } from '@backstage/core-components';
import { API_FAMILY_ANNOTATION } from '@plinth/plugin-api-governance-common';

// The TechDocs page of the portal itself (root catalog-info.yaml: plinth-portal).
const DOCS_URL = '/docs/default/component/plinth-portal/api-governance/';

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
    description={
      <>
        No API families: add {API_FAMILY_ANNOTATION} to your API entities, see
        the docs (<Link to={DOCS_URL}>API versions and governance</Link>). One
        API entity per major version line; the same family name on each.
      </>
    }
    action={<CodeSnippet language="yaml" text={SNIPPET} showCopyCodeButton />}
  />
);
