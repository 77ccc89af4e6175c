/**
 * The source layout the README promises, checked on the source files themselves. Imports are
 * followed as TypeScript loads them at run time: `import type`, `export type` and imports whose
 * every name is marked `type` are erased by the compiler; every other import, re-export and
 * `require()` loads its module. Counting the rest as loaded is stricter than the compiler (which
 * also erases a plain import used only as a type), so a file the checks pass loads no more.
 */
import { builtinModules } from 'module';
import { existsSync, readdirSync, readFileSync, statSync } from 'fs';
import { dirname, join, relative, resolve } from 'path';
import * as ts from 'typescript';

import { PROVIDERS } from '../nodes/providers/registry';

const root = join(__dirname, '..');

function filesUnder(folder: string): string[] {
	return readdirSync(folder).flatMap((name) => {
		const path = join(folder, name);
		return statSync(path).isDirectory() ? filesUnder(path) : path.endsWith('.ts') ? [path] : [];
	});
}

const source = (path: string) => readFileSync(path, 'utf8');
const show = (path: string) => relative(root, path);

/** What a module specifier names: a source file of this package, or a package (or Node built-in). */
type Target = { file: string } | { pkg: string };

function resolveSpecifier(from: string, specifier: string): Target {
	if (specifier.startsWith('.')) {
		const base = resolve(dirname(from), specifier);
		const file = [`${base}.ts`, join(base, 'index.ts'), base].find(
			(candidate) => existsSync(candidate) && statSync(candidate).isFile(),
		);
		if (file === undefined) throw new Error(`${show(from)}: cannot resolve ${specifier}`);
		return { file };
	}
	const bare = specifier.replace(/^node:/, '');
	const parts = bare.split('/');
	return { pkg: bare.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0] };
}

/** Whether an import or export declaration is erased by the compiler (types only). */
function typeOnly(node: ts.ImportDeclaration | ts.ExportDeclaration): boolean {
	if (ts.isImportDeclaration(node)) {
		const clause = node.importClause;
		if (clause === undefined) return false; // `import 'x'`: loaded for its effects
		if (clause.isTypeOnly) return true;
		const bindings = clause.namedBindings;
		return (
			clause.name === undefined &&
			bindings !== undefined &&
			ts.isNamedImports(bindings) &&
			bindings.elements.length > 0 &&
			bindings.elements.every((element) => element.isTypeOnly)
		);
	}
	if (node.isTypeOnly) return true;
	const clause = node.exportClause;
	return (
		clause !== undefined &&
		ts.isNamedExports(clause) &&
		clause.elements.length > 0 &&
		clause.elements.every((element) => element.isTypeOnly)
	);
}

const runTimeCache = new Map<string, Target[]>();

