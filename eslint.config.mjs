import { config } from '@n8n/node-cli/eslint';
import { globalIgnores } from 'eslint/config';

// n8n's community-node lint config, as `n8n-node lint` uses it, for everything this package
// publishes or n8n loads. test/, bench/ and scripts/ never ship: they run in jest or plain Node
// (process, timers, fs, child processes), which those rules forbid node code. scripts/scan.mjs
// checks that nodes/, credentials/ and package.json get exactly the CLI's rules.
export default [globalIgnores(['test/', 'bench/', 'scripts/']), ...config];
