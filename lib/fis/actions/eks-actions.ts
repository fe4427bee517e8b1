/** Amazon EKS actions (FIS actions reference, "Amazon EKS actions"). */
import { at, dur, opt, req, UP_TO_12H, type FisActionParameter, type FisActionSpec } from './fis-action-spec';

const PODS = { targetType: 'aws:eks:pod', targetKey: 'Pods' } as const;
/** What every pod action takes besides its own parameters. */
const POD = [req('kubernetesServiceAccount'), opt('fisPodContainerImage'), opt('maxErrorsPercent'), opt('fisPodLabels'), opt('fisPodAnnotations')];
/** The stress and delete actions also take a pod security policy; the network ones do not. */
const POD_WITH_POLICY = [...POD, opt('fisPodSecurityPolicy')];
const timed = (...rest: FisActionParameter[]): FisActionParameter[] => [dur('duration', UP_TO_12H), ...rest];
const SOURCES = [opt('interface'), opt('flowsPercent'), opt('sources')];

export const EKS_ACTIONS: Readonly<Record<string, FisActionSpec>> = {
  'aws:eks:inject-kubernetes-custom-resource': {
    // "you must target this action to a single ARN": no tags, filters or parameters
    targetType: 'aws:eks:cluster',
    targetKey: 'Cluster',
    selectBy: 'arns-only',
    source: at('inject-kubernetes-custom-resource'),
    parameters: [req('kubernetesApiVersion'), req('kubernetesKind'), req('kubernetesNamespace'), req('kubernetesSpec'), dur('maxDuration')],
  },
  'aws:eks:pod-cpu-stress': { ...PODS, source: at('pod-cpu-stress'), parameters: [...timed(opt('percent'), opt('workers')), ...POD_WITH_POLICY] },
  'aws:eks:pod-delete': { ...PODS, source: at('pod-delete'), parameters: [opt('gracePeriodSeconds'), ...POD_WITH_POLICY] },
  'aws:eks:pod-io-stress': { ...PODS, source: at('pod-io-stress'), parameters: [...timed(opt('workers'), opt('percent')), ...POD_WITH_POLICY] },
  'aws:eks:pod-memory-stress': { ...PODS, source: at('pod-memory-stress'), parameters: [...timed(opt('workers'), opt('percent')), ...POD_WITH_POLICY] },
  'aws:eks:pod-network-blackhole-port': {
    ...PODS,
    source: at('pod-network-blackhole-port'),
    parameters: [...timed(req('protocol'), req('trafficType'), req('port')), ...POD],
  },
  'aws:eks:pod-network-latency': {
    ...PODS,
    source: at('pod-network-latency'),
    parameters: [...timed(opt('delayMilliseconds'), opt('jitterMilliseconds'), ...SOURCES), ...POD],
  },
  'aws:eks:pod-network-packet-loss': {
    ...PODS,
    source: at('pod-network-packet-loss'),
    parameters: [...timed(opt('lossPercent'), ...SOURCES), ...POD],
  },
  'aws:eks:terminate-nodegroup-instances': {
    targetType: 'aws:eks:nodegroup',
    targetKey: 'Nodegroups',
    source: at('terminate-nodegroup-instance'),
    parameters: [req('instanceTerminationPercentage')],
  },
};
