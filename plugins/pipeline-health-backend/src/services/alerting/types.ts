import type { SloKind } from '@plinth/plugin-pipeline-health-common';

/** An incident as stored: epoch-ms times, open until resolvedAt is set. */
export type StoredIncident = {
  id: string;
  pipelineId: string;
  slo: SloKind;
  startedAt: number;
  /** The latest poll that measured a breach. */
  lastBreachAt: number;
  /** The first poll out of breach since the last breach; undefined while in breach. */
  recoveringSince?: number;
  notifiedAt?: number;
  notifiedRecipients?: string;
  notifiedTier?: string;
  resolvedAt?: number;
  worstValue?: number;
  target: number;
};

/** The incidents of every pipeline, in the Backstage database. */
export interface IncidentStore {
  findOpen(
    pipelineId: string,
    slo: SloKind,
  ): Promise<StoredIncident | undefined>;
  /**
   * Opens an incident, or returns the one already open for this SLO (another replica may
   * have opened it a moment earlier).
   */
  open(incident: {
    pipelineId: string;
    slo: SloKind;
    at: number;
    value?: number;
    target: number;
  }): Promise<StoredIncident>;
  /** A poll measured a breach: the incident is no longer recovering; worst value kept. */
  recordBreach(id: string, at: number, value?: number): Promise<void>;
  /** A poll measured no breach: the recovery clock starts unless it already runs. */
  recordRecovering(id: string, at: number): Promise<void>;
  /**
   * Claims the right to send the breach notification: true for exactly one caller, across
   * replicas (a conditional UPDATE that only one of them can win).
   */
  claimNotification(
    id: string,
    at: number,
    notified: { recipients: string; tier?: string },
  ): Promise<boolean>;
  /** Gives a claim back when sending failed, so the next poll tries again. */
  releaseNotification(id: string, at: number): Promise<void>;
  /**
   * Resolves the incident at `at` (its recoveringSince); true for exactly one caller, who
   * sends the resolved notice.
   */
  resolve(id: string, at: number): Promise<boolean>;
  /** Incidents open at any time since `since` (epoch ms), newest first. */
  listIncidents(
    pipelineId: string,
    options: { since: number; limit?: number },
  ): Promise<StoredIncident[]>;
  /** Open incidents, newest first. */
  openIncidents(pipelineId: string): Promise<StoredIncident[]>;
}
