import { DRILL_TAG, MAX_TAG_VALUE, OPERATOR_TAG, RUN_ID_TAG } from '../../contract';

/** The tags every experiment this tool starts carries (lib/contract.ts); `drills stop --all-mine` looks for them. */
export function experimentTags(drillId: string, runId: string, operatorArn: string): Record<string, string> {
  return { [DRILL_TAG]: drillId, [RUN_ID_TAG]: runId, [OPERATOR_TAG]: operatorArn.slice(0, MAX_TAG_VALUE) };
}
