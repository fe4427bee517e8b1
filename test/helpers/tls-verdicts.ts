/** Test support: cdk-nag's TLS rules (NIST 800-53 / HIPAA packs) run on every load balancer and listener of a stack. */
import type { CfnResource, Stack } from 'aws-cdk-lib';
import { NagRuleCompliance, rules } from 'cdk-nag';

/** By rule, then construct path (with `stripPrefix` removed): each applicable verdict. */
export function tlsVerdicts(stack: Stack, stripPrefix: string): Record<string, Record<string, NagRuleCompliance>> {
  const tls = {
    ALBHttpToHttpsRedirection: rules.elb.ALBHttpToHttpsRedirection,
    ELBv2ACMCertificateRequired: rules.elb.ELBv2ACMCertificateRequired,
    ALBHttpDropInvalidHeaderEnabled: rules.elb.ALBHttpDropInvalidHeaderEnabled,
  };
  const resources = stack.node.findAll().filter((c): c is CfnResource => (c as CfnResource).cfnResourceType?.startsWith('AWS::ElasticLoadBalancingV2::'));
  const verdicts: Record<string, Record<string, NagRuleCompliance>> = {};
  for (const [name, rule] of Object.entries(tls)) {
    verdicts[name] = {};
    for (const r of resources) {
      const verdict = rule(r);
      if (verdict !== NagRuleCompliance.NOT_APPLICABLE) verdicts[name][r.node.path.replace(stripPrefix, '')] = verdict;
    }
  }
  return verdicts;
}
