/**
 * The `existing` block of a service profile: a service this app did not build (another stack,
 * Terraform, the console), attached by name. Declared once with zod; the type and every message
 * come from it. Nothing here is looked up in AWS: synth needs no credentials.
 *
 * Formats: an ALB's full name is `app/<name>/<16 hex>` and a target group's
 * `targetgroup/<name>/<16 hex>` (the CloudWatch `LoadBalancer` and `TargetGroup` dimensions, ELB
 * User Guide "CloudWatch metrics for your Application Load Balancer"); zones are zone names
 * (`eu-west-1a`), as the `AvailabilityZone` dimension and FIS's `availabilityZoneIdentifier` take them.
 */
import { z } from 'zod';
import { receivedValue } from './received-value';

const ZONE = /^[a-z]{2}(-[a-z]+)+-\d[a-z]$/;
const SUBNET = /^subnet-[0-9a-f]{8,17}$/;

const ecsName = (what: string) =>
  z.string({ error: `give the ${what} (text)` }).regex(/^[A-Za-z0-9_-]{1,255}$/, `the ${what}: letters, digits, - and _, at most 255 characters (the name, not the ARN)`);

export const existingServiceSchema = z
  .strictObject({
    /** The ECS cluster's name. */
    clusterName: ecsName('ECS cluster name'),
    /** The ECS service's name (as `aws ecs list-services` shows it after the last `/`). */
    serviceName: ecsName('ECS service name'),
    /** `targetgroup/<name>/<id>`: the part of the target group's ARN after `:targetgroup/`'s colon. */
    targetGroupFullName: z
      .string({ error: 'give the target group full name, e.g. "targetgroup/my-tg/0123456789abcdef"' })
      .regex(/^targetgroup\/[A-Za-z0-9-]{1,32}\/[0-9a-f]{16}$/, 'use the target group full name "targetgroup/<name>/<16 hex digits>" (the end of its ARN)'),
    /** `app/<name>/<id>`: an Application Load Balancer (the alarms read `AWS/ApplicationELB`). */
    loadBalancerFullName: z
      .string({ error: 'give the load balancer full name, e.g. "app/my-alb/0123456789abcdef"' })
      .regex(/^app\/[A-Za-z0-9-]{1,32}\/[0-9a-f]{16}$/, 'use the Application Load Balancer full name "app/<name>/<16 hex digits>" (the end of its ARN; a Network Load Balancer is not supported)'),
    vpcId: z.string({ error: 'give the VPC id, e.g. "vpc-0123456789abcdef0"' }).regex(/^vpc-[0-9a-f]{8,17}$/, 'use a VPC id like "vpc-0123456789abcdef0"'),
    /** The zones the service's tasks run in, in the order az-outage's `zoneIndex` counts them. */
    zones: z
      .array(z.string().regex(ZONE, 'use a zone name like "eu-west-1a"'), { error: 'list the service\'s zones, e.g. ["eu-west-1a", "eu-west-1b"]' })
      .min(2, 'list at least 2 zones: a drill needs a zone that keeps serving')
      .refine((zones) => new Set(zones).size === zones.length, 'a zone is listed twice'),
    /** Where customers reach the service (the runner's probes and traffic go here). */
    serviceUrl: z.url({ protocol: /^https?$/, error: 'give the URL customers use, e.g. "https://orders.example.com"' }),
    /**
     * The service's subnets per zone (keys among `zones`). az-outage needs them: the automation keeps
     * ECS placements out of the cut zone's subnets, and the experiment role may swap only their NACLs.
     * @default - none (az-outage cannot be drilled)
     */
    subnetIdsByZone: z
      .record(
        z.string().regex(ZONE, 'use a zone name like "eu-west-1a" as the key'),
        z.array(z.string().regex(SUBNET, 'use a subnet id like "subnet-0123456789abcdef0"')).min(1, 'list at least one subnet'),
      )
      .optional(),
    /**
     * You state that every resource in the service's subnets is the service's own: az-outage cuts
     * whole subnets (every ENI in them), so on a shared VPC it hits other workloads too.
     * @default false (the guardrail DRILL-FIS-21 warns; an error in production)
     */
    dedicatedSubnets: z.boolean({ error: 'use true or false' }).optional(),
    /**
     * The Aurora cluster the service uses (its DB cluster identifier, as `aws rds describe-db-clusters`
     * shows it): the dependency drills (dependency-outage, database-failover) get templates, and its
     * alarms (AWS/RDS, dimension DBClusterIdentifier) guard them. Nothing is looked up at synth.
     * @default - none (the dependency drills get no template)
     */
    databaseClusterIdentifier: z
      .string({ error: 'give the DB cluster identifier (text), e.g. "orders-db"' })
      .regex(/^[A-Za-z][A-Za-z0-9-]{0,62}$/, 'use the DB cluster identifier: a letter, then letters, digits and -, at most 63 characters (the identifier, not the ARN)')
      .optional(),
    /** The port the service's tasks reach that cluster on (dependency-outage black-holes it). @default 5432 */
    databasePort: z.number({ error: 'give the port as a number, e.g. 5432' }).int().min(1).max(65535).optional(),
  })
  .superRefine((e, ctx) => {
    if (e.databasePort !== undefined && e.databaseClusterIdentifier === undefined) {
      ctx.addIssue({ code: 'custom', path: ['databasePort'], message: 'databasePort is set without databaseClusterIdentifier: name the cluster too, or leave the port out' });
    }
    for (const zone of Object.keys(e.subnetIdsByZone ?? {})) {
      if (!e.zones.includes(zone)) ctx.addIssue({ code: 'custom', path: ['subnetIdsByZone', zone], message: `zone ${zone} is not among zones (${e.zones.join(', ')})` });
    }
  });

export type ExistingService = z.infer<typeof existingServiceSchema>;

/** Every problem with an `existing` block, each as `<where>.<key>: <what>; got <value>`. */
export function existingServiceProblems(value: unknown, where: string): { existing?: ExistingService; problems: string[] } {
  const parsed = existingServiceSchema.safeParse(value);
  if (parsed.success) return { existing: parsed.data, problems: [] };
  return {
    problems: parsed.error.issues.map((issue) => {
      const at = [where, ...issue.path.map(String)].join('.');
      const got = receivedValue(value, issue.path);
      return `${at}: ${issue.message}${got === undefined ? '' : `; got ${JSON.stringify(got)}`}`;
    }),
  };
}

/** The subnets of `zones` in zones order (an empty list for a zone not given). */
export function subnetIdsInZoneOrder(existing: ExistingService): string[][] {
  return existing.zones.map((zone) => [...(existing.subnetIdsByZone?.[zone] ?? [])]);
}
