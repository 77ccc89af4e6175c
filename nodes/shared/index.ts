/** The package's programmatic API (index.js): adapters and the event model, free of n8n. */
export * from './events';
export * from './phone';
export * from './time';
export { InputError, parseInput } from './validation';
export * from './providers';
export * from './receipts';
export * from './signature';
