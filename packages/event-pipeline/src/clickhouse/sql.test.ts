import { checkIdentifier, qualifiedTable, sqlString } from './sql';

describe('sql helpers', () => {
  it('accepts plain identifiers only', () => {
    expect(checkIdentifier('ingest_batches', 'table')).toBe('ingest_batches');
    for (const bad of [
      '1events',
      'events;',
      'a.b',
      '`x`',
      "x'",
      '',
      'a'.repeat(64),
    ]) {
      expect(() => checkIdentifier(bad, 'table')).toThrow(
        /table must be a plain identifier/,
      );
    }
  });

  it('quotes string literals so they cannot end early', () => {
    expect(sqlString("it's")).toBe("'it\\'s'");
    expect(sqlString('back\\slash')).toBe("'back\\\\slash'");
    expect(sqlString('line\nbreak')).toBe("'line\\x0abreak'");
    expect(sqlString('plain')).toBe("'plain'");
  });

  it('qualifies a table with its database', () => {
    expect(qualifiedTable('plinth_events', 'events')).toBe(
      'plinth_events.events',
    );
    expect(() => qualifiedTable('plinth_events', 'events x')).toThrow();
  });
});
