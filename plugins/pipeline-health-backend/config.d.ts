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
