import * as path from 'node:path';
import { request } from 'undici';

import { REPO_ROOT, packedTarball } from '../support/pack';
import { startQueueCluster, type QueueCluster } from '../support/queueMode';

let cluster: QueueCluster;

beforeAll(async () => {
	cluster = await startQueueCluster({ packageTarball: packedTarball(), logDir: path.join(REPO_ROOT, '.e2e', 'logs', 'queue') });
}, 600_000);

afterAll(async () => {
	await cluster?.stop();
}, 120_000);

it('starts', async () => {
	const types = await cluster.client.types('nodes');
	expect(types.some((type) => type.name === 'n8n-nodes-outbound-voice.voiceReceiptTrigger')).toBe(true);
	for (const p of cluster.all()) console.log(p.name, p.rssMb().toFixed(0), 'MB', p.cpuSeconds().toFixed(1), 's');
	const r = await request(`${cluster.webhooks[0].url}/healthz`);
	expect(r.statusCode).toBe(200);
	console.log(await cluster.sql('select count(*) from workflow_entity'));
});
