/**
 * The dimensions of the AWS metrics that both the stop-condition alarms (lib/workload) and the
 * runner's GetMetricData queries (lib/runner/aws/metric-queries) use: one definition, so an alarm
 * and the figure it guards always read the same series. Combinations as AWS publishes them
 * (fis-facts §10; ELB User Guide "CloudWatch metrics for your Application Load Balancer";
 * ECS Developer Guide "Amazon ECS Container Insights metrics"): load-balancer metrics by
 * `LoadBalancer`, target-group metrics by `LoadBalancer` + `TargetGroup`, Container Insights by
 * `ClusterName` + `ServiceName`. Values are physical names (or CDK tokens that resolve to them).
 */
export const METRIC_DIMENSIONS = {
  loadBalancer: (loadBalancerFullName: string): Record<string, string> => ({ LoadBalancer: loadBalancerFullName }),
  targetGroup: (loadBalancerFullName: string, targetGroupFullName: string): Record<string, string> => ({ LoadBalancer: loadBalancerFullName, TargetGroup: targetGroupFullName }),
  /** Target-group metrics of one zone (the optional `AvailabilityZone` dimension, same pages). */
  targetGroupInZone: (loadBalancerFullName: string, targetGroupFullName: string, zone: string): Record<string, string> => ({
    LoadBalancer: loadBalancerFullName,
    TargetGroup: targetGroupFullName,
    AvailabilityZone: zone,
  }),
  containerInsightsService: (clusterName: string, serviceName: string): Record<string, string> => ({ ClusterName: clusterName, ServiceName: serviceName }),
  /**
   * `AWS/RDS` metrics of a whole Aurora cluster (Aurora User Guide, "Amazon CloudWatch dimensions for
   * Aurora": `DBClusterIdentifier` alone aggregates the cluster's instances).
   */
  databaseCluster: (clusterIdentifier: string): Record<string, string> => ({ DBClusterIdentifier: clusterIdentifier }),
} as const;
