import type { Entity } from '@backstage/catalog-model';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** The repository's example OpenAPI documents: the overview is tested on what users see. */
export function exampleDefinition(file: string): string {
  return readFileSync(
    resolve(__dirname, '../../../../examples/apis/openapi', file),
    'utf8',
  );
}

const relation = (type: string, targetRef: string) => ({ type, targetRef });

/** user-provisioning-v1 as the catalog serves it: definition inlined, relations stitched. */
export const userProvisioningV1: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'API',
  metadata: {
    name: 'user-provisioning-v1',
    namespace: 'default',
    title: 'User provisioning API v1',
    description:
      'SCIM-style provisioning of users and groups. Deprecated: new integrations use v2; v1 is switched off on 2027-03-31.',
    annotations: {
      'plinth.dev/api-family': 'user-provisioning',
      'plinth.dev/deprecated-at': '2026-06-01',
      'plinth.dev/sunset-at': '2027-03-31',
    },
  },
  spec: {
    type: 'openapi',
    lifecycle: 'deprecated',
    owner: 'group:default/identity',
    system: 'user-provisioning',
    definition: exampleDefinition('user-provisioning-v1.yaml'),
  },
  relations: [
    relation('apiProvidedBy', 'component:default/user-service'),
    relation('apiConsumedBy', 'component:default/signup-service'),
    relation('ownedBy', 'group:default/identity'),
    relation('partOf', 'system:default/user-provisioning'),
  ],
};

export const userProvisioningV2: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'API',
  metadata: {
    name: 'user-provisioning-v2',
    namespace: 'default',
    title: 'User provisioning API v2',
    description:
      'SCIM-style provisioning of users and groups. The supported line.',
    annotations: { 'plinth.dev/api-family': 'user-provisioning' },
  },
  spec: {
    type: 'openapi',
    lifecycle: 'production',
    owner: 'group:default/identity',
    system: 'user-provisioning',
    definition: exampleDefinition('user-provisioning-v2.yaml'),
  },
  relations: [
    relation('apiProvidedBy', 'component:default/user-service'),
    relation('apiConsumedBy', 'component:default/growth-web'),
  ],
};

export const userService: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'user-service',
    namespace: 'default',
    title: 'User service',
  },
  spec: { type: 'service', owner: 'group:default/identity' },
  relations: [
    relation('providesApi', 'api:default/user-provisioning-v1'),
    relation('providesApi', 'api:default/user-provisioning-v2'),
    relation('dependsOn', 'resource:default/users-db'),
  ],
};

export const signupService: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'signup-service',
    namespace: 'default',
    title: 'Signup service',
  },
  spec: { type: 'service', owner: 'group:default/growth' },
  relations: [
    relation('consumesApi', 'api:default/user-provisioning-v1'),
    relation('dependsOn', 'component:default/notification-service'),
  ],
};

export const userProvisioningSystem: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: { name: 'user-provisioning', namespace: 'default' },
  spec: { owner: 'group:default/identity', domain: 'identity' },
};

export const catalogEntities = [
  userProvisioningV1,
  userProvisioningV2,
  userService,
  signupService,
  userProvisioningSystem,
];

/** An API entity with the given definition text (or type), for the error states. */
export function apiWithDefinition(
  definition: string,
  type = 'openapi',
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: { name: 'broken-api', namespace: 'default' },
    spec: {
      type,
      lifecycle: 'experimental',
      owner: 'group:default/identity',
      definition,
    },
  };
}
