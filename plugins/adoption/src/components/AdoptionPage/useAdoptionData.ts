import useAsync from 'react-use/esm/useAsync';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import type { Check } from '@backstage-community/plugin-tech-insights-common';
import { adoptionApiRef } from '../../api';
import {
  ADOPTION_TREND_RETRIEVER,
  dailyPoints,
  type TrendPoint,
} from '../../scorecard';

export const TREND_DAYS = 90;

export type Team = {
  ref: string;
  title: string;
  /** Oldest first; empty until the trend retriever has run for the team. */
  points: TrendPoint[];
  /** Set when this team's trend could not be read (the page still shows the others). */
  error?: string;
};

export type AdoptionData = { checks: Check[]; teams: Team[] };

/** Checks, every Group of the catalog, and each team's daily trend over 90 days. */
export function useAdoptionData() {
  const api = useApi(adoptionApiRef);
  const catalogApi = useApi(catalogApiRef);
  return useAsync(async (): Promise<AdoptionData> => {
    const to = new Date();
    const from = new Date(to.getTime() - TREND_DAYS * 86_400_000);
    const [checks, groups] = await Promise.all([
      api.getChecks(),
      catalogApi.getEntities({
        filter: { kind: 'Group' },
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.title',
          'spec.profile.displayName',
        ],
      }),
    ]);
    const teams = await Promise.all(
      groups.items.map(async (group): Promise<Team> => {
        const ref = stringifyEntityRef(group);
        const profile = (group.spec?.profile ?? {}) as { displayName?: string };
        const title =
          group.metadata.title ?? profile.displayName ?? group.metadata.name;
        try {
          const rows = await api.getFactRange(
            ref,
            ADOPTION_TREND_RETRIEVER,
            from,
            to,
          );
          return { ref, title, points: dailyPoints(rows) };
        } catch (error) {
          return { ref, title, points: [], error: (error as Error).message };
        }
      }),
    );
    return {
      checks,
      teams: teams.sort((a, b) => a.title.localeCompare(b.title)),
    };
  }, [api, catalogApi]);
}
