import { isRecord, type OpenApiDocument } from './parseApiDefinition';
import { resolveValue } from './refs';

export const HTTP_METHODS = [
  'get',
  'put',
  'post',
  'delete',
  'options',
  'head',
  'patch',
  'trace',
] as const;

/** One scheme of a security requirement, with the scopes it asks for. */
export type SchemeRequirement = { scheme: string; scopes: string[] };

/**
 * How an operation may be called. Each alternative is enough on its own; the schemes within
 * one alternative are all required together. An empty list means no authentication.
 */
export type OperationSecurity = {
  alternatives: SchemeRequirement[][];
  /** True when the operation inherits the document's top-level `security`. */
  inherited: boolean;
};

export type PayloadExample = { name: string; value: unknown };

export type MediaTypePayload = {
  mediaType: string;
  schema?: unknown;
  examples: PayloadExample[];
};

export type OperationParameter = {
  name: string;
  in: string;
  required: boolean;
  deprecated: boolean;
  description?: string;
  schema?: unknown;
};

export type OperationResponse = {
  status: string;
  description?: string;
  content: MediaTypePayload[];
};

export type OperationSheet = {
  /** The element id of the operation on the overview tab; diff findings link to it. */
  anchor: string;
  method: string;
  path: string;
  operationId?: string;
  summary?: string;
  description?: string;
  deprecated: boolean;
  parameters: OperationParameter[];
  requestBody?: {
    required: boolean;
    description?: string;
    content: MediaTypePayload[];
  };
  responses: OperationResponse[];
  security: OperationSecurity;
};

export type TagGroup = {
  tag: string;
  description?: string;
  operations: OperationSheet[];
};

export type SecuritySchemeSheet = {
  name: string;
  type: string;
  description?: string;
  /** How the credential is passed, in words: "HTTP bearer (JWT)", "API key in header X-Key". */
  summary: string;
  scopes: Array<{ name: string; description: string }>;
};

/** What the API overview shows from the document itself. */
export type SpecSheet = {
  title?: string;
  version?: string;
  openapi: string;
  description?: string;
  servers: Array<{ url: string; description?: string }>;
  tagGroups: TagGroup[];
  operationCount: number;
  securitySchemes: SecuritySchemeSheet[];
};

/** Operations without a tag are listed under this heading. */
export const UNTAGGED = 'Other operations';

/**
 * The anchor of an operation on the API overview tab, stable across renders and readable in
 * a URL: `get /users/{userId}` -> `operation-get-users-userId`.
 */
export function operationAnchor(method: string, path: string): string {
  const slug = path
    .replace(/[{}]/g, '')
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `operation-${method.toLowerCase()}-${slug || 'root'}`;
}

const str = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : undefined;

/** Builds the endpoint structure, payloads and security of an OpenAPI document. */
export function describeSpec(document: OpenApiDocument): SpecSheet {
  const info = isRecord(document.info) ? document.info : {};
  const groups = new Map<string, TagGroup>();
  const declaredTags = Array.isArray(document.tags) ? document.tags : [];
  for (const tag of declaredTags) {
    if (isRecord(tag) && typeof tag.name === 'string') {
      groups.set(tag.name, {
        tag: tag.name,
        description: str(tag.description),
        operations: [],
      });
    }
  }

  let operationCount = 0;
  for (const [path, rawItem] of Object.entries(document.paths)) {
    if (!path.startsWith('/')) continue;
    const item = resolveValue(document, rawItem);
    if (!isRecord(item)) continue;
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!isRecord(operation)) continue;
      const sheet = describeOperation(
        document,
        method,
        path,
        operation,
        item.parameters,
      );
      operationCount += 1;
      // An operation with several tags is listed under its first only: one anchor per operation.
      const tag =
        Array.isArray(operation.tags) && typeof operation.tags[0] === 'string'
          ? operation.tags[0]
          : UNTAGGED;
      const group = groups.get(tag) ?? { tag, operations: [] };
      group.operations.push(sheet);
      groups.set(tag, group);
    }
  }

  return {
    title: str(info.title),
    version: str(info.version),
    openapi: document.openapi,
    description: str(info.description),
    servers: (Array.isArray(document.servers) ? document.servers : [])
      .filter(isRecord)
      .filter(server => typeof server.url === 'string')
      .map(server => ({
        url: server.url as string,
        description: str(server.description),
      })),
    tagGroups: [...groups.values()].filter(g => g.operations.length > 0),
    operationCount,
    securitySchemes: describeSecuritySchemes(document),
  };
}

function describeOperation(
  document: OpenApiDocument,
  method: string,
  path: string,
  operation: Record<string, any>,
  pathParameters: unknown,
): OperationSheet {
  const body = resolveValue(document, operation.requestBody);
  const responses = isRecord(operation.responses) ? operation.responses : {};
  return {
    anchor: operationAnchor(method, path),
    method: method.toUpperCase(),
    path,
    operationId: str(operation.operationId),
    summary: str(operation.summary),
    description: str(operation.description),
    deprecated: operation.deprecated === true,
    parameters: mergeParameters(document, pathParameters, operation.parameters),
    requestBody: isRecord(body)
      ? {
          required: body.required === true,
          description: str(body.description),
          content: describeContent(document, body.content),
        }
      : undefined,
    responses: Object.entries(responses)
      .filter(([status]) => !status.startsWith('x-'))
      .map(([status, raw]) => {
        const response = resolveValue(document, raw);
        return {
          status,
          description: isRecord(response)
            ? str(response.description)
            : undefined,
          content: isRecord(response)
            ? describeContent(document, response.content)
            : [],
        };
      }),
    security: describeOperationSecurity(document, operation),
  };
}

