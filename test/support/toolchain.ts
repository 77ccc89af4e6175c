/**
 * What installing n8n needs beyond Node.js and npm: its SQLite driver (sqlite3) is compiled for
 * Node 24 on install, with a C++ compiler, make and Python (node-gyp). scripts/bootstrap.js makes
 * the same check before a sandbox's first run; this one guards every other way in (the e2e suite,
 * the benchmarks), before the long install starts rather than at its end.
 */
import { accessSync, constants } from 'node:fs';
import * as path from 'node:path';

const TOOLS: Array<[what: string, names: string[]]> = [
	['a C++ compiler (g++, c++ or clang++)', ['g++', 'c++', 'clang++']],
	['make', ['make']],
	['python3', ['python3']],
];

function onPath(name: string): boolean {
	return (process.env.PATH ?? '').split(path.delimiter).some((dir) => {
		try {
			accessSync(path.join(dir, name), constants.X_OK);
			return true;
		} catch {
			return false;
		}
	});
}

/** The tools missing from PATH, described. */
export const missingTools = (): string[] =>
	TOOLS.filter(([, names]) => !names.some(onPath)).map(([what]) => what);

export function assertToolchain(): void {
	const missing = missingTools();
	if (missing.length === 0) return;
	throw new Error(
		[
			`Missing ${missing.join(', ')}.`,
			'Installing n8n compiles its SQLite driver for Node 24: that needs a C/C++ toolchain (a C++',
			'compiler, make and python3). Install it, then run the command again:',
			'  Debian/Ubuntu:  sudo apt-get install -y build-essential python3',
			'  Fedora/RHEL:    sudo dnf install -y gcc-c++ make python3',
			'  macOS:          xcode-select --install',
		].join('\n'),
	);
}
