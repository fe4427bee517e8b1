/**
 * The shape of one entry of the FIS action catalogue (lib/fis/action-catalogue.ts), and the
 * small builders the per-service tables use. Facts come from the FIS User Guide's actions
 * reference (REFERENCE, one anchor per action); target keys (the key an action's `targets` map
 * uses, e.g. `Tasks`) are not on that page: they come from the user guide's template examples
 * and `aws fis get-action` output. Every parameter value is a string in a template.
 */
export const REFERENCE = 'https://docs.aws.amazon.com/fis/latest/userguide/fis-actions-reference.html';

/** Bounds of an ISO 8601 duration parameter, in seconds. */
export interface DurationRange {
  readonly minSeconds: number;
  readonly maxSeconds: number;
}

export interface FisActionParameter {
  readonly name: string;
  readonly required: boolean;
  /** Set when the value is an ISO 8601 duration, with the range the reference gives. */
  readonly duration?: DurationRange;
}

export interface FisActionSpec {
  /** The target resource type, or `none` for an action that takes no target. */
  readonly targetType: string;
  /** The key of the action's `targets` map (`Tasks`, `Instances` …); absent when targetType is `none`. */
  readonly targetKey?: string;
  readonly parameters: readonly FisActionParameter[];
  /** The reference page (and anchor) the entry comes from. */
  readonly source: string;
  /** How the target must be selected when the reference restricts it. */
  readonly selectBy?: 'arns-only' | 'tags-only';
  /** Runs an SSM document through the task's SSM agent sidecar (needs the sidecar, its roles, ECS Exec off). */
  readonly needsSidecar?: boolean;
  /** Needs `pidMode: task` on the task definition. */
  readonly needsPidModeTask?: boolean;
}

/** FIS caps an action at 12 hours (quota L-A7622DAA, fis-facts §7). */
export const TWELVE_HOURS = 12 * 3600;
/** "from one minute to 12 hours", the range most duration parameters state. */
export const MINUTE_TO_12H: DurationRange = { minSeconds: 60, maxSeconds: TWELVE_HOURS };
/** No range stated on the reference page (the ECS and EKS in-task actions): only the 12 h action quota. */
export const UP_TO_12H: DurationRange = { minSeconds: 1, maxSeconds: TWELVE_HOURS };

export const req = (name: string): FisActionParameter => ({ name, required: true });
export const opt = (name: string): FisActionParameter => ({ name, required: false });
export const dur = (name: string, range: DurationRange = MINUTE_TO_12H, required = true): FisActionParameter => ({ name, required, duration: range });
export const at = (anchor: string): string => `${REFERENCE}#${anchor}`;
