/** Figure names (`streams.brokenOffTarget`) → words a reader of the report understands. Pure. */
import type { FigureName } from '../drill/figures';

const LABELS: Record<FigureName, string> = {
  'streams.total': 'streams opened',
  'streams.clean': 'streams that ended cleanly',
  'streams.broken': 'streams broken',
  'streams.brokenOffTarget': 'streams broken on tasks the fault did not hit',
  'streams.ttftMs.p50': 'time to first token, median',
  'streams.ttftMs.max': 'time to first token, worst',
  'streams.seconds.max': 'longest stream',
  'streams.bytes': 'bytes streamed',
  'streams.events': 'stream events received',
  'requests.total': 'requests sent',
  'requests.failed': 'requests failed',
  'requests.errorRate': 'share of requests that failed',
  'requests.p99Ms': 'request latency, 99th percentile',
  'jobs.total': 'jobs submitted',
  'jobs.succeeded': 'jobs that completed',
  'jobs.failed': 'jobs that failed or were lost',
  'jobs.seconds.max': 'longest job (submit → end)',
  'recovery.seconds': 'time to recover (fault → desired and healthy again)',
  'replacement.launchSeconds': 'time to launch a replacement task',
  'replacement.healthySeconds': 'time until the replacement was healthy',
  'alb.5xx': 'load balancer 5xx answers',
  'alb.healthyHosts.min': 'fewest healthy targets',
  'tasks.running.min': 'fewest tasks running',
  'tasks.sigkilled': 'tasks SIGKILLed at stopTimeout (drain not finished)',
  'tasks.replaced': 'tasks replaced because their health check failed',
  'tasks.idleKeepAliveSeconds.min': 'shortest idle keep-alive a task kept (vs the load balancer idle timeout)',
  'fault.targets': 'targets the fault hit',
  'alarms.notOkAfterRecovery': "stop-condition alarms not OK at FIS's check after the recovery window",
  'dependency.connections.peak': 'most connections open to the dependency at once',
  'dependency.connects': 'connections opened to the dependency (fault → end)',
  'dependency.recoverySeconds': 'time until requests succeed again after the dependency returned',
};

/** The figure in words; an unknown name (a newer journal) is returned as it is. */
export function figureLabel(name: string): string {
  return (LABELS as Record<string, string>)[name] ?? name;
}
