import { ConfigError } from '../errors';

/**
 * ClickHouse 18.16 has no server-side query parameters, so the few strings that end up in
 * SQL are either identifiers checked against this strict pattern (and then against
 * system.tables), or literals quoted by sqlString().
 */
export const IDENTIFIER_PATTERN = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

export function checkIdentifier(value: string, what: string): string {
  if (!IDENTIFIER_PATTERN.test(value)) {
    throw new ConfigError(
      `${what} must be a plain identifier (letters, digits, _; not starting with a digit; at most 63 characters), got ${JSON.stringify(
        value,
      )}`,
    );
  }
  return value;
}

/** A single-quoted SQL string literal; backslash and quote escaped, control bytes as \xNN. */
export function sqlString(value: string): string {
  let out = "'";
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    if (ch === "'" || ch === '\\') {
      out += `\\${ch}`;
    } else if (code < 0x20 || code === 0x7f) {
      out += `\\x${code.toString(16).padStart(2, '0')}`;
    } else {
      out += ch;
    }
  }
  return `${out}'`;
}

/** `db`.`table` from two checked identifiers. */
export function qualifiedTable(database: string, table: string): string {
  return `${checkIdentifier(database, 'database')}.${checkIdentifier(
    table,
    'table',
  )}`;
}
