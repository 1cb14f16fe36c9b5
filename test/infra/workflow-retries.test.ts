import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { workflowDefinitionFile } from '#declarations/workflow-tasks.ts';
import { projectRoot } from '#local/workflow-wiring.ts';

interface TaskState {
  Type: string;
  Resource?: string;
  Retry?: { ErrorEquals: string[]; MaxAttempts?: number }[];
  Catch?: { ErrorEquals: string[]; Next: string }[];
}

const states = async () =>
  Object.entries(
    (JSON.parse(await readFile(join(projectRoot, workflowDefinitionFile), 'utf8')) as { States: Record<string, TaskState> }).States,
  ).filter(([, state]) => state.Type === 'Task');

describe('Retries of the complaint workflow', () => {
  it('retries every Task on States.TaskFailed, which a function timeout (Sandbox.Timedout) and a throttled or failing service both are', async () => {
    for (const [name, state] of await states()) {
      const retried = (state.Retry ?? []).flatMap((r) => r.ErrorEquals);
      expect(retried, name).toEqual(expect.arrayContaining(['Lambda.ServiceException', 'Lambda.TooManyRequestsException', 'States.TaskFailed']));
      expect(Math.min(...(state.Retry ?? []).map((r) => r.MaxAttempts ?? 3)), name).toBeGreaterThanOrEqual(3);
    }
  });

  it('sends a wait that times out back to planning, and anything its retries could not fix to RecordFailure', async () => {
    for (const [name, state] of await states()) {
      const catches = (state.Catch ?? []).map((c) => `${c.ErrorEquals.join(',')}->${c.Next}`);
      if (state.Resource?.endsWith('.waitForTaskToken')) {
        expect(catches, name).toEqual(['States.Timeout->PlanNextStep', 'States.ALL->RecordFailure']);
      } else if (name !== 'RecordFailure') {
        expect(catches, name).toEqual(['States.ALL->RecordFailure']);
      }
    }
  });
});
