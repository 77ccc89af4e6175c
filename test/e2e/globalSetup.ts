import { mkdtemp, rm } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { ensureN8n } from '../support/n8n';
import { n8nLine } from '../support/n8nLines';
import { packPackage, TARBALL_ENV } from '../support/pack';

export const PACK_DIR_ENV = 'N8N_OUTBOUND_VOICE_E2E_PACK_DIR';

/**
 * Packs the built package and installs every selected n8n line (jest.e2e.config.js) before any
 * test, so no test timeout covers a cold install.
 */
export default async function globalSetup(): Promise<void> {
	const versions = (process.env.N8N_E2E_SELECTED_VERSIONS ?? '')
		.split(',')
		.filter((version) => version !== '');
	for (const version of versions) n8nLine(version);
	const packDir = await mkdtemp(path.join(os.tmpdir(), 'n8n-outbound-voice-pack-'));
	try {
		process.env[TARBALL_ENV] = await packPackage(packDir);
		for (const version of versions) await ensureN8n(version);
	} catch (error) {
		// Jest skips the global teardown when the setup fails.
		await rm(packDir, { recursive: true, force: true });
		throw error;
	}
	process.env[PACK_DIR_ENV] = packDir;
}
