export * from './body';
export * from './cluster';
export { StoreLock, type Held, type LockOptions } from './storeLock';
export * from './memory';
export * from './order';
export * from './parse';
export * from './receive';
