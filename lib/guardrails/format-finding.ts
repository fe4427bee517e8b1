/** Pure formatters: findings listed the way cdk-nag lists them. */
import type { Finding, Note, SuppressedFinding } from './types';

const LEVEL = { error: 'Error', warning: 'Warning' } as const;

const at = (resource: string): string => (resource.startsWith('/') ? resource : `/${resource}`);

/** `[Error at /Stack/Path] DRILL-DRAIN-1: message` */
export const formatFinding = (f: Finding): string => `[${LEVEL[f.severity]} at ${at(f.resource)}] ${f.rule}: ${f.message}`;

/** `[Suppressed at /Stack/Path] DRILL-DRAIN-1: reason` */
export const formatSuppressed = (f: SuppressedFinding): string => `[Suppressed at ${at(f.resource)}] ${f.rule}: ${f.reason}`;

/** `[Note at /Stack/Path] DRILL-DRAIN-5: detail` */
export const formatNote = (n: Note): string => `[Note at ${at(n.resource)}] ${n.rule}: ${n.message}`;
