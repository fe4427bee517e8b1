import { defineDrill } from '../lib/drill';
import { streamingProbe } from './streaming-probe';

export default defineDrill(__filename, {
  id: 'az-outage',
  title: 'Loss of one availability zone',
  hypothesis: 'When one zone loses all connectivity and its tasks stop, the service keeps serving from the other zones, and it is back to desired count after the outage ends.',
  fault: { kind: 'az-outage', zoneIndex: 0, duration: { aws: 'PT5M', local: 'PT3S' } },
  stopConditions: ['error-rate', 'healthy-hosts', 'running-tasks'],
  probe: streamingProbe({ aws: 'PT15M', local: 'PT30S' }),
  expect: [
    { figure: 'streams.brokenOffTarget', op: '<=', bound: 0, why: 'streams served from the other zones must not break' },
    { figure: 'tasks.running.min', op: '>=', bound: 1, why: 'the other zones keep serving' },
    { figure: 'requests.errorRate', op: '<=', bound: { aws: 0.15, local: 0.1 }, why: "requests fail only while the load balancer still routes to the lost zone's targets" },
    {
      figure: 'recovery.seconds',
      op: '<=',
      bound: { aws: 900, local: 25 },
      why: "counted from the fault's start, so it includes the outage itself (5 min on AWS, 3 s locally) and ECS placing the lost zone's tasks again",
    },
  ],
});
