import {
  ClickHouseAuthError,
  ClickHouseUnreachableError,
  TableMissingError,
} from '../errors';
import {
  classifyClickHouseError,
  clickHouseErrorCode,
} from './ClickHouseEventStore';

const options = {
  url: 'http://127.0.0.1:8123',
  username: 'plinth_writer',
  password: 'x',
  database: 'plinth_events',
};

// Messages as ClickHouse 18.16 sends them over HTTP.
const server = (code: number, text: string) =>
  new Error(
    `Code: ${code}, e.displayText() = DB::Exception: ${text}, e.what() = DB::Exception\n`,
  );

describe('classifyClickHouseError', () => {
  it('reads the code from an 18.16 error message', () => {
    expect(
      clickHouseErrorCode(server(193, 'Wrong password for user plinth_writer')),
    ).toBe(193);
  });

  it('reports a wrong password as an authentication error naming the user', () => {
    const error = classifyClickHouseError(
      server(193, 'Wrong password for user plinth_writer'),
      options,
    );
    expect(error).toBeInstanceOf(ClickHouseAuthError);
    expect(error!.message).toBe(
      'ClickHouse at http://127.0.0.1:8123 rejected user "plinth_writer": Wrong password for user plinth_writer',
    );
  });

  it('reports an unknown table as missing', () => {
    const error = classifyClickHouseError(
      server(60, "Table plinth_events.nope doesn't exist."),
      options,
    );
    expect(error).toBeInstanceOf(TableMissingError);
    expect(error!.hint).toMatch(/clickhouse\.sh up/);
  });

  it('reports a refused connection as unreachable', () => {
    const refused = Object.assign(
      new Error('connect ECONNREFUSED 127.0.0.1:8123'),
      {
        code: 'ECONNREFUSED',
      },
    );
    expect(classifyClickHouseError(refused, options)).toBeInstanceOf(
      ClickHouseUnreachableError,
    );
  });

  it('leaves other errors unclassified', () => {
    expect(
      classifyClickHouseError(server(62, 'Syntax error'), options),
    ).toBeUndefined();
  });
});
