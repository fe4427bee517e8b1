/**
 * Which dimension combinations AWS publishes a metric under, as data. CloudWatch does not
 * aggregate across dimensions: an alarm must name exactly a published combination, or it
 * watches a metric that never gets a data point (and never fires).
 *
 * Sources: ALB — ELB User Guide, "CloudWatch metrics for your Application Load Balancer"
 * (load-balancer-cloudwatch-metrics.html; fis-facts §10: load-balancer metrics by LoadBalancer,
 * optionally AvailabilityZone; target metrics by LoadBalancer and TargetGroup, optionally
 * AvailabilityZone); the per-metric lists (RequestCountPerTarget also by TargetGroup alone) as
 * generated from that page into pulumi/awsx's metric docs — not re-read on the AWS page itself.
 * ECS — ECS Developer Guide, "Amazon ECS CloudWatch metrics" (available-metrics.html; fis-facts
 * §10): ClusterName, or ClusterName and ServiceName. Container Insights — CloudWatch User Guide
 * (Container Insights ECS metrics): ClusterName, or ClusterName and ServiceName (service level
 * from common use, fis-facts §10).
 */
type DimensionSets = readonly (readonly string[])[];

const LB: DimensionSets = [['LoadBalancer'], ['LoadBalancer', 'AvailabilityZone']];
const LB_OR_TG: DimensionSets = [...LB, ['LoadBalancer', 'TargetGroup'], ['LoadBalancer', 'TargetGroup', 'AvailabilityZone']];
const TG: DimensionSets = [
  ['LoadBalancer', 'TargetGroup'],
  ['LoadBalancer', 'TargetGroup', 'AvailabilityZone'],
];
const CLUSTER_OR_SERVICE: DimensionSets = [['ClusterName'], ['ClusterName', 'ServiceName']];

const ALB_METRICS: Readonly<Record<string, DimensionSets>> = {
  HealthyHostCount: TG,
  UnHealthyHostCount: TG,
  RequestCountPerTarget: [['TargetGroup'], ...TG],
  RequestCount: LB_OR_TG,
  TargetResponseTime: LB_OR_TG,
  TargetConnectionErrorCount: LB_OR_TG,
  HTTPCode_Target_2XX_Count: LB_OR_TG,
  HTTPCode_Target_3XX_Count: LB_OR_TG,
  HTTPCode_Target_4XX_Count: LB_OR_TG,
  HTTPCode_Target_5XX_Count: LB_OR_TG,
  HTTPCode_ELB_3XX_Count: LB,
  HTTPCode_ELB_4XX_Count: LB,
  HTTPCode_ELB_5XX_Count: LB,
  HTTPCode_ELB_500_Count: LB,
  HTTPCode_ELB_502_Count: LB,
  HTTPCode_ELB_503_Count: LB,
  HTTPCode_ELB_504_Count: LB,
  ActiveConnectionCount: LB,
  NewConnectionCount: LB,
  RejectedConnectionCount: LB,
  ProcessedBytes: LB,
  ConsumedLCUs: LB,
};

/** Namespace → metric → the dimension sets it is published under. A metric not listed is not judged. */
export const PUBLISHED_DIMENSIONS: Readonly<Record<string, Readonly<Record<string, DimensionSets>>>> = {
  'AWS/ApplicationELB': ALB_METRICS,
  'AWS/ECS': { CPUUtilization: CLUSTER_OR_SERVICE, MemoryUtilization: CLUSTER_OR_SERVICE },
  'ECS/ContainerInsights': {
    RunningTaskCount: CLUSTER_OR_SERVICE,
    DesiredTaskCount: CLUSTER_OR_SERVICE,
    PendingTaskCount: CLUSTER_OR_SERVICE,
    CpuUtilized: CLUSTER_OR_SERVICE,
    MemoryUtilized: CLUSTER_OR_SERVICE,
  },
};
