/**
 * A container health check must not reach the database: when it does, a database blip (a
 * failover, a black-holed port) fails every task's check at once and ECS replaces healthy tasks
 * — the fleet goes down with its dependency (issue 13; the dependency-outage drill's
 * `tasks.replaced`). The rule can only tell from what the task definition says:
 * - the container sets HEALTH_CHECK_DATABASE=true (the demo's documented switch that puts the
 *   database on its health check), or the command runs a database client (pg_isready, psql,
 *   mysql, mysqladmin, redis-cli, mongosh), names the database's address variables
 *   (DATABASE_URL, DATABASE_HOST) or a database port (the port of an RDS cluster or instance in
 *   the same app, or 5432 / 3306): an error;
 * - an HTTP path in the command that says it checks dependencies (`/health/db`, `/ready/database`,
 *   `?deep`, `/dependencies`): a warning — what that path does is the app's own.
 * A health check that calls the app's plain health endpoint cannot be told apart from one whose
 * handler queries the database: that is for the dependency-outage drill to find.
 */
import { DATABASE_ENV } from '../../../contract';
import type { CfnResourceView, GuardrailContext, GuardrailRule } from '../../types';
import { asNumber, containerName, envOf, essentialContainers, isRow, isTrue, TASK_DEFINITION } from '../ecs-links';

const CLIENTS = /(^|[\s/;&|'"(])(pg_isready|psql|mysql|mysqladmin|redis-cli|mongosh)(?=$|[\s;&|'")])/;
const ADDRESS_VARS = new RegExp(`\\$\\{?(${DATABASE_ENV.url}|${DATABASE_ENV.host})\\b`);
const CHECKING_PATH = /\/(db|database|dependencies|deps)(?=$|[/?\s'"])|[?&]deep\b|\/deep(?=$|[/?\s'"])/i;
const COMMON_PORTS = [5432, 3306];

function databasePorts(from: CfnResourceView, context: GuardrailContext): number[] {
  const own = ['AWS::RDS::DBCluster', 'AWS::RDS::DBInstance'].flatMap((type) => context.template.ofType(type, from).map((r) => asNumber(r.properties.Port)));
  return [...new Set([...COMMON_PORTS, ...own.filter((p): p is number => p !== undefined)])];
}

export const healthCheckSkipsDatabase: GuardrailRule = (resource, context) => {
  if (resource.type !== TASK_DEFINITION) return 'not-applicable';
  const ports = databasePorts(resource, context);
  const definite: string[] = [];
  const likely: string[] = [];
  let judged = 0;
  for (const c of essentialContainers(resource)) {
    const command = isRow(c.HealthCheck) && Array.isArray(c.HealthCheck.Command) ? c.HealthCheck.Command.map(String).join(' ') : undefined;
    if (command === undefined) continue;
    judged += 1;
    const name = `container ${containerName(c)}`;
    const port = ports.find((p) => new RegExp(`(^|[^0-9])${p}(?![0-9])`).test(command));
    const client = CLIENTS.exec(command)?.[2];
    if (isTrue(envOf(c, DATABASE_ENV.healthCheckDatabase))) definite.push(`${name}: ${DATABASE_ENV.healthCheckDatabase}=true puts the database on its health check`);
    else if (client) definite.push(`${name}: the health check runs ${client}`);
    else if (ADDRESS_VARS.test(command)) definite.push(`${name}: the health check uses the database's address (${ADDRESS_VARS.exec(command)?.[1]})`);
    else if (port !== undefined) definite.push(`${name}: the health check names the database port ${port}`);
    else if (CHECKING_PATH.test(command)) likely.push(`${name}: the health check calls ${CHECKING_PATH.exec(command)?.[0]}, a path that says it checks dependencies`);
  }
  if (definite.length > 0) return { compliance: 'non-compliant', detail: [...definite, ...likely].join('; ') };
  if (likely.length > 0) return { compliance: 'non-compliant', detail: likely.join('; '), severity: 'warning' };
  return judged > 0 ? 'compliant' : 'not-applicable';
};
