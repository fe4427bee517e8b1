import { DATABASE_ENV } from '../../lib/contract';
import { readEnv } from '../../service/src/env';

describe("the demo service's database settings from their parts (as the Workload stack gives them)", () => {
  test('builds the URL from host, port, name, user and password, escaping what a URL cannot hold, with the TLS mode', () => {
    const env = {
      [DATABASE_ENV.host]: 'db.cluster-abc.eu-west-1.rds.amazonaws.com',
      [DATABASE_ENV.port]: '6543',
      [DATABASE_ENV.name]: 'drills',
      [DATABASE_ENV.user]: 'drills',
      [DATABASE_ENV.password]: 'p@ss:w/rd',
      [DATABASE_ENV.ssl]: 'no-verify',
    };
    expect(readEnv(env).database?.url).toBe('postgres://drills:p%40ss%3Aw%2Frd@db.cluster-abc.eu-west-1.rds.amazonaws.com:6543/drills?sslmode=no-verify');
  });

  test('prefers DATABASE_URL when both are given', () => {
    expect(readEnv({ [DATABASE_ENV.url]: 'postgres://a:b@127.0.0.1:5432/x', [DATABASE_ENV.host]: 'elsewhere' }).database?.url).toBe('postgres://a:b@127.0.0.1:5432/x');
  });

  test('rejects a host without user and password, and an unknown TLS mode, naming both', () => {
    expect(() => readEnv({ [DATABASE_ENV.host]: 'db', [DATABASE_ENV.ssl]: 'maybe' })).toThrow(
      /DATABASE_HOST is set without DATABASE_USER and DATABASE_PASSWORD.*DATABASE_SSL="maybe" must be no-verify or disable/,
    );
  });
});
