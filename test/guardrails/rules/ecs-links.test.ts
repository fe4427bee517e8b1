/** The readers every drain rule shares: numbers as CloudFormation carries them, rows, containers, tags, and the resources a service points at. */
import { asNumber, containerName, essentialContainers, isRow, longestRequestSeconds, rows, tagOf, targetGroupsOf, taskDefinitionOf, worstOf } from '../../../lib/guardrails/rules/ecs-links';
import { templateView } from '../../../lib/guardrails/template-view';
import type { CfnResourceView } from '../../../lib/guardrails/types';
import { compliantTemplate, type Props } from '../fixture';

const resource = (type: string, properties: Props): CfnResourceView => templateView([{ name: 'S', template: { Resources: { R: { Type: type, Properties: properties } } } }]).resources[0];

describe('the shared readers of the drain rules', () => {
  it('reads a number, or a string holding one, and nothing else', () => {
    expect([5, 0, '12', ' 7 ', '1.5'].map(asNumber)).toEqual([5, 0, 12, 7, 1.5]);
    expect([NaN, Infinity, '', ' ', 'x', true, null, undefined, [3], { n: 1 }].map(asNumber)).toEqual(Array(10).fill(undefined));
  });
  it('takes objects as rows, not arrays or null, and keeps only the rows of a list', () => {
    expect([{}, [], null, 'x'].map(isRow)).toEqual([true, false, false, false]);
    expect(rows([{ a: 1 }, null, [2], 'x', { b: 2 }])).toEqual([{ a: 1 }, { b: 2 }]);
    expect(rows({ a: 1 })).toEqual([]);
  });
  it("counts a container essential unless it says false, and names one without a name '(unnamed)'", () => {
    const td = resource('AWS::ECS::TaskDefinition', { ContainerDefinitions: [{ Name: 'a' }, { Name: 'b', Essential: false }, { Name: 'c', Essential: 'false' }, { Essential: true }] });
    expect(essentialContainers(td).map(containerName)).toEqual(['a', '(unnamed)']);
  });
  it('reads a tag from a tag list or a tag map', () => {
    expect(tagOf(resource('X', { Tags: [{ Key: 'k', Value: 'v' }, 'junk'] }), 'k')).toBe('v');
    expect(tagOf(resource('X', { Tags: [{ Key: 'other', Value: 'v' }] }), 'k')).toBeUndefined();
    expect(tagOf(resource('X', { Tags: { k: 'v' } }), 'k')).toBe('v');
    expect(tagOf(resource('X', {}), 'k')).toBeUndefined();
  });
  it('takes the longest request from the option, then the tag, then the first essential container that sets the env var', () => {
    const td = (props: Props) => templateView([{ name: 'S', template: { Resources: { TD: { Type: 'AWS::ECS::TaskDefinition', Properties: props } } } }]);
    const containers = [
      { Name: 'side', Essential: false, Environment: [{ Name: 'LONGEST_REQUEST_SECONDS', Value: '5' }] },
      { Name: 'a' },
      { Name: 'b', Environment: [{ Name: 'LONGEST_REQUEST_SECONDS', Value: '40' }] },
    ];
    const read = (props: Props, option?: number) => {
      const view = td(props);
      return longestRequestSeconds(view.resources[0], { template: view, environment: 'non-production', longestRequestSeconds: option });
    };
    expect(read({ ContainerDefinitions: containers })).toBe(40);
    expect(read({ ContainerDefinitions: containers, Tags: [{ Key: 'fis-drills:longest-request-seconds', Value: '30' }] })).toBe(30);
    expect(read({ ContainerDefinitions: containers, Tags: [{ Key: 'fis-drills:longest-request-seconds', Value: '30' }] }, 20)).toBe(20);
    expect(read({ ContainerDefinitions: [{ Name: 'a', Environment: [{ Name: 'LONGEST_REQUEST_SECONDS', Value: 'long' }] }] })).toBeUndefined();
  });
  it('finds the task definition and target groups a service points at, only when they are of that type', () => {
    const t = compliantTemplate();
    t.Resources.Service.Properties.LoadBalancers.push({ TargetGroupArn: { Ref: 'Cluster' } }, { TargetGroupArn: 'arn:aws:elasticloadbalancing:eu-west-1:1:targetgroup/x/1' });
    const view = templateView([{ name: 'S', template: t }]);
    const service = view.resources.find((r) => r.logicalId === 'Service')!;
    const context = { template: view, environment: 'non-production' as const };
    expect(taskDefinitionOf(service, context)?.logicalId).toBe('TaskDefinition');
    expect(targetGroupsOf(service, context).map((g) => g.logicalId)).toEqual(['TargetGroup']);
    const wrong = { ...service, properties: { ...service.properties, TaskDefinition: { Ref: 'Cluster' } } };
    expect(taskDefinitionOf(wrong, context)).toBeUndefined();
  });
  it('folds findings: any failure wins, joined by "; ", then any pass, else not applicable', () => {
    expect(worstOf(['a', 'b'], 3)).toEqual({ compliance: 'non-compliant', detail: 'a; b' });
    expect(worstOf([], 1)).toEqual({ compliance: 'compliant' });
    expect(worstOf([], 0)).toEqual({ compliance: 'not-applicable' });
  });
});
