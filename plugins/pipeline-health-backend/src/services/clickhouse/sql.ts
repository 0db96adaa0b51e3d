import { InputError } from '@backstage/errors';
import {
  CLICKHOUSE_IDENTIFIER_PATTERN,
  ClickHouseTableRef,
} from '@plinth/plugin-pipeline-health-common';

/**
 * 18.16 has no query parameters, so what the metrics reader puts into SQL is limited to
 * identifiers that match the common pattern (letters, digits, `_`: nothing that can end a
 * name, a string or a regular expression) and numbers checked here. No other string is
 * ever embedded, so no escaping function is needed.
 */
export function checkedIdentifier(value: string, what: string): string {
  if (!CLICKHOUSE_IDENTIFIER_PATTERN.test(value)) {
    throw new InputError(
      `${what} ${JSON.stringify(
        value,
      )} is not a plain identifier (a letter or _ followed by up to 63 letters, digits or _)`,
    );
  }
  return value;
}

/** `database.table`, both parts checked. */
export function qualifiedName(ref: ClickHouseTableRef, what: string): string {
  return `${checkedIdentifier(
    ref.database,
    `${what} database`,
  )}.${checkedIdentifier(ref.table, `${what} table`)}`;
}

/** A checked identifier as a string literal (for system.tables / system.parts filters). */
export function identifierLiteral(value: string, what: string): string {
  return `'${checkedIdentifier(value, what)}'`;
}

/** A non-negative integer (epoch ms or s) as a SQL literal. */
export function integerLiteral(value: number, what: string): string {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new InputError(
      `${what} must be a non-negative integer, got ${value}`,
    );
  }
  return String(value);
}
