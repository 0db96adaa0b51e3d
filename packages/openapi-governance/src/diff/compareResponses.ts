import { joinPointer } from '../resolve/jsonPointer';
import { DiffContext, OperationScope, describeOperation } from './DiffContext';
import { compareSchemas, newWalk } from './compareSchemas';
import { renamedMediaType } from './renamedMediaType';

const isSuccess = (status: string) => /^2(\d\d|XX)$/i.test(status);

export function compareResponses(
  ctx: DiffContext,
  scope: OperationScope,
  baseOperation: Record<string, any>,
  baseOperationPointer: string,
  headOperation: Record<string, any>,
  headOperationPointer: string,
) {
  const op = describeOperation(scope);
  const baseResponses: Record<string, unknown> = baseOperation.responses ?? {};
  const headResponses: Record<string, unknown> = headOperation.responses ?? {};
  for (const [status, baseRaw] of Object.entries(baseResponses)) {
    const basePointer = joinPointer(baseOperationPointer, 'responses', status);
    const headRaw = headResponses[status];
    if (headRaw === undefined) {
      // A range (2XX) in the head still covers a removed 201.
      const coveredByRange = headResponses[`${status[0]}XX`] !== undefined;
      if (isSuccess(status) && !coveredByRange) {
        ctx.inBase(
          'success-response-removed',
          scope,
          basePointer,
          `${op} no longer returns status ${status}.`,
        );
      }
      continue;
    }
    const b = ctx.resolveBase(baseRaw, basePointer);
    const h = ctx.resolveHead(
      headRaw,
      joinPointer(headOperationPointer, 'responses', status),
    );
    const baseContent: Record<string, any> = b.node?.content ?? {};
    const headContent: Record<string, any> = h.node?.content ?? {};
    for (const [mediaType, baseMedia] of Object.entries(baseContent)) {
      let headType = mediaType;
      if (!headContent[mediaType]) {
        const renamed = renamedMediaType(mediaType, baseContent, headContent);
        ctx.inBase(
          'response-media-type-removed',
          scope,
          joinPointer(b.pointer, 'content', mediaType),
          `${op} no longer returns ${mediaType} with status ${status}${
            renamed ? ` (it now returns ${renamed})` : ''
          }.`,
        );
        if (!renamed) continue;
        headType = renamed;
      }
      const headMedia = headContent[headType];
      if (baseMedia?.schema && headMedia?.schema) {
        compareSchemas(
          newWalk(
            ctx,
            scope,
            'response',
            `the ${status} response (${headType}) of ${op}`,
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
}
