/**
 * What the SSM agent sidecar runs, so FIS `aws:ecs:task-*` actions can reach the task.
 *
 * AWS supplies this script in the FIS user guide (ecs-task-actions); fis-facts §1 describes
 * its steps, and this is our own rendering of them: install jq/procps/awscli, refuse to run
 * next to another SSM agent (ECS Exec), read the task from the metadata endpoint, create an
 * SSM hybrid activation tagged with the task's ARN and zone (FIS finds the managed instance by
 * the `ECS_TASK_ARN` tag), register and run the agent, and on SIGTERM/SIGINT delete the
 * activation and deregister the managed instance.
 *
 * Not confirmed on the page, our choices: the registration file path
 * (`/var/lib/amazon/ssm/registration`) the cleanup reads the managed-instance id from, the
 * `--registration-limit 1`, and reading the region from the task ARN. Compare with the
 * current AWS script before relying on it in production.
 */
export const SSM_AGENT_SCRIPT = [
  'set -e',
  'if [ -z "$MANAGED_INSTANCE_ROLE_NAME" ]; then echo "MANAGED_INSTANCE_ROLE_NAME is not set" >&2; exit 1; fi',
  'dnf upgrade -y && dnf install -y jq procps awscli',
  'if pgrep -x amazon-ssm-agent >/dev/null; then echo "an SSM agent already runs in this task (is ECS Exec on?); FIS task actions need this sidecar alone" >&2; exit 1; fi',
  'TASK_JSON=$(curl -fsS "$ECS_CONTAINER_METADATA_URI_V4/task")',
  'TASK_ARN=$(echo "$TASK_JSON" | jq -r .TaskARN)',
  'TASK_ZONE=$(echo "$TASK_JSON" | jq -r .AvailabilityZone)',
  'REGION=$(echo "$TASK_ARN" | cut -d: -f4)',
  'ACTIVATION=$(aws ssm create-activation --region "$REGION" --iam-role "$MANAGED_INSTANCE_ROLE_NAME" --registration-limit 1 ' +
    '--tags Key=ECS_TASK_AVAILABILITY_ZONE,Value="$TASK_ZONE" Key=ECS_TASK_ARN,Value="$TASK_ARN" Key=FAULT_INJECTION_SIDECAR,Value=true)',
  'ACTIVATION_ID=$(echo "$ACTIVATION" | jq -r .ActivationId)',
  'ACTIVATION_CODE=$(echo "$ACTIVATION" | jq -r .ActivationCode)',
  'cleanup() {',
  '  aws ssm delete-activation --region "$REGION" --activation-id "$ACTIVATION_ID" || true',
  '  INSTANCE_ID=$(jq -r .ManagedInstanceID /var/lib/amazon/ssm/registration 2>/dev/null || true)',
  '  if [ -n "$INSTANCE_ID" ]; then aws ssm deregister-managed-instance --region "$REGION" --instance-id "$INSTANCE_ID" || true; fi',
  '}',
  "trap 'cleanup; exit 0' TERM INT",
  'amazon-ssm-agent -register -code "$ACTIVATION_CODE" -id "$ACTIVATION_ID" -region "$REGION" -y',
  'amazon-ssm-agent &',
  'wait $!',
].join('\n');
