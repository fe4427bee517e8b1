/**
 * The `drills` context of the scale benchmark: `count` services, every other one existing
 * (attached by name, on subnets stated as its own) and the rest managed from an image, each
 * with the whole catalogue (3 drills).
 */
export function scaleServicesContext(count: number): { services: Record<string, unknown>[] } {
  const hex = (i: number, n: number) => i.toString(16).padStart(n, '0');
  return {
    services: Array.from({ length: count }, (_, i) => {
      const name = `svc-${String(i + 1).padStart(2, '0')}`;
      if (i % 2 === 0) return { name, imageUri: `public.ecr.aws/example/${name}:1.0.0`, healthCheckCommand: '/app/healthcheck' };
      return {
        name,
        existing: {
          clusterName: 'platform',
          serviceName: `${name}-api`,
          targetGroupFullName: `targetgroup/${name}-tg/${hex(i, 16)}`,
          loadBalancerFullName: `app/platform-alb/${hex(1000 + i, 16)}`,
          vpcId: 'vpc-0a1b2c3d4e5f60718',
          zones: ['eu-west-1a', 'eu-west-1b'],
          serviceUrl: `https://${name}.example.com`,
          subnetIdsByZone: { 'eu-west-1a': [`subnet-${hex(2 * i, 17)}`], 'eu-west-1b': [`subnet-${hex(2 * i + 1, 17)}`] },
          dedicatedSubnets: true,
        },
      };
    }),
  };
}
