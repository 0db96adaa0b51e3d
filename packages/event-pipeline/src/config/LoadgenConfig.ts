import { z } from 'zod';
import { ConfigError } from '../errors';
import { TargetRate } from '../loadgen/RatePacer';
import { LogLevel } from '../logging/Logger';
import {
  brokersOption,
  duration,
  Environment,
  eventsTopicOption,
  label,
  logLevelOption,
  nonNegativeInt,
  option,
  parseOptions,
  positiveDuration,
  positiveInt,
  usage,
} from './options';

const rate = z
  .string()
  .trim()
  .transform((raw, ctx): TargetRate => {
    if (raw === 'max') {
      return 'max';
    }
    const n = /^[0-9]+(?:\.[0-9]+)?$/.test(raw) ? Number(raw) : NaN;
    if (!(n > 0)) {
      ctx.addIssue({
        code: 'custom',
        message: "must be events per second (> 0) or 'max'",
      });
      return z.NEVER;
    }
    return n;
  });

export const LOADGEN_OPTIONS = {
  brokers: brokersOption,
  topic: eventsTopicOption('topic to produce to'),
  rate: option({
    flag: 'rate',
    env: 'LOADGEN_RATE',
    placeholder: 'N|max',
    description: 'target events per second',
    default: '1000',
    schema: rate,
  }),
  duration: option({
    flag: 'duration',
    env: 'LOADGEN_DURATION',
    placeholder: 'DURATION',
    description:
      'stop after this long, e.g. 60s (without it and --count: until SIGTERM)',
    schema: positiveDuration,
  }),
  count: option({
    flag: 'count',
    env: 'LOADGEN_COUNT',
    placeholder: 'N',
    description: 'stop after this many records',
    schema: positiveInt,
  }),
  tenants: option({
    flag: 'tenants',
    env: 'LOADGEN_TENANTS',
    placeholder: 'N',
    description: 'distinct tenants (the record key)',
    default: '32',
    schema: positiveInt,
  }),
  payloadBytes: option({
    flag: 'payload-bytes',
    env: 'LOADGEN_PAYLOAD_BYTES',
    placeholder: 'N',
    description: 'approximate payload size',
    default: '128',
    schema: positiveInt.refine(n => n <= 60000, {
      error: 'must be at most 60000',
    }),
  }),
  source: option({
    flag: 'source',
    env: 'LOADGEN_SOURCE',
    placeholder: 'NAME',
    description: "the events' source field",
    default: 'events-loadgen',
    schema: label,
  }),
  chunkSize: option({
    flag: 'chunk-size',
    env: 'LOADGEN_CHUNK_SIZE',
    placeholder: 'N',
    description: 'most records per produce request',
    default: '1000',
    schema: positiveInt,
  }),
  linger: option({
    flag: 'linger',
    env: 'LOADGEN_LINGER',
    placeholder: 'DURATION',
    description:
      'shortest pause between sends (fewer, bigger requests; events are stamped at send)',
    default: '10ms',
    schema: duration,
  }),
  invalidEvery: option({
    flag: 'invalid-every',
    env: 'LOADGEN_INVALID_EVERY',
    placeholder: 'N',
    description:
      'make every N-th record invalid, to exercise the dead-letter path (0 = never)',
    default: '0',
    schema: nonNegativeInt,
  }),
  reportInterval: option({
    flag: 'report-interval',
    env: 'LOADGEN_REPORT_INTERVAL',
    placeholder: 'DURATION',
    description: 'progress log interval (0s = never)',
    default: '10s',
    schema: duration,
  }),
  logLevel: logLevelOption,
};

export interface LoadgenConfig {
  brokers: string[];
  topic: string;
  rate: TargetRate;
  durationMs?: number;
  count?: number;
  tenants: number;
  payloadBytes: number;
  source: string;
  chunkSize: number;
  lingerMs: number;
  invalidEvery: number;
  reportIntervalMs: number;
  logLevel: LogLevel;
}

export function loadgenUsage(command = 'yarn loadgen'): string {
  return usage(
    command,
    'Produces synthetic events at a target rate (idempotent producer, acks from all in-sync\n' +
      'replicas) and reports the rate achieved as a JSON line when done.',
    LOADGEN_OPTIONS,
    [
      'Example: yarn loadgen --rate 5000 --duration 60s',
      'Exit codes: 0 done, 1 unexpected failure, 2 bad configuration, 3 Kafka unreachable or topic missing.',
    ],
  );
}

export function parseLoadgenConfig(
  argv: string[],
  env: Environment,
): LoadgenConfig | undefined {
  const { help, values: v } = parseOptions(LOADGEN_OPTIONS, argv, env);
  if (help) {
    return undefined;
  }
  if (v.rate === 'max' && v.duration === undefined && v.count === undefined) {
    throw new ConfigError('--rate max needs --duration or --count');
  }
  return {
    brokers: v.brokers,
    topic: v.topic,
    rate: v.rate,
    durationMs: v.duration,
    count: v.count,
    tenants: v.tenants,
    payloadBytes: v.payloadBytes,
    source: v.source,
    chunkSize: v.chunkSize,
    lingerMs: v.linger,
    invalidEvery: v.invalidEvery,
    reportIntervalMs: v.reportInterval,
    logLevel: v.logLevel,
  };
}
