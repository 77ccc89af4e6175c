export * from './body';
export * from './memory';
export * from './order';
export * from './parse';
export * from './receive';
