import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';

export interface DrillsDashboardProps {
  readonly serviceName: string;
  readonly metrics: { readonly errorRate: cloudwatch.IMetric; readonly healthyHosts: cloudwatch.IMetric; readonly runningTasks: cloudwatch.IMetric };
  readonly alarms: readonly cloudwatch.IAlarm[];
}

/**
 * One dashboard for a drill: the service's 5xx share, healthy hosts, running tasks and the
 * stop-condition alarms. FIS experiment reports snapshot it when a report bucket is set.
 */
export class DrillsDashboard extends Construct {
  readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: DrillsDashboardProps) {
    super(scope, id);
    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: `${props.serviceName}-drills`,
    });
    this.dashboard.addWidgets(new cloudwatch.AlarmStatusWidget({ title: 'Stop conditions', alarms: [...props.alarms], width: 24, height: 3 }));
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({ title: 'Service 5xx share of requests', left: [props.metrics.errorRate], width: 8, leftYAxis: { min: 0 } }),
      new cloudwatch.GraphWidget({ title: 'Healthy hosts (ALB, minimum)', left: [props.metrics.healthyHosts], width: 8, leftYAxis: { min: 0 } }),
      new cloudwatch.GraphWidget({ title: 'Running tasks (Container Insights)', left: [props.metrics.runningTasks], width: 8, leftYAxis: { min: 0 } }),
    );
  }

  get dashboardArn(): string {
    return this.dashboard.dashboardArn;
  }
}
