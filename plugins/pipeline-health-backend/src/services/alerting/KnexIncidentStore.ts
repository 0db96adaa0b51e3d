import type { SloKind } from '@plinth/plugin-pipeline-health-common';
import type { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import type { IncidentStore, StoredIncident } from './types';

const TABLE = 'pipeline_health_incidents';
const DEFAULT_LIST_LIMIT = 200;

type IncidentRow = {
  id: string;
  pipeline_id: string;
  slo: string;
  open_key: string | null;
  started_at: number | string;
  last_breach_at: number | string;
  recovering_since: number | string | null;
  notified_at: number | string | null;
  notified_recipients: string | null;
  notified_tier: string | null;
  resolved_at: number | string | null;
  worst_value: number | null;
  target: number;
};

// PostgreSQL returns bigint columns as strings; epoch ms fit a double exactly.
const optional = (value: number | string | null): number | undefined =>
  value === null ? undefined : Number(value);

function fromRow(row: IncidentRow): StoredIncident {
  return {
    id: row.id,
    pipelineId: row.pipeline_id,
    slo: row.slo as SloKind,
    startedAt: Number(row.started_at),
    lastBreachAt: Number(row.last_breach_at),
    recoveringSince: optional(row.recovering_since),
    notifiedAt: optional(row.notified_at),
    notifiedRecipients: row.notified_recipients ?? undefined,
    notifiedTier: row.notified_tier ?? undefined,
    resolvedAt: optional(row.resolved_at),
    worstValue: row.worst_value ?? undefined,
    target: Number(row.target),
  };
}

const openKey = (pipelineId: string, slo: SloKind) => `${pipelineId}:${slo}`;

/** IncidentStore over the plugin's Backstage database (SQLite or PostgreSQL). */
export class KnexIncidentStore implements IncidentStore {
  constructor(private readonly knex: Knex) {}

  async findOpen(
    pipelineId: string,
    slo: SloKind,
  ): Promise<StoredIncident | undefined> {
    const row: IncidentRow | undefined = await this.knex(TABLE)
      .where('open_key', openKey(pipelineId, slo))
      .first();
    return row ? fromRow(row) : undefined;
  }

  async open(incident: {
    pipelineId: string;
    slo: SloKind;
    at: number;
    value?: number;
    target: number;
  }): Promise<StoredIncident> {
    const key = openKey(incident.pipelineId, incident.slo);
    // The unique open_key makes the second of two replicas a no-op; both then read the
    // same incident.
    await this.knex(TABLE)
      .insert({
        id: randomUUID(),
        pipeline_id: incident.pipelineId,
        slo: incident.slo,
        open_key: key,
        started_at: incident.at,
        last_breach_at: incident.at,
        worst_value: incident.value ?? null,
        target: incident.target,
      })
      .onConflict('open_key')
      .ignore();
    const row: IncidentRow = await this.knex(TABLE)
      .where('open_key', key)
      .first();
    return fromRow(row);
  }

  async recordBreach(id: string, at: number, value?: number): Promise<void> {
    const update: Record<string, unknown> = {
      last_breach_at: this.knex.raw(
        'CASE WHEN last_breach_at < ? THEN ? ELSE last_breach_at END',
        [at, at],
      ),
      recovering_since: null,
    };
    if (value !== undefined && Number.isFinite(value)) {
      // In SQL, so that two replicas writing at once cannot lower the worst value.
      update.worst_value = this.knex.raw(
        'CASE WHEN worst_value IS NULL OR worst_value < ? THEN ? ELSE worst_value END',
        [value, value],
      );
    }
    await this.knex(TABLE)
      .where({ id })
      .whereNull('resolved_at')
      .update(update);
  }

  async recordRecovering(id: string, at: number): Promise<void> {
    await this.knex(TABLE)
      .where({ id })
      .whereNull('resolved_at')
      .whereNull('recovering_since')
      .update({ recovering_since: at });
  }

  async claimNotification(
    id: string,
    at: number,
    notified: { recipients: string; tier?: string },
  ): Promise<boolean> {
    const changed = await this.knex(TABLE)
      .where({ id })
      .whereNull('notified_at')
      .update({
        notified_at: at,
        notified_recipients: notified.recipients.slice(0, 255),
        notified_tier: notified.tier?.slice(0, 255) ?? null,
      });
    return changed === 1;
  }

  async releaseNotification(id: string, at: number): Promise<void> {
    await this.knex(TABLE).where({ id, notified_at: at }).update({
      notified_at: null,
      notified_recipients: null,
      notified_tier: null,
    });
  }

  async resolve(id: string, at: number): Promise<boolean> {
    // Only while still recovering since `at`: a breach measured meanwhile (another
    // replica) reset the recovery clock and keeps the incident open.
    const changed = await this.knex(TABLE)
      .where({ id, recovering_since: at })
      .whereNull('resolved_at')
      .update({ resolved_at: at, open_key: null });
    return changed === 1;
  }

  async listIncidents(
    pipelineId: string,
    options: { since: number; limit?: number },
  ): Promise<StoredIncident[]> {
    const rows: IncidentRow[] = await this.knex(TABLE)
      .where('pipeline_id', pipelineId)
      .andWhere(q =>
        q.whereNull('resolved_at').orWhere('resolved_at', '>=', options.since),
      )
      .orderBy([
        { column: 'started_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(options.limit ?? DEFAULT_LIST_LIMIT);
    return rows.map(fromRow);
  }

  async openIncidents(pipelineId: string): Promise<StoredIncident[]> {
    const rows: IncidentRow[] = await this.knex(TABLE)
      .where('pipeline_id', pipelineId)
      .whereNotNull('open_key')
      .orderBy([
        { column: 'started_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ]);
    return rows.map(fromRow);
  }
}
