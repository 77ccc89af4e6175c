#!/usr/bin/env node
/**
 * First step of `npm run dev` and `npm run screenshots`, before anything else of the repository is
 * used: checks Node.js and, on a fresh clone, installs the dev dependencies with `npm ci`. Plain
 * JavaScript with no dependencies, so it runs with nothing but Node.js and npm.
 */
'use strict';
const { spawnSync } = require('node:child_process');
const { existsSync } = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 15)) {
	console.error(`Node.js ${process.versions.node} is too old: this repository needs 20.15 or newer.`);
	process.exit(1);
}

// npm writes node_modules/.package-lock.json on every install: without it this is a fresh clone
// (or an interrupted install). After a pull that changes package-lock.json, run `npm ci` yourself.
const installed = path.join(root, 'node_modules', '.package-lock.json');
const reason = existsSync(installed) ? undefined : 'node_modules is missing';
if (reason) {
	console.log(`${reason}: running npm ci`);
	const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
	const result = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
	if (result.status !== 0) {
		console.error(`npm ci failed (${result.error ? result.error.message : `exit code ${result.status}`})`);
		process.exit(1);
	}
}
