export { LocalEngine, type LocalEngineOptions } from './local-engine';
export { LocalEngineError, type LocalEngineErrorKind } from './local-engine-error';
export type { StopOrder } from './fleet';
export { splitCommand } from './split-command';
