/** Why the local fleet could not be brought up (start() rejects with this, having stopped everything). */
export type LocalEngineErrorKind = 'start-failed' | 'port-clash' | 'never-healthy' | 'exited-at-once' | 'not-started';

export class LocalEngineError extends Error {
  constructor(
    readonly kind: LocalEngineErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'LocalEngineError';
  }
}
