/**
 * The core's own surface: the event model, the adapter and provider interfaces, and the functions
 * over providers, which take the providers as arguments. The package's public API (nodes/index.ts)
 * adds the registered providers to it.
 */
export * from './adapter';
export * from './pace';
export * from './events';
export * from './phone';
export * from './provider';
export * from './time';
export { InputError, parseInput } from './validation';
export * from './receipts';
export * from './signature';
