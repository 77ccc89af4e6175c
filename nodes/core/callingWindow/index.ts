/**
 * Calling Window and Do-Not-Call Numbers (issue 22): when and whom the nodes may ring, decided per
 * recipient in the recipient's own time zones. Plain TypeScript: no n8n, no I/O.
 */
export * from './compliance';
export * from './definition';
export * from './doNotCall';
export * from './rings';
export * from './schedule';
export * from './support';
export * from './zones';
