import { signedInUsers } from './decisions';
import type { PlinthPermissionRule } from './types';

// Name from @backstage-community/plugin-tech-insights-common (action "update").
const TECH_INSIGHTS_CHECK_RUN = 'tech-insights.check.run';

export const techInsightsRules: PlinthPermissionRule[] = [
  {
    id: 'tech-insights.check.run',
    description:
      'Run the adoption scorecard checks of an entity (evaluates stored facts, changes nothing): any signed-in user.',
    match: { names: [TECH_INSIGHTS_CHECK_RUN] },
    decide: signedInUsers,
  },
];
