import { catalogue } from '../experiments';
import { DEFAULT_CONFIG, loadConfig } from '../lib/config';
import { drillsOf, loadServices } from '../lib/config-services';
import { configProblems } from './helpers/config-problems';
import { EXISTING_PAYMENTS, TWO_SERVICES } from './stacks/two-services';

const context =
  (drills: unknown, flat: Record<string, unknown> = {}) =>
  (key: string) =>
    key === 'drills' ? drills : flat[key];

const problemsOf = (drills: unknown) => configProblems(() => loadServices(context(drills), { catalogue }));

describe('loadServices', () => {
  test('reads the single service key as a list of one, with the whole catalogue but the drills that need a database', () => {
    const [only, ...rest] = loadServices(context({ service: { name: 'orders', desiredCount: 3 } }), { catalogue });
    expect(rest).toEqual([]);
    expect(only.name).toBe('orders');
    expect(only.config.service.desiredCount).toBe(3);
    expect(only.existing).toBeUndefined();
    expect(drillsOf(only, catalogue).map((d) => d.id)).toEqual(['task-stop-drain', 'task-hard-kill', 'az-outage']);
  });

  test('reads no service at all as the demo service', () => {
    const [only] = loadServices(context(undefined));
    expect(only.config).toEqual(DEFAULT_CONFIG);
  });

  test('reads a managed and an existing service, each with its own settings, drills and traffic over the shared drill options', () => {
    const traffic = { requests: { path: '/v1/pay', expectStatus: [200] } };
    const drills = { drills: { environment: 'production' }, services: [TWO_SERVICES.services[0], { ...TWO_SERVICES.services[1], traffic }] };
    const [checkout, payments] = loadServices(context(drills), { catalogue });
    expect(checkout.config.service.imageUri).toBe('public.ecr.aws/example/checkout:1.4.2');
    expect(drillsOf(checkout, catalogue).map((d) => d.id)).toEqual(['task-stop-drain', 'task-hard-kill']);
    expect(payments.existing).toEqual(EXISTING_PAYMENTS);
    expect(payments.config.service).toMatchObject({ name: 'payments', processName: 'java', healthPath: '/health', azCount: 2, traffic });
    expect(checkout.config.service.traffic).toBe(DEFAULT_CONFIG.service.traffic);
    expect([checkout.config.drills.environment, payments.config.drills.environment]).toEqual(['production', 'production']);
  });

  test('applies -c service.<key> to every service', () => {
    const services = loadServices(context(TWO_SERVICES, { 'service.desiredCount': '4' }), { catalogue });
    expect(services.map((s) => s.config.service.desiredCount)).toEqual([4, 4]);
  });

  test('lets a single-service reader (loadConfig: rehearse) see the first of several services', () => {
    expect(loadConfig(context(TWO_SERVICES)).service.name).toBe('checkout');
  });

  test('rejects an existing block with bad values, naming each key, the value received and the format to use, all in one message', () => {
    const existing = {
      ...EXISTING_PAYMENTS,
      targetGroupFullName: 'arn:aws:elasticloadbalancing:eu-west-1:1:targetgroup/x/1',
      loadBalancerFullName: 'net/nlb/0123456789abcdef',
      zones: ['eu-west-1a'],
      serviceUrl: 'payments',
      vpcId: undefined,
    };
    const problems = problemsOf({ services: [{ name: 'payments', existing }] });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^services\[0\] "payments"\.existing\.targetGroupFullName: use the target group full name "targetgroup\/<name>\/<16 hex digits>".*; got "arn:aws:/),
        expect.stringMatching(/existing\.loadBalancerFullName: use the Application Load Balancer full name .*Network Load Balancer is not supported\); got "net\/nlb/),
        expect.stringMatching(/existing\.zones: list at least 2 zones/),
        expect.stringMatching(/existing\.serviceUrl: give the URL customers use.*; got "payments"/),
        expect.stringMatching(/existing\.vpcId: give the VPC id/),
      ]),
    );
    expect(problems).toHaveLength(5);
  });

  test('rejects unknown keys in existing, managed-only settings on an existing service, and subnets of a zone not listed', () => {
    const existing = { ...EXISTING_PAYMENTS, cluster: 'x', subnetIdsByZone: { 'eu-west-1c': ['subnet-0cccccccccccccccc'] } };
    const problems = problemsOf({ services: [{ name: 'payments', imageUri: 'x:1', cpu: 512, existing }] });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/existing: Unrecognized key: "cluster"/),
        expect.stringMatching(/existing\.subnetIdsByZone\.eu-west-1c: zone eu-west-1c is not among zones \(eu-west-1a, eu-west-1b\)/),
        expect.stringMatching(/^services\[0\] "payments"\.imageUri is "x:1": it applies to a service this app builds, not to an existing one.*remove it/),
        expect.stringMatching(/\.cpu is 512: it applies to a service this app builds/),
      ]),
    );
  });

  test('rejects az-outage on an existing service whose subnets are not given, saying which drills to keep instead', () => {
    const { subnetIdsByZone: _s, ...withoutSubnets } = EXISTING_PAYMENTS;
    expect(problemsOf({ services: [{ name: 'payments', existing: withoutSubnets }] })).toEqual([
      'services[0] "payments".existing.subnetIdsByZone is not set but az-outage cut(s) a zone: give the service\'s subnets per zone ({ "eu-west-1a": ["subnet-…"] }), or leave the drill out with "drills": ["task-stop-drain","task-hard-kill"]',
    ]);
    expect(problemsOf({ services: [{ name: 'payments', existing: withoutSubnets, drills: ['task-stop-drain'] }] })).toEqual([]);
  });

  test('rejects unknown or repeated drill ids, names missing or shared, and service with services, every problem at once', () => {
    const problems = problemsOf({
      service: { name: 'x' },
      services: [{ name: 'orders', drills: ['task-stop-drain', 'cpu-hog', 'task-stop-drain'] }, { name: 'Orders' }, { desiredCount: 3 }, 'payments'],
    });
    expect(problems).toEqual([
      expect.stringMatching(/^both "service" and "services" are set/),
      'services[3] must be an object like { "name": "checkout" }; got "payments"',
      expect.stringMatching(
        /^services\[0\] "orders"\.drills names "cpu-hog", not in the catalogue \(the catalogue: task-stop-drain, task-hard-kill, az-outage, dependency-outage, database-failover\)/,
      ),
      'services[0] "orders".drills lists task-stop-drain more than once',
      expect.stringMatching(/^services\[2\]\.name: give each service a name/),
      'services "orders" and "Orders" would name the same stacks (Orders-Drills): give each service a different name',
    ]);
  });

  test('rejects an empty services list and a bad setting of one service, prefixed with where it is written', () => {
    expect(problemsOf({ services: [] })).toEqual([expect.stringMatching(/^services must be a non-empty list/)]);
    expect(problemsOf({ services: [{ name: 'orders', desiredCount: 1 }] })).toEqual([expect.stringMatching(/^services\[0\] "orders": service\.desiredCount is 1: a drill needs at least 2 tasks/)]);
  });
});
