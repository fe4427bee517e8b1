"""Keep an ECS service's placements out of one zone for the length of an az-outage drill.

Runs as two aws:executeScript steps of the SSM Automation document that the az-outage
experiment starts (lib/fis/zone-placement-automation.ts): `remove_zone_subnets` takes the
zone's subnets out of the service's awsvpc network configuration; `restore_zone_subnets` puts
them back, and is the step every other step branches to on failure or cancel, so the service
gets its subnets back whatever happens. Restoring is idempotent: when every zone subnet is
already there it changes nothing and calls no UpdateService.

Handlers take (events, context) as SSM calls them; `ecs` is injectable for tests
(test/fis/zone-subnets.test.ts runs this file with a fake client).
"""
import json
import time


def _client(ecs):
    if ecs is not None:
        return ecs
    import boto3  # available in the SSM executeScript Python runtime
    return boto3.client('ecs')


def _network(ecs, cluster, service):
    out = ecs.describe_services(cluster=cluster, services=[service])
    services = out.get('services') or []
    if not services:
        raise ValueError('service %s not found in cluster %s' % (service, cluster))
    config = (services[0].get('networkConfiguration') or {}).get('awsvpcConfiguration')
    if not config:
        raise ValueError('service %s has no awsvpc network configuration' % service)
    return config


def _update(ecs, cluster, service, config, subnets):
    ecs.update_service(
        cluster=cluster,
        service=service,
        networkConfiguration={'awsvpcConfiguration': {
            'subnets': subnets,
            'securityGroups': config.get('securityGroups', []),
            'assignPublicIp': config.get('assignPublicIp', 'DISABLED'),
        }},
    )


def remove_zone_subnets(events, context, ecs=None):
    """Remove the zone's subnets; refuses to leave the service without a subnet."""
    ecs = _client(ecs)
    cluster, service = events['ClusterName'], events['ServiceName']
    zone = list(events['SubnetIds'])
    config = _network(ecs, cluster, service)
    current = list(config.get('subnets', []))
    remaining = [s for s in current if s not in zone]
    if not remaining:
        raise ValueError('removing %s would leave service %s with no subnet' % (zone, service))
    if remaining == current:
        return json.dumps({'status': 'NOTHING_TO_REMOVE', 'subnets': current})
    _update(ecs, cluster, service, config, remaining)
    return json.dumps({'status': 'REMOVED', 'removed': [s for s in current if s in zone], 'subnets': remaining})


def restore_zone_subnets(events, context, ecs=None, attempts=5, pause_seconds=2.0):
    """Put the zone's subnets back (idempotent); retries a failed call before giving up."""
    ecs = _client(ecs)
    cluster, service = events['ClusterName'], events['ServiceName']
    zone = list(events['SubnetIds'])
    last = None
    for attempt in range(1, attempts + 1):
        try:
            config = _network(ecs, cluster, service)
            current = list(config.get('subnets', []))
            missing = [s for s in zone if s not in current]
            if not missing:
                return json.dumps({'status': 'ALREADY_PRESENT', 'subnets': current})
            restored = current + missing
            _update(ecs, cluster, service, config, restored)
            return json.dumps({'status': 'RESTORED', 'added': missing, 'subnets': restored})
        except Exception as err:  # noqa: BLE001 - any API error is retried, then raised
            last = err
            if attempt < attempts:
                time.sleep(pause_seconds * attempt)
    raise RuntimeError('could not restore subnets %s to service %s: %s' % (zone, service, last))
