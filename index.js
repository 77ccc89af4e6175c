// Programmatic entry point: the provider adapters and the event model, usable without n8n.
// n8n itself loads the nodes and credentials listed in package.json's "n8n" field.
module.exports = require('./dist/nodes/core/index.js');
