export * from './body';
export * from './cluster';
export * from './memory';
export * from './order';
export * from './parse';
export * from './receive';
