/**
 * The FIS action catalogue, as one table: every action of the FIS User Guide's actions reference
 * (fis-actions-reference.html; fis-facts §1, §3) with its target resource type, its target key,
 * its parameters (required or not, duration ranges) and the page anchor it comes from. The
 * per-service rows live in lib/fis/actions/; this module joins them. Not listed (not found in the
 * reference read on 2026-11-30): MSK actions.
 */
import { DATA_ACTIONS } from './actions/data-actions';
import { EC2_ACTIONS } from './actions/ec2-actions';
import { ECS_ACTIONS } from './actions/ecs-actions';
import { EKS_ACTIONS } from './actions/eks-actions';
import type { FisActionSpec } from './actions/fis-action-spec';
import { NETWORK_ACTIONS } from './actions/network-actions';
import { PLATFORM_ACTIONS } from './actions/platform-actions';

export type { DurationRange, FisActionParameter, FisActionSpec } from './actions/fis-action-spec';

export const FIS_ACTIONS: Readonly<Record<string, FisActionSpec>> = {
  ...ECS_ACTIONS,
  ...EC2_ACTIONS,
  ...EKS_ACTIONS,
  ...NETWORK_ACTIONS,
  ...DATA_ACTIONS,
  ...PLATFORM_ACTIONS,
};

export type FisActionId = keyof typeof FIS_ACTIONS;

/** The catalogue entry of an action id, or undefined for an id FIS does not have. */
export const fisAction = (id: string): FisActionSpec | undefined => (Object.prototype.hasOwnProperty.call(FIS_ACTIONS, id) ? FIS_ACTIONS[id] : undefined);
