import type {
  ClickHousePanel,
  HistoryPoint,
  HistoryRange,
  PipelineEscalation,
  PipelineHistory,
  SloResult,
} from '@plinth/plugin-pipeline-health-common';
import type { PipelineConfig } from '../../config';
import type { StoredIncident } from '../alerting';
import type { TrackedClickHouseTables } from '../clickhouse';
import type { KafkaClusterView } from '../summary';

/*
 * What the service needs from each of its parts, as narrow structural interfaces: the
 * collectors (src/services/kafka, src/services/clickhouse), the history and incident stores
 * (src/services/history, src/services/alerting) and the escalation lookup
 * (src/services/escalation) satisfy them; the service's tests use small fakes above them.
 */

export interface KafkaCollectorPort {
  /**
   * Every group to poll (config plus catalog annotations), and topics to watch for a group
   * besides those it committed on (a pipeline's configured topics).
   */
  setTrackedGroups(
    groups: string[],
    extraTopicsByGroup?: Map<string, string[]>,
  ): void;
  /** Never rejects: failures become the snapshot's source state. */
  poll(): Promise<void>;
  snapshot(): KafkaClusterView;
  close(): Promise<void>;
}

export interface ClickHouseCollectorPort {
  setTrackedTables(tables: TrackedClickHouseTables[]): void;
  /** Never rejects: failures become each table's source state. */
  poll(): Promise<void>;
  /** The panel of an events table (`database.table`), undefined when not tracked. */
  snapshot(eventsTable: string): ClickHousePanel | undefined;
  close(): Promise<void>;
}

export type HistorySample = {
  pipelineId: string;
  at: number;
  point: Omit<HistoryPoint, 'at'>;
};

export interface HistoryPort {
  record(samples: HistorySample[]): Promise<void>;
  getHistory(
    pipelineId: string,
    range: HistoryRange,
    now: number,
  ): Promise<PipelineHistory>;
  /** Downsampling and retention. */
  compact(now: number): Promise<unknown>;
}

export interface AlertingPort {
  /** Opens, notifies and resolves incidents from one poll's SLO results. */
  evaluate(
    pipeline: PipelineConfig,
    slos: SloResult[],
    now: number,
  ): Promise<unknown>;
}

/** Incidents as stored (epoch ms); the service turns them into the API's shape. */
export interface IncidentReaderPort {
  listIncidents(
    pipelineId: string,
    options: { since: number },
  ): Promise<StoredIncident[]>;
  openIncidents(pipelineId: string): Promise<StoredIncident[]>;
}

export interface EscalationPort {
  firstTier(pipeline: PipelineConfig): Promise<PipelineEscalation | undefined>;
}
