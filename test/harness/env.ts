/**
 * Environment n8n reads at module load. Imported first by the harness so it is in place before
 * n8n-workflow / n8n-core (and their @n8n/config) are required.
 */
// @n8n/config's ExpressionEngineConfig reads this. Nothing in-process calls
// `Expression.initExpressionEngine`, so n8n-workflow evaluates with its built-in engine either way.
process.env.N8N_EXPRESSION_ENGINE ??= 'vm';

export {};
