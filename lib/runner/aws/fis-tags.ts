/** Tags every experiment this tool starts carries; `drills stop --all-mine` looks for them. */
export const DRILL_TAG = 'drill';
export const RUN_ID_TAG = 'fis-drills:run-id';
export const OPERATOR_TAG = 'fis-drills:operator';
export const DRY_RUN_TAG = 'fis-drills:dry-run';
/** FIS tag values are at most 256 characters. */
export const MAX_TAG_VALUE = 256;

export function experimentTags(drillId: string, runId: string, operatorArn: string): Record<string, string> {
  return { [DRILL_TAG]: drillId, [RUN_ID_TAG]: runId, [OPERATOR_TAG]: operatorArn.slice(0, MAX_TAG_VALUE) };
}
