import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { EmailIdentity, Identity } from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';
import { type Capability, capabilitiesByHandler } from '../functions/declarations/capabilities.ts';
import { routes } from '../functions/declarations/routes.ts';
import { scheduledTasks, workflowTasks } from '../functions/declarations/workflow-tasks.ts';
import { ComplaintApi } from './complaint-api.ts';
import { ComplaintFunction } from './complaint-function.ts';
import type { ComplaintStore } from './complaint-store.ts';
import { ComplaintWorkflow } from './complaint-workflow.ts';
import type { DeploymentSettings } from './deployment-settings.ts';
import { EscalationChannel } from './escalation-channel.ts';
import { ProvisionalDeadlinesAlarm } from './provisional-deadlines-alarm.ts';
import { StaffDirectory } from './staff-directory.ts';
import { SurveySchedule } from './survey-schedule.ts';

export interface ClosedLoopStatelessStackProps extends StackProps {
  store: ComplaintStore;
  settings: DeploymentSettings;
}

interface FunctionDeclaration {
  functionName: string;
  handler: string;
  timeout: Duration;
}

/** Every function named in functions/declarations, once, with a timeout that suits its caller. */
function declaredFunctions(): FunctionDeclaration[] {
  const all: FunctionDeclaration[] = [
    ...routes.map((r) => ({ functionName: r.functionName, handler: r.handler, timeout: Duration.seconds(10) })),
    ...workflowTasks.map((t) => ({ functionName: t.functionName, handler: t.handler, timeout: Duration.seconds(30) })),
    ...scheduledTasks.map((s) => ({ functionName: s.functionName, handler: s.handler, timeout: Duration.minutes(5) })),
  ];
  const byName = new Map<string, FunctionDeclaration>();
  for (const declaration of all) {
    const seen = byName.get(declaration.functionName);
    if (seen && seen.handler !== declaration.handler) {
      throw new Error(
        `Function ${declaration.functionName} is declared with two handlers: ${seen.handler} and ${declaration.handler}`,
      );
    }
    if (!seen) byName.set(declaration.functionName, declaration);
  }
  return [...byName.values()];
}

/**
 * What is rebuilt from code: functions, API, workflow, topics, schedule and the
 * staff directory (its user pool is retained if the stack is removed, since it
 * holds the staff accounts).
 */
export class ClosedLoopStatelessStack extends Stack {
  /** By declared functionName. */
  readonly functions: ReadonlyMap<string, ComplaintFunction>;
  readonly workflow: ComplaintWorkflow;
  readonly api: ComplaintApi;
  readonly channel: EscalationChannel;
  readonly staff: StaffDirectory;
  readonly provisionalDeadlines: ProvisionalDeadlinesAlarm;

