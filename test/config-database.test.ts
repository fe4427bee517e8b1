import { catalogue } from '../experiments';
import { configWith, DEFAULT_CONFIG, loadConfig } from '../lib/config';
import { DATABASE_DEFAULTS, databaseSettingsOf } from '../lib/config-database';
import { drillsOf, loadServices } from '../lib/config-services';
import { configProblems } from './helpers/config-problems';
import { EXISTING_PAYMENTS } from './stacks/two-services';

const ids = (drills: readonly { id: string }[]) => drills.map((d) => d.id);
const DEPENDENCY_DRILLS = ['dependency-outage', 'database-failover'];

const problemsOf = configProblems;

describe('service.database', () => {
  test('is off by default', () => {
    expect(DEFAULT_CONFIG.service.database).toBe(false);
    expect(databaseSettingsOf(DEFAULT_CONFIG.service.database)).toBeUndefined();
  });

  test('turns on with -c service.database=true (a string on the command line), with every default', () => {
    const config = loadConfig((k) => (k === 'service.database' ? 'true' : undefined));
    expect(config.service.database).toBe(true);
    expect(databaseSettingsOf(config.service.database)).toEqual(DATABASE_DEFAULTS);
  });

  test('takes an object of settings over the defaults, also as JSON on the command line', () => {
    expect(databaseSettingsOf(configWith({ service: { database: { maxCapacity: 8, port: 6543 } } }).service.database)).toEqual({ ...DATABASE_DEFAULTS, maxCapacity: 8, port: 6543 });
    const flat = loadConfig((k) => (k === 'service.database' ? '{"databaseName":"ledger"}' : undefined));
    expect(databaseSettingsOf(flat.service.database)?.databaseName).toBe('ledger');
  });

  test('rejects a value that is neither a switch nor an object, saying what to write', () => {
    expect(problemsOf(() => loadConfig((k) => (k === 'service.database' ? '"yes"' : undefined)))).toEqual([
      'service.database is "yes": use true, false or an object like { "maxCapacity": 4 } (on the command line: -c service.database=true)',
    ]);
    expect(problemsOf(() => loadConfig((k) => (k === 'service.database' ? 'yes' : undefined)))).toEqual([
      expect.stringMatching(/^service.database is not JSON: yes/),
      expect.stringMatching(/^service.database: use true, false or an object/),
    ]);
  });

  test('rejects bad settings, naming each key and the value received, and unknown keys', () => {
    const problems = problemsOf(() => configWith({ service: { database: { minCapacity: 0.3, maxCapacity: 300, port: 80, engine: 'mysql' } as never } }));
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^service.database: unknown key\(s\) "engine"/),
        expect.stringMatching(/^service.database.minCapacity is 0.3: /),
        expect.stringMatching(/^service.database.maxCapacity is 300: /),
        expect.stringMatching(/^service.database.port is 80: /),
      ]),
    );
  });

  test('rejects service.environment or service.secrets naming what the database sets on the container', () => {
    expect(problemsOf(() => configWith({ service: { database: true, environment: { DATABASE_HOST: 'x' } } }))).toEqual([
      'service.environment/secrets set DATABASE_HOST, which service.database sets on the container itself: leave them out',
    ]);
    expect(problemsOf(() => configWith({ service: { environment: { DATABASE_HOST: 'x' } } }))).toEqual([]);
  });

  test('rejects a minimum capacity above the maximum', () => {
    expect(problemsOf(() => configWith({ service: { database: { minCapacity: 4, maxCapacity: 2 } } }))).toEqual(['service.database.minCapacity is 4: minCapacity must not be above maxCapacity']);
  });
});

describe('the drills a service gets', () => {
  const context = (drills: unknown) => (key: string) => (key === 'drills' ? drills : undefined);

  test('include the dependency drills exactly where a managed service has a database', () => {
    const [withDb, without] = loadServices(context({ services: [{ name: 'orders', database: true }, { name: 'search' }] }), { catalogue });
    expect(ids(drillsOf(withDb, catalogue))).toEqual(ids(catalogue));
    expect(ids(drillsOf(without, catalogue))).toEqual(ids(catalogue).filter((id) => !DEPENDENCY_DRILLS.includes(id)));
  });

  test('include them for an existing service that names its cluster (existing.databaseClusterIdentifier)', () => {
    const [payments] = loadServices(context({ services: [{ name: 'payments', existing: { ...EXISTING_PAYMENTS, databaseClusterIdentifier: 'payments-db' } }] }), { catalogue });
    expect(ids(drillsOf(payments, catalogue))).toEqual(expect.arrayContaining(DEPENDENCY_DRILLS));
  });

  test('rejects service.database on an existing service, which names its cluster instead', () => {
    const problems = problemsOf(() => loadServices(context({ services: [{ name: 'payments', database: true, existing: EXISTING_PAYMENTS }] }), { catalogue }));
    expect(problems).toEqual([expect.stringMatching(/^services\[0\] "payments".database is true: it applies to a service this app builds/)]);
  });

  test('rejects a dependency drill listed for a service without a database, saying what to set', () => {
    const managed = problemsOf(() => loadServices(context({ services: [{ name: 'orders', drills: ['task-stop-drain', 'database-failover'] }] }), { catalogue }));
    expect(managed).toEqual([
      'services[0] "orders".drills lists database-failover, which need(s) the service\'s database, and it has none: set service.database (e.g. -c service.database=true) for it, or leave the drill(s) out',
    ]);
    const existing = problemsOf(() => loadServices(context({ services: [{ name: 'payments', existing: EXISTING_PAYMENTS, drills: ['dependency-outage'] }] }), { catalogue }));
    expect(existing).toEqual([expect.stringContaining('set services[0] "payments".existing.databaseClusterIdentifier for it')]);
  });

  test('rejects an existing databasePort without the cluster it belongs to', () => {
    const problems = problemsOf(() => loadServices(context({ services: [{ name: 'payments', existing: { ...EXISTING_PAYMENTS, databasePort: 6432 } }] }), { catalogue }));
    expect(problems).toEqual([expect.stringMatching(/existing.databasePort: databasePort is set without databaseClusterIdentifier/)]);
  });
});