/** Path-level parameters apply unless the operation redefines the same name and location. */
function mergeParameters(
  document: OpenApiDocument,
  pathLevel: unknown,
  operationLevel: unknown,
): OperationParameter[] {
  const byKey = new Map<string, OperationParameter>();
  for (const list of [pathLevel, operationLevel]) {
    if (!Array.isArray(list)) continue;
    for (const raw of list) {
      const parameter = resolveValue(document, raw);
      if (!isRecord(parameter) || typeof parameter.name !== 'string') continue;
      const location = str(parameter.in) ?? 'query';
      byKey.set(`${location}:${parameter.name}`, {
        name: parameter.name,
        in: location,
        required: parameter.required === true || location === 'path',
        deprecated: parameter.deprecated === true,
        description: str(parameter.description),
        schema: parameter.schema,
      });
    }
  }
  return [...byKey.values()];
}

function describeContent(
  document: OpenApiDocument,
  content: unknown,
): MediaTypePayload[] {
  if (!isRecord(content)) return [];
  return Object.entries(content).map(([mediaType, rawMedia]) => {
    const media = isRecord(rawMedia) ? rawMedia : {};
    const examples: PayloadExample[] = [];
    if (media.example !== undefined) {
      examples.push({ name: 'example', value: media.example });
    }
    if (isRecord(media.examples)) {
      for (const [name, rawExample] of Object.entries(media.examples)) {
        const example = resolveValue(document, rawExample);
        if (isRecord(example) && example.value !== undefined) {
          examples.push({
            name: str(example.summary) ?? name,
            value: example.value,
          });
        } else if (
          isRecord(example) &&
          typeof example.externalValue === 'string'
        ) {
          examples.push({ name, value: `(external) ${example.externalValue}` });
        }
      }
    }
    if (examples.length === 0) {
      const schema = resolveValue(document, media.schema);
      if (isRecord(schema) && schema.example !== undefined) {
        examples.push({ name: 'schema example', value: schema.example });
      }
    }
    return { mediaType, schema: media.schema, examples };
  });
}

function describeOperationSecurity(
  document: OpenApiDocument,
  operation: Record<string, any>,
): OperationSecurity {
  const inherited = operation.security === undefined;
  const requirements = inherited ? document.security : operation.security;
  if (!Array.isArray(requirements)) return { alternatives: [], inherited };
  return {
    inherited,
    alternatives: requirements.filter(isRecord).map(requirement =>
      Object.entries(requirement).map(([scheme, scopes]) => ({
        scheme,
        scopes: Array.isArray(scopes)
          ? scopes.filter((s): s is string => typeof s === 'string')
          : [],
      })),
    ),
  };
}

function describeSecuritySchemes(
  document: OpenApiDocument,
): SecuritySchemeSheet[] {
  const schemes = isRecord(document.components)
    ? document.components.securitySchemes
    : undefined;
  if (!isRecord(schemes)) return [];
  return Object.entries(schemes).flatMap(([name, raw]) => {
    const scheme = resolveValue(document, raw);
    if (!isRecord(scheme)) return [];
    const type = str(scheme.type) ?? 'unknown';
    const scopes = new Map<string, string>();
    if (isRecord(scheme.flows)) {
      for (const flow of Object.values(scheme.flows)) {
        if (isRecord(flow) && isRecord(flow.scopes)) {
          for (const [scope, description] of Object.entries(flow.scopes)) {
            scopes.set(scope, String(description ?? ''));
          }
        }
      }
    }
    return [
      {
        name,
        type,
        description: str(scheme.description),
        summary: summarizeScheme(scheme),
        scopes: [...scopes].map(([scope, description]) => ({
          name: scope,
          description,
        })),
      },
    ];
  });
}

function summarizeScheme(scheme: Record<string, any>): string {
  switch (scheme.type) {
    case 'http': {
      const kind = str(scheme.scheme) ?? 'http';
      const format = str(scheme.bearerFormat);
      return `HTTP ${kind}${format ? ` (${format})` : ''}`;
    }
    case 'apiKey':
      return `API key in ${str(scheme.in) ?? '?'} "${str(scheme.name) ?? '?'}"`;
    case 'oauth2': {
      const flows = isRecord(scheme.flows) ? Object.keys(scheme.flows) : [];
      const urls = isRecord(scheme.flows)
        ? Object.values(scheme.flows)
            .filter(isRecord)
            .map(flow => str(flow.tokenUrl) ?? str(flow.authorizationUrl))
            .filter((url): url is string => !!url)
        : [];
      return `OAuth 2.0 (${flows.join(', ') || 'no flow'})${
        urls.length ? `, token from ${urls[0]}` : ''
      }`;
    }
    case 'openIdConnect':
      return `OpenID Connect (${
        str(scheme.openIdConnectUrl) ?? 'no discovery URL'
      })`;
    case 'mutualTLS':
      return 'Mutual TLS';
    default:
      return String(scheme.type ?? 'unknown');
  }
}

/**
 * The operation a JSON pointer points into (`/paths/~1users/get/responses/400` ->
 * `get /users`), for linking a finding to the operation on the overview tab.
 */
export function operationOfPointer(
  pointer: string,
): { method: string; path: string } | undefined {
  const [, root, rawPath, method] = pointer.split('/');
  if (root !== 'paths' || rawPath === undefined || method === undefined) {
    return undefined;
  }
  if (!(HTTP_METHODS as readonly string[]).includes(method)) return undefined;
  return {
    method,
    path: decodeURIComponent(rawPath).replace(/~1/g, '/').replace(/~0/g, '~'),
  };
}
