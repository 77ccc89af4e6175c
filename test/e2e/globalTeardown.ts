import { rm } from 'node:fs/promises';
import { PACK_DIR_ENV } from './globalSetup';

export default async function globalTeardown(): Promise<void> {
	const packDir = process.env[PACK_DIR_ENV];
	if (packDir) await rm(packDir, { recursive: true, force: true });
}
