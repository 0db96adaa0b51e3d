import type { DiscoveryService } from '@backstage/backend-plugin-api';
import {
  ApiGovernanceClient,
  type FamilyTimeline,
} from '@plinth/plugin-api-governance-common';
import { type PluginCallAuth, pluginFetch } from './pluginFetch';

/** The api-governance rule this scorecard reports (VIOLATION_RULE_IDS in -common). */
export const BREAKING_WITHOUT_MAJOR_RULE = 'breaking-change-without-major-bump';

/** A breaking change one line of a family shipped without a major version bump. */
export type BreakingWithoutMajor = {
  /** The API entity (line) the violation is about, lower case. */
  lineRef: string;
  message: string;
};

/** The one api-governance read the API retriever needs: the port faked in unit tests. */
export interface ApiGovernanceSource {
  /** Rejects when the backend is not available or does not know the family. */
  breakingWithoutMajor(family: string): Promise<BreakingWithoutMajor[]>;
}

/** The breaking-without-major violations of a family's timeline, per line. */
export function breakingWithoutMajorOf(
  timeline: Pick<FamilyTimeline, 'lines'>,
): BreakingWithoutMajor[] {
  return timeline.lines.flatMap(line =>
    line.violations
      .filter(v => v.ruleId === BREAKING_WITHOUT_MAJOR_RULE)
      .map(v => ({
        lineRef: (v.entityRef || line.entityRef).toLocaleLowerCase('en-US'),
        message: v.message,
      })),
  );
}

/** GET /families/{family} of the api-governance backend, with tech-insights' service token. */
export function createApiGovernanceSource(options: {
  discovery: Pick<DiscoveryService, 'getBaseUrl'>;
  auth: PluginCallAuth;
}): ApiGovernanceSource {
  const client = new ApiGovernanceClient({
    discoveryApi: options.discovery,
    fetchApi: pluginFetch(options.auth, 'api-governance'),
  });
  return {
    async breakingWithoutMajor(family) {
      return breakingWithoutMajorOf(await client.getFamily(family));
    },
  };
}
