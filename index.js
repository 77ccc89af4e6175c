// Programmatic entry point: the core (event model, adapter interfaces) with every registered
// provider's adapters and parsers, usable without n8n (nodes/index.ts).
// n8n itself loads the nodes and credentials listed in package.json's "n8n" field.
module.exports = require('./dist/nodes/index.js');