  constructor(scope: Construct, id: string, props: ClosedLoopStatelessStackProps) {
    super(scope, id, props);
    const { settings, store } = props;

    this.staff = new StaffDirectory(this, 'StaffDirectory');
    this.channel = new EscalationChannel(this, 'EscalationChannel', {
      escalationSubscribers: settings.escalationSubscribers,
      operationsEmails: settings.operationsEmails,
    });
    // An address identity: SES mails a verification link to it on creation.
    const mailSender = new EmailIdentity(this, 'CustomerMailSender', { identity: Identity.email(settings.mailFrom) });

    const functionScope = new Construct(this, 'Functions');
    const functions = new Map<string, ComplaintFunction>(
      declaredFunctions().map((declaration) => [
        declaration.functionName,
        new ComplaintFunction(functionScope, declaration.functionName, {
          handler: declaration.handler,
          timeout: declaration.timeout,
          deskTimeZone: settings.deskTimeZone,
          slaPolicy: settings.slaPolicy,
        }),
      ]),
    );
    this.functions = functions;
    const functionNamed = (name: string) => {
      const fn = functions.get(name);
      if (!fn) throw new Error(`No function named ${name}`);
      return fn;
    };

    this.workflow = new ComplaintWorkflow(this, 'ComplaintWorkflow', {
      taskFunctions: Object.fromEntries(
        workflowTasks.map((task) => [task.substitution, functionNamed(task.functionName).function]),
      ),
    });

    this.api = new ComplaintApi(this, 'ComplaintApi', {
      stage: settings.stage,
      routes,
      functionFor: (route) => functionNamed(route.functionName).function,
      staffUserPool: this.staff.userPool,
    });

    const [surveyTask, ...otherScheduledTasks] = scheduledTasks;
    if (otherScheduledTasks.length > 0) {
      throw new Error('Only the survey sender has a schedule construct: add one for the new scheduled task');
    }
    const surveySender = functionNamed(surveyTask.functionName);
    new SurveySchedule(this, 'SurveySchedule', {
      surveySender: surveySender.function,
      everyMinutes: surveyTask.everyMinutes,
    });
    // Survey links point at the API; the sender is not behind it, so no cycle.
    surveySender.bindPublicBaseUrl(this.api.url);

    for (const fn of functions.values()) {
      const capabilities = capabilitiesByHandler[fn.handlerModule];
      if (!capabilities) {
        throw new Error(`functions/declarations/capabilities.ts declares no capabilities for ${fn.handlerModule}`);
      }
      bindCapabilities(fn, capabilities, {
        store,
        workflow: this.workflow,
        channel: this.channel,
        mail: { identity: mailSender, from: settings.mailFrom },
      });
    }

    // The filing handler logs a provisional deadline; the alarm tells operations.
    const filing = routes.find((route) => route.handler === 'api/file-complaint');
    if (!filing) {
      throw new Error('No route is served by api/file-complaint: the provisional-deadlines alarm needs its logs');
    }
    this.provisionalDeadlines = new ProvisionalDeadlinesAlarm(this, 'ProvisionalDeadlines', {
      logGroup: functionNamed(filing.functionName).logGroup,
      operationsTopic: this.channel.operationsTopic,
    });

    new CfnOutput(this, 'ApiUrl', { value: this.api.url });
    new CfnOutput(this, 'UserPoolId', { value: this.staff.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.staff.client.userPoolClientId });
    new CfnOutput(this, 'StateMachineArn', { value: this.workflow.stateMachine.stateMachineArn });
    new CfnOutput(this, 'EscalationTopicArn', { value: this.channel.escalationTopic.topicArn });
    new CfnOutput(this, 'OperationsTopicArn', { value: this.channel.operationsTopic.topicArn });
  }
}

interface CapabilityTargets {
  store: ComplaintStore;
  workflow: ComplaintWorkflow;
  channel: EscalationChannel;
  mail: { identity: EmailIdentity; from: string };
}

/** Each declared capability becomes the narrowest grant plus the environment variable the adapters read. */
function bindCapabilities(fn: ComplaintFunction, capabilities: readonly Capability[], targets: CapabilityTargets) {
  const read = capabilities.includes('readTable');
  const write = capabilities.includes('writeTable');
  if (read || write) fn.bindTable(targets.store, { read, write });

  for (const capability of capabilities) {
    switch (capability) {
      case 'readTable':
      case 'writeTable':
        break;
      case 'startWorkflow':
        fn.bindWorkflowStart(targets.workflow.stateMachine);
        break;
      case 'completeWaits':
        fn.bindWaitCompletion();
        break;
      case 'publishEscalations':
        fn.bindEscalations(targets.channel.escalationTopic);
        break;
      case 'publishOperations':
        fn.bindOperationsAlerts(targets.channel.operationsTopic);
        break;
      case 'sendMail':
        fn.bindMail(targets.mail.identity, targets.mail.from);
        break;
      default: {
        const unknown: never = capability;
        throw new Error(`Unknown capability ${String(unknown)} for ${fn.handlerModule}`);
      }
    }
  }
}
