/** Amazon EC2 and Amazon EBS actions (FIS actions reference, "Amazon EC2 actions", "Amazon EBS actions"). */
import { at, dur, opt, req, TWELVE_HOURS, type FisActionSpec } from './fis-action-spec';

const INSTANCES = { targetType: 'aws:ec2:instance', targetKey: 'Instances' } as const;
const VOLUMES = { targetType: 'aws:ec2:ebs-volume', targetKey: 'Volumes' } as const;
/** The EBS actions take "from one second to 12 hours". */
const SECOND_TO_12H = { minSeconds: 1, maxSeconds: TWELVE_HOURS };

export const EC2_ACTIONS: Readonly<Record<string, FisActionSpec>> = {
  'aws:ec2:api-insufficient-instance-capacity-error': {
    // "doesn't support defining targets using resource tags, filters, or parameters"
    targetType: 'aws:iam:role',
    targetKey: 'Roles',
    selectBy: 'arns-only',
    source: at('api-ice'),
    parameters: [dur('duration'), req('availabilityZoneIdentifiers'), req('percentage')],
  },
  'aws:ec2:asg-insufficient-instance-capacity-error': {
    targetType: 'aws:ec2:autoscaling-group',
    targetKey: 'AutoScalingGroups',
    source: at('asg-ice'),
    parameters: [dur('duration'), req('availabilityZoneIdentifiers'), opt('percentage')],
  },
  'aws:ec2:reboot-instances': { ...INSTANCES, source: at('reboot-instances'), parameters: [] },
  'aws:ec2:send-spot-instance-interruptions': {
    targetType: 'aws:ec2:spot-instance',
    targetKey: 'SpotInstances',
    source: at('send-spot-instance-interruptions'),
    parameters: [dur('durationBeforeInterruption', { minSeconds: 120, maxSeconds: 900 })],
  },
  'aws:ec2:stop-instances': {
    ...INSTANCES,
    source: at('stop-instances'),
    parameters: [dur('startInstancesAfterDuration', undefined, false), opt('completeIfInstancesTerminated')],
  },
  'aws:ec2:terminate-instances': { ...INSTANCES, source: at('terminate-instances'), parameters: [] },
  'aws:ebs:pause-volume-io': { ...VOLUMES, source: at('pause-volume-io'), parameters: [dur('duration', SECOND_TO_12H)] },
  'aws:ebs:volume-io-latency': {
    ...VOLUMES,
    source: at('volume-latency-injection'),
    parameters: [opt('readIOPercentage'), opt('readIOLatencyMilliseconds'), opt('writeIOPercentage'), opt('writeIOLatencyMilliseconds'), dur('duration', SECOND_TO_12H)],
  },
};
