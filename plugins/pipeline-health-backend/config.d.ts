export interface Config {
  /** Plinth pipeline health: Kafka lag and ClickHouse metrics per pipeline, with SLOs. */
  pipelineHealth?: {
    /**
     * How often Kafka and ClickHouse are polled: a duration with a unit ("5s"; at least
     * "1s") or an object such as { seconds: 5 }. A bare number is refused at start-up.
     * @default "5s"
     */
    pollInterval?:
      | string
      | number
      | {
          milliseconds?: number;
          seconds?: number;
          minutes?: number;
          hours?: number;
        };
    /**
     * How often consumer group states and members are read (they change rarely).
     * @default "30s"
     */
    groupStateInterval?: string | { seconds?: number; minutes?: number };
    /**
     * Longest one Kafka admin request may take; slower brokers mark the cluster degraded.
     * @default "5s"
     */
    kafkaRequestTimeout?: string | { milliseconds?: number; seconds?: number };
    /**
     * ClickHouse, read through a read-only user (the local setup's plinth_dashboard, whose
     * profile has readonly=1 and a 10 s max_execution_time).
     */
    clickhouse?: {
      /** e.g. http://localhost:8123; no credentials in the URL. */
      url: string;
      /** @default "plinth_dashboard" */
      username?: string;
      /** @visibility secret */
      password?: string;
      /**
       * Every query is cancelled after this.
       * @default "5s"
       */
      queryTimeout?: string | { milliseconds?: number; seconds?: number };
      /**
       * How far back analytics query latency is read from system.query_log.
       * @default "15m"
       */
      queryLogWindow?: string | { minutes?: number; hours?: number };
      /**
       * The server's system.query_log flush interval (flush_interval_milliseconds): query
       * latency lags by up to this, and the page says so.
       * @default "7500ms"
       */
      queryLogFlushInterval?:
        | string
        | { milliseconds?: number; seconds?: number };
    };
    /** Samples of every pipeline in the Backstage database. */
    history?: {
      /** @default "7d" */
      retention?: string | { hours?: number; days?: number };
      /**
       * Samples younger than this keep poll resolution.
       * @default "24h"
       */
      fullResolutionFor?: string | { hours?: number; days?: number };
      /**
       * Older samples are merged into buckets of this size.
       * @default "1m"
       */
      downsampleTo?: string | { seconds?: number; minutes?: number };
    };
    /** Backstage notifications to the owning team when an SLO stays in breach. */
    alerting?: {
      /** @default true */
      enabled?: boolean;
      /**
       * How long an SLO must stay in breach before the owner is notified.
       * @default "2m"
       */
      breachFor?: string | { seconds?: number; minutes?: number };
    };
    /** Kafka clusters by name; pipelines and the consumer-groups annotation refer to them. */
    clusters?: {
      [name: string]: {
        /** host:port of at least one broker. */
        brokers: string[];
        /**
         * Client id the admin connection presents to the brokers.
         * @default "plinth-pipeline-health"
         */
        clientId?: string;
      };
    };
    /** The pipelines shown on the Pipelines page. */
    pipelines?: Array<{
      /** Lower-case letters, digits and "-"; used in URLs. */
      id: string;
      /** @default the id */
      title?: string;
      /** Entity ref of the owning group or user, e.g. group:default/data-platform. */
      owner: string;
      /** A name under pipelineHealth.clusters; required with consumerGroups or topics. */
      cluster?: string;
      consumerGroups?: string[];
      topics?: string[];
      /** database.table the pipeline writes, e.g. analytics.events. */
      clickhouseTable?: string;
      /** @default "<database of clickhouseTable>.ingest_batches" */
      clickhouseIngestBatchesTable?: string;
      /** @default "<database of clickhouseTable>.dead_letters" */
      clickhouseDeadLettersTable?: string;
      /** The catalog entity the pipeline belongs to, e.g. component:default/event-pipeline. */
      entityRef?: string;
      /**
       * Objectives overriding the PRD defaults; the measured value must stay below each.
       * Durations need a unit ("100ms", "1s"); the dead-letter ratio is a fraction below 1
       * (0.01) or a percentage ("1%"). Numbers are declared for the durations only so
       * that `ingestionP99: 100` reaches the plugin's own start-up check, which names the
       * key and the fix, instead of a generic schema error.
       */
      slo?: {
        /** @default "100ms" */
        ingestionP99?: string | number;
        /** @default "1s" */
        queryP99?: string | number;
        /** @default "60s" */
        freshness?: string | number;
        /** @default "300s" */
        consumerLag?: string | number;
        /** @default 0.01 */
        deadLetterRatio?: number | string;
      };
    }>;
  };
}
