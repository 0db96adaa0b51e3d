import { joinPointer } from '../resolve/jsonPointer';
import { DiffContext, OperationScope, describeOperation } from './DiffContext';
import { compareSchemas, newWalk } from './compareSchemas';
import { renamedMediaType } from './renamedMediaType';

export function compareRequestBodies(
  ctx: DiffContext,
  scope: OperationScope,
  baseOperation: Record<string, any>,
  baseOperationPointer: string,
  headOperation: Record<string, any>,
  headOperationPointer: string,
) {
  const op = describeOperation(scope);
  const h = headOperation.requestBody
    ? ctx.resolveHead(
        headOperation.requestBody,
        joinPointer(headOperationPointer, 'requestBody'),
      )
    : undefined;
  const b = baseOperation.requestBody
    ? ctx.resolveBase(
        baseOperation.requestBody,
        joinPointer(baseOperationPointer, 'requestBody'),
      )
    : undefined;
  if (!h) {
    if (b) reportRemovedBody(ctx, scope, b.pointer);
    return;
  }
  if (!b) {
    if (h.node.required === true) {
      ctx.inHead(
        'new-required-request-body',
        scope,
        h.pointer,
        `${op} now requires a request body.`,
      );
    }
    return;
  }
  if (b.node.required !== true && h.node.required === true) {
    ctx.inHead(
      'request-body-became-required',
      scope,
      joinPointer(h.pointer, 'required'),
      `The request body of ${op} became required.`,
    );
  }
  const baseContent: Record<string, any> = b.node.content ?? {};
  const headContent: Record<string, any> = h.node.content ?? {};
  for (const [mediaType, baseMedia] of Object.entries(baseContent)) {
    let headType = mediaType;
    if (!headContent[mediaType]) {
      const now = Object.keys(headContent);
      ctx.inBase(
        'request-media-type-removed',
        scope,
        joinPointer(b.pointer, 'content', mediaType),
        `${op} no longer accepts ${mediaType} request bodies${
          now.length ? ` (it now takes ${now.join(', ')})` : ''
        }.`,
      );
      const renamed = renamedMediaType(mediaType, baseContent, headContent);
      if (!renamed) continue;
      headType = renamed;
    }
    const headMedia = headContent[headType];
    if (baseMedia?.schema && headMedia?.schema) {
      compareSchemas(
        newWalk(
          ctx,
          scope,
          'request',
          `the request body (${headType}) of ${op}`,
        ),
        baseMedia.schema,
        joinPointer(b.pointer, 'content', mediaType, 'schema'),
        headMedia.schema,
        joinPointer(h.pointer, 'content', headType, 'schema'),
        '',
      );
    }
  }
}

/**
 * HTTP gives a GET or HEAD body no meaning (RFC 9110 9.3.1/9.3.2: it "cannot alter the
 * meaning or target of the request") and the Fetch standard refuses to send one, so no
 * portable client depends on it: potentially breaking. Other methods carry the operation's
 * input in the body (DELETE included: GitHub's DELETE /user/emails takes the addresses
 * there), so dropping it changes what the call does: breaking.
 */
const BODY_WITHOUT_MEANING = new Set(['get', 'head']);

function reportRemovedBody(
  ctx: DiffContext,
  scope: OperationScope,
  pointer: string,
) {
  const op = describeOperation(scope);
  if (BODY_WITHOUT_MEANING.has(scope.method)) {
    ctx.inBase(
      'request-body-removed',
      scope,
      pointer,
      `${op} no longer documents a request body; a ${scope.method.toUpperCase()} body has no meaning in HTTP, but servers may reject clients still sending one.`,
      'potentially-breaking',
    );
    return;
  }
  ctx.inBase(
    'request-body-removed',
    scope,
    pointer,
    `${op} no longer takes a request body; clients still sending one may be rejected, and what it carried is no longer used.`,
  );
}
