"""Runs lib/fis/automation/zone-subnets.py against a fake ECS client; prints the result as JSON.

argv: scenario JSON {"subnets": [...], "zone": [...], "steps": ["remove"|"restore", ...],
"failUpdates": n (the first n UpdateService calls raise)}.
"""
import importlib.util
import json
import sys

spec = importlib.util.spec_from_file_location('zone_subnets', sys.argv[1])
mod = importlib.util.module_from_spec(spec)
spec.loader.exec_module(mod)
scenario = json.loads(sys.argv[2])


class FakeEcs:
    def __init__(self, subnets, fail_updates):
        self.subnets = list(subnets)
        self.fail_updates = fail_updates
        self.updates = []

    def describe_services(self, cluster, services):
        return {'services': [{'serviceName': services[0], 'networkConfiguration': {'awsvpcConfiguration': {
            'subnets': list(self.subnets), 'securityGroups': ['sg-1'], 'assignPublicIp': 'DISABLED'}}}]}

    def update_service(self, cluster, service, networkConfiguration):
        if self.fail_updates > 0:
            self.fail_updates -= 1
            raise RuntimeError('ThrottlingException')
        config = networkConfiguration['awsvpcConfiguration']
        self.updates.append(config)
        self.subnets = list(config['subnets'])


ecs = FakeEcs(scenario['subnets'], scenario.get('failUpdates', 0))
events = {'ClusterName': 'c', 'ServiceName': 's', 'SubnetIds': scenario['zone']}
results = []
for step in scenario['steps']:
    try:
        if step == 'remove':
            results.append(json.loads(mod.remove_zone_subnets(events, None, ecs=ecs)))
        else:
            results.append(json.loads(mod.restore_zone_subnets(events, None, ecs=ecs, pause_seconds=0)))
    except Exception as err:  # noqa: BLE001
        results.append({'error': str(err)})
print(json.dumps({'results': results, 'updates': ecs.updates, 'subnets': ecs.subnets}))