/** The modules a source file loads when it runs. */
function loads(path: string): Target[] {
	const cached = runTimeCache.get(path);
	if (cached !== undefined) return cached;
	const file = ts.createSourceFile(path, source(path), ts.ScriptTarget.Latest, true);
	const specifiers: string[] = [];
	const visit = (node: ts.Node) => {
		if (
			(ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
			node.moduleSpecifier !== undefined &&
			ts.isStringLiteral(node.moduleSpecifier)
		) {
			if (!typeOnly(node)) specifiers.push(node.moduleSpecifier.text);
		} else if (
			ts.isImportEqualsDeclaration(node) &&
			ts.isExternalModuleReference(node.moduleReference) &&
			ts.isStringLiteral(node.moduleReference.expression)
		) {
			if (!node.isTypeOnly) specifiers.push(node.moduleReference.expression.text);
		} else if (
			ts.isCallExpression(node) &&
			(node.expression.kind === ts.SyntaxKind.ImportKeyword ||
				(ts.isIdentifier(node.expression) && node.expression.text === 'require'))
		) {
			const [argument] = node.arguments;
			if (argument === undefined || !ts.isStringLiteral(argument))
				throw new Error(`${show(path)}: a module loaded by a computed name cannot be checked`);
			specifiers.push(argument.text);
		}
		ts.forEachChild(node, visit);
	};
	visit(file);
	const targets = specifiers.map((specifier) => resolveSpecifier(path, specifier));
	runTimeCache.set(path, targets);
	return targets;
}

/** Every file and package `path` loads at run time, directly or through other files. */
function closure(path: string): { files: Set<string>; packages: Set<string> } {
	const files = new Set<string>();
	const packages = new Set<string>();
	const pending = [path];
	while (pending.length > 0) {
		const next = pending.pop()!;
		if (files.has(next)) continue;
		files.add(next);
		for (const target of loads(next)) {
			if ('pkg' in target) packages.add(target.pkg);
			else pending.push(target.file);
		}
	}
	files.delete(path);
	return { files, packages };
}

const builtins = new Set(builtinModules);
/** Packages the core and the adapters may load besides Node's built-ins (n8n supplies zod and luxon). */
const PURE_PACKAGES = new Set(['zod', 'luxon', 'libphonenumber-js']);
const notPure = (packages: Set<string>) =>
	[...packages].filter((pkg) => !builtins.has(pkg) && !PURE_PACKAGES.has(pkg)).sort();

const coreFolder = join(root, 'nodes', 'core');
const within = (folder: string) => (file: string) => file.startsWith(`${folder}/`);
const isCore = within(coreFolder);

/** Files of a provider folder that hold n8n descriptions or n8n calls; the rest are its adapters. */
const N8N_SIDE = new Set(['index.ts', 'fields.ts', 'forms.ts', 'credentialTest.ts']);
const PROVIDER_FILES = [
	'index.ts',
	'provider.ts',
	'common.ts',
	'call.ts',
	'campaign.ts',
	'receipts.ts',
	'signature.ts',
	'wait.ts',
	'fields.ts',
	'forms.ts',
];
const providerFolder = (id: string) => join(root, 'nodes', 'providers', id);
const adapterFiles = (id: string) =>
	filesUnder(providerFolder(id)).filter((path) => !N8N_SIDE.has(path.split('/').pop()!));

/** The cycles of the run-time import graph (its strongly connected components of 2+ files, or a self-loop). */
function cycles(files: string[]): string[][] {
	const index = new Map<string, number>();
	const low = new Map<string, number>();
	const stack: string[] = [];
	const onStack = new Set<string>();
	const found: string[][] = [];
	let counter = 0;
	const edges = (file: string) =>
		loads(file).flatMap((target) => ('file' in target ? [target.file] : []));
	const connect = (file: string) => {
		index.set(file, counter);
		low.set(file, counter++);
		stack.push(file);
		onStack.add(file);
		for (const next of edges(file)) {
			if (!index.has(next)) {
				connect(next);
				low.set(file, Math.min(low.get(file)!, low.get(next)!));
			} else if (onStack.has(next)) low.set(file, Math.min(low.get(file)!, index.get(next)!));
		}
		if (low.get(file) === index.get(file)) {
			const component: string[] = [];
			let member: string;
			do {
				member = stack.pop()!;
				onStack.delete(member);
				component.push(member);
			} while (member !== file);
			if (component.length > 1 || edges(file).includes(file)) found.push(component.map(show));
		}
	};
	for (const file of files) if (!index.has(file)) connect(file);
	return found;
}

describe('source layout', () => {
	// Counted in Prettier's 100-column lines (which wrap more than the hand-wrapped ~140 before).
	it('keeps every file in nodes/ and credentials/ to about 350 lines', () => {
		const long = [...filesUnder(join(root, 'nodes')), ...filesUnder(join(root, 'credentials'))]
			.map((path) => [show(path), source(path).split('\n').length] as const)
			.filter(([, lines]) => lines > 350);
		expect(long).toEqual([]);
	});

	it('has no node import another node’s files', () => {
		const nodes = ['MakeVoiceCall', 'SendVoiceCampaign', 'VoiceReceiptTrigger'];
		for (const node of nodes) {
			for (const path of filesUnder(join(root, 'nodes', node))) {
				const foreign = [...closure(path).files]
					.filter((file) => nodes.some((other) => other !== node && file.includes(`/${other}/`)))
					.map(show);
				expect([show(path), foreign]).toEqual([show(path), []]);
			}
		}
	});

	it('has the core load only the core (and zod, luxon, libphonenumber-js), transitively', () => {
		const core = filesUnder(coreFolder);
		expect(core.length).toBeGreaterThan(10);
		for (const path of core) {
			const { files, packages } = closure(path);
			const outside = [...files].filter((file) => !isCore(file)).map(show);
			expect([show(path), outside, notPure(packages)]).toEqual([show(path), [], []]);
		}
	});

	it('has each provider’s adapters (every file but its n8n side) load only the core and their own folder, and no n8n package', () => {
		for (const provider of PROVIDERS) {
			const own = within(providerFolder(provider.id));
			const adapters = adapterFiles(provider.id);
			expect(adapters.map((path) => path.split('/').pop())).toContain('provider.ts');
			for (const path of adapters) {
				const { files, packages } = closure(path);
				const outside = [...files].filter((file) => !isCore(file) && !own(file)).map(show);
				expect([show(path), outside, notPure(packages)]).toEqual([show(path), [], []]);
			}
		}
	});

	it('has the public API (nodes/index.ts, index.js) load no n8n package', () => {
		const { packages } = closure(join(root, 'nodes', 'index.ts'));
		expect(notPure(packages)).toEqual([]);
		expect(source(join(root, 'index.js'))).toContain("require('./dist/nodes/index.js')");
	});

	it('has no cycle in the run-time import graph of nodes/ and credentials/ (so none through the core)', () => {
		const all = [...filesUnder(join(root, 'nodes')), ...filesUnder(join(root, 'credentials'))];
		expect(cycles(all)).toEqual([]);
	});

	it('sees what is loaded: a runtime import, re-export and require count; type-only ones do not', () => {
		const kinds = (text: string) => {
			const file = ts.createSourceFile('probe.ts', text, ts.ScriptTarget.Latest, true);
			return file.statements
				.filter(
					(node): node is ts.ImportDeclaration | ts.ExportDeclaration =>
						ts.isImportDeclaration(node) || ts.isExportDeclaration(node),
				)
				.map(typeOnly);
		};
		expect(
			kinds(
				[
					"import type { A } from './a';",
					"import { type A, type B } from './a';",
					"export type { A } from './a';",
					"import { type A, b } from './a';",
					"import a from './a';",
					"import * as a from './a';",
					"import './a';",
					"export * from './a';",
					"export { a } from './a';",
				].join('\n'),
			),
		).toEqual([true, true, true, false, false, false, false, false, false]);
	});

	it('finds a cycle when there is one', () => {
		const [a, b, c] = ['a', 'b', 'c'].map((name) => join(root, 'probe', `${name}.ts`));
		runTimeCache.set(a, [{ file: b }]);
		runTimeCache.set(b, [{ file: c }, { pkg: 'zod' }]);
		runTimeCache.set(c, [{ file: a }]);
		try {
			expect(cycles([a]).map((cycle) => [...cycle].sort())).toEqual([
				['probe/a.ts', 'probe/b.ts', 'probe/c.ts'],
			]);
			runTimeCache.set(c, []);
			expect(cycles([a])).toEqual([]);
		} finally {
			for (const path of [a, b, c]) runTimeCache.delete(path);
		}
	});

	it('gives every provider folder the same file names', () => {
		for (const provider of PROVIDERS) {
			const names = readdirSync(providerFolder(provider.id));
			expect([provider.id, PROVIDER_FILES.filter((name) => !names.includes(name))]).toEqual([
				provider.id,
				[],
			]);
			// The credential class tests itself: with a literal request in the class, or with the
			// request (and the code reading its answer) from the folder's credentialTest.ts.
			const credentialFile = filesUnder(join(root, 'credentials')).find((path) =>
				source(path).includes(`name = '${provider.credentialType}'`),
			)!;
			const fromFolder = loads(credentialFile).some(
				(target) =>
					'file' in target &&
					target.file === join(providerFolder(provider.id), 'credentialTest.ts'),
			);
			expect([
				provider.id,
				/\btest: ICredentialTestRequest = (\{|\w+;)/.test(source(credentialFile)),
			]).toEqual([provider.id, true]);
			expect([provider.id, names.includes('credentialTest.ts')]).toEqual([provider.id, fromFolder]);
		}
	});
});
