/** Test fixture: the `drills` context of an app with two services, one managed from an image, one existing. */
export const EXISTING_PAYMENTS = {
  clusterName: 'platform-prod',
  serviceName: 'payments-api',
  targetGroupFullName: 'targetgroup/payments-tg/0123456789abcdef',
  loadBalancerFullName: 'app/platform-alb/fedcba9876543210',
  vpcId: 'vpc-0a1b2c3d4e5f60718',
  zones: ['eu-west-1a', 'eu-west-1b'],
  serviceUrl: 'https://payments.example.com',
  subnetIdsByZone: { 'eu-west-1a': ['subnet-0aaaaaaaaaaaaaaaa'], 'eu-west-1b': ['subnet-0bbbbbbbbbbbbbbbb'] },
  dedicatedSubnets: true,
};

export const TWO_SERVICES = {
  services: [
    { name: 'checkout', imageUri: 'public.ecr.aws/example/checkout:1.4.2', healthCheckCommand: '/app/healthcheck', drills: ['task-stop-drain', 'task-hard-kill'] },
    { name: 'payments', processName: 'java', healthPath: '/health', existing: EXISTING_PAYMENTS },
  ],
};
