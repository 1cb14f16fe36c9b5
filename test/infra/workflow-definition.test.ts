import { existsSync, readFileSync } from 'node:fs';
import aslValidator from 'asl-validator';
import { describe, expect, it } from 'vitest';
import { capabilitiesByHandler } from '../../functions/declarations/function-capabilities.ts';
import { routes } from '../../functions/declarations/routes.ts';
import { scheduledTasks, workflowDefinitionFile, workflowTasks } from '../../functions/declarations/workflow-tasks.ts';
import { handlerEntry, projectFile } from '../../lib/project-paths.ts';

interface AslState {
  Type: string;
  Resource?: string;
  Parameters?: { FunctionName?: unknown };
  Branches?: { States: Record<string, AslState> }[];
  ItemProcessor?: { States: Record<string, AslState> };
  Iterator?: { States: Record<string, AslState> };
}

const aslText = readFileSync(projectFile(workflowDefinitionFile), 'utf8');
const asl = JSON.parse(aslText) as { States: Record<string, AslState> };

/** Every state by name, including those inside Parallel branches and Map processors. */
function allStates(states: Record<string, AslState>): [string, AslState][] {
  return Object.entries(states).flatMap(([name, state]) => [
    [name, state] as [string, AslState],
    ...(state.Branches ?? []).flatMap((branch) => allStates(branch.States)),
    ...[state.ItemProcessor, state.Iterator].flatMap((inner) => (inner ? allStates(inner.States) : [])),
  ]);
}

const taskStates = allStates(asl.States).filter(([, state]) => state.Type === 'Task');
const placeholders = [...aslText.matchAll(/\$\{(\w+)\}/g)].map((match) => match[1]!);
const declaredSubstitutions = new Set<string>(workflowTasks.map((task) => task.substitution));

describe('Workflow definition: statemachines/complaint.asl.json', () => {
  it('is valid Amazon States Language (asl-validator, paths and ARNs checked)', () => {
    const result = aslValidator(asl, { checkPaths: true, checkArn: true });
    expect(result.errorsText('\n')).toBe('');
    expect(result.isValid).toBe(true);
  });

  it('has Task states to map', () => {
    expect(taskStates.length).toBeGreaterThan(0);
  });

  it('maps every ${placeholder} to a workflowTasks entry', () => {
    const unmapped = placeholders.filter((name) => !declaredSubstitutions.has(name));
    expect(unmapped).toEqual([]);
  });

  it('gives every Task state a Lambda integration whose FunctionName is a declared ${substitution}', () => {
    const problems = taskStates.flatMap(([name, state]) => {
      if (!state.Resource?.startsWith('arn:aws:states:::lambda:invoke')) {
        return [`${name}: resource ${state.Resource} is not a Lambda integration the workflow tasks can serve`];
      }
      const functionName = state.Parameters?.FunctionName;
      const substitution = typeof functionName === 'string' ? /^\$\{(\w+)\}$/.exec(functionName)?.[1] : undefined;
      if (!substitution) return [`${name}: FunctionName ${JSON.stringify(functionName)} is not a \${Substitution}`];
      return declaredSubstitutions.has(substitution) ? [] : [`${name}: \${${substitution}} has no workflowTasks entry`];
    });
    expect(problems).toEqual([]);
  });

  it('uses every workflowTasks entry (no task is declared for nothing)', () => {
    const unused = workflowTasks.filter((task) => !placeholders.includes(task.substitution)).map((t) => t.substitution);
    expect(unused).toEqual([]);
  });

  it('declares each substitution once', () => {
    expect(declaredSubstitutions.size).toBe(workflowTasks.length);
  });
});

describe('Declarations: every handler exists and has capabilities', () => {
  const declaredHandlers = [
    ...routes.map((route) => ({ source: `route ${route.method} ${route.path}`, handler: route.handler })),
    ...workflowTasks.map((task) => ({ source: `workflow task ${task.substitution}`, handler: task.handler })),
    ...scheduledTasks.map((task) => ({ source: `scheduled task ${task.functionName}`, handler: task.handler })),
  ];

  it.each(declaredHandlers)('$source: functions/handlers/$handler.ts exists', ({ handler }) => {
    expect(existsSync(handlerEntry(handler)), handlerEntry(handler)).toBe(true);
  });

  it('declares capabilities for every declared handler, and for no other', () => {
    const handlers = new Set(declaredHandlers.map((declared) => declared.handler));
    expect(Object.keys(capabilitiesByHandler).sort()).toEqual([...handlers].sort());
  });
});
