export * from './figures';
export * from './iso-duration';
export * from './types';
export * from './define-drill';
export * from './needs-database';
