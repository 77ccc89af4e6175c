export * from './body';
export * from './memory';
export * from './parse';
export * from './receive';
