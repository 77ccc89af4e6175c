/**
 * Runs of one node at the same time in one execution, as an AI agent's parallel tool calls are:
 * n8n-core's own ExecuteContext for each run, all on the same run data, so that they share the
 * node's execution context (`getContext('node')`) as they do in n8n.
 */
import { ExecuteContext } from 'n8n-core';
import type { INodeExecutionData } from 'n8n-workflow';

import { runNode, SOURCE_NODE_TYPE, type InputItem, type RunNodeOptions } from './run';

export interface ConcurrentRun {
	output?: INodeExecutionData[][];
	error?: Error;
}

/**
 * Starts one run of the node per entry of `runs` (its input items) at once, or one after the
 * other with `oneAfterAnother`; resolves when all have ended.
 */
export async function runAtOnce(
	options: Omit<RunNodeOptions, 'items'> & { runs: InputItem[][]; oneAfterAnother?: boolean },
): Promise<ConcurrentRun[]> {
	// An execution in which the node has not run yet (no input): the workflow and run data to share.
	const setup = await runNode({ ...options, items: [] });
	const node = Object.values(setup.workflow.nodes).find((each) => each.type !== SOURCE_NODE_TYPE)!;
	const nodeType = setup.workflow.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
	const data = setup.run.data;
	const run = async (items: InputItem[], runIndex: number): Promise<ConcurrentRun> => {
		const input = items.map((json) => ({ json: structuredClone(json) })) as INodeExecutionData[];
		const context = new ExecuteContext(
			setup.workflow,
			node,
			setup.additionalData,
			setup.mode,
			data,
			runIndex,
			input,
			{ main: [input] },
			{ node, data: { main: [input] }, source: null },
			[],
		);
		try {
			return { output: (await nodeType.execute!.call(context)) as INodeExecutionData[][] };
		} catch (error) {
			return { error: error as Error };
		}
	};
	if (!options.oneAfterAnother) return await Promise.all(options.runs.map(run));
	const results: ConcurrentRun[] = [];
	for (const [runIndex, items] of options.runs.entries()) results.push(await run(items, runIndex));
	return results;
}
