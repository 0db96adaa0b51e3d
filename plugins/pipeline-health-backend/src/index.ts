/**
 * Live pipeline health: Kafka lag, ClickHouse metrics, SLOs, history and alerting.
 *
 * @packageDocumentation
 */
export { pipelineHealthPlugin as default } from './plugin';
