/** The package's programmatic API (index.js): adapters and the event model, free of n8n. */
export * from './adapter';
export * from './events';
export * from './phone';
export * from './time';
export { InputError, parseInput } from './validation';
export * from './receipts';
export * from './signature';
export * from '../providers/adapters';
