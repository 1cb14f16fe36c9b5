import { CfnOutput, Duration, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { type ISecret, Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { EmailIdentity, Identity } from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';
import type { Capability } from '../functions/declarations/capabilities.ts';
import { capabilitiesByHandler } from '../functions/declarations/function-capabilities.ts';
import { routes } from '../functions/declarations/routes.ts';
import { scheduledTasks, workflowTasks } from '../functions/declarations/workflow-tasks.ts';
import { ComplaintApi } from './complaint-api.ts';
import { ComplaintFunction } from './complaint-function.ts';
import type { ComplaintStore } from './complaint-store.ts';
import { ComplaintWorkflow } from './complaint-workflow.ts';
import { DeskWebsite } from './desk-website.ts';
import type { DeploymentSettings } from './deployment-settings.ts';
import { EscalationChannel } from './escalation-channel.ts';
import { LogEncryptionKey } from './log-encryption-key.ts';
import { ProvisionalDeadlinesAlarm } from './provisional-deadlines-alarm.ts';
import { StaffDirectory } from './staff-directory.ts';
import { ScheduledTask } from './scheduled-task.ts';

export interface ClosedLoopStatelessStackProps extends StackProps {
  store: ComplaintStore;
  /** The stateful stack's HMAC key for survey and confirmation links. */
  linkSigningSecret: ISecret;
  settings: DeploymentSettings;
  /** The built web app to deploy (web/dist). */
  webAppDirectory: string;
}

/** Who invokes a function: API Gateway and Step Functions wait for the answer, EventBridge does not. */
type Caller = 'api' | 'workflow' | 'schedule';

interface FunctionDeclaration {
  functionName: string;
  handler: string;
  timeout: Duration;
  callers: Set<Caller>;
}

/** Every function named in functions/declarations, once, with a timeout that suits its caller. */
function declaredFunctions(): FunctionDeclaration[] {
  const all: (Omit<FunctionDeclaration, 'callers'> & { caller: Caller })[] = [
    ...routes.map((r) => ({ ...r, timeout: Duration.seconds(10), caller: 'api' as const })),
    ...workflowTasks.map((t) => ({ ...t, timeout: Duration.seconds(30), caller: 'workflow' as const })),
    ...scheduledTasks.map((s) => ({ ...s, timeout: Duration.minutes(5), caller: 'schedule' as const })),
  ];
  const byName = new Map<string, FunctionDeclaration>();
  for (const { functionName, handler, timeout, caller } of all) {
    const seen = byName.get(functionName);
    if (seen && seen.handler !== handler) {
      throw new Error(`Function ${functionName} is declared with two handlers: ${seen.handler} and ${handler}`);
    }
    if (seen) seen.callers.add(caller);
    else byName.set(functionName, { functionName, handler, timeout, callers: new Set([caller]) });
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
  readonly website: DeskWebsite;
  readonly channel: EscalationChannel;
  readonly staff: StaffDirectory;
  readonly provisionalDeadlines: ProvisionalDeadlinesAlarm;
  /** One per scheduled task, by function name. */
  readonly schedules: ReadonlyMap<string, ScheduledTask>;
  readonly logKey: LogEncryptionKey;

  constructor(scope: Construct, id: string, props: ClosedLoopStatelessStackProps) {
    super(scope, id, props);
    const { settings, store } = props;

    this.logKey = new LogEncryptionKey(this, 'LogKey');
    this.staff = new StaffDirectory(this, 'StaffDirectory');
    this.channel = new EscalationChannel(this, 'EscalationChannel', {
      escalationSubscribers: settings.escalationSubscribers,
      operationsEmails: settings.operationsEmails,
    });
    // An address identity: SES mails a verification link to it on creation.
    const mailSender = new EmailIdentity(this, 'CustomerMailSender', { identity: Identity.email(settings.mailFrom) });

    const functionScope = new Construct(this, 'Functions');
    const declarations = declaredFunctions();
    const functions = new Map<string, ComplaintFunction>(
      declarations.map((declaration) => [
        declaration.functionName,
        new ComplaintFunction(functionScope, declaration.functionName, {
          handler: declaration.handler,
          timeout: declaration.timeout,
          deskTimeZone: settings.deskTimeZone,
          slaPolicy: settings.slaPolicy,
          logKey: this.logKey,
        }),
      ]),
    );
    this.functions = functions;
    const functionNamed = (name: string) => {
      const fn = functions.get(name);
      if (!fn) throw new Error(`No function named ${name}`);
      return fn;
    };
    for (const { functionName, callers } of declarations) {
      if (!callers.has('schedule')) acknowledgeSynchronousOnly(functionNamed(functionName), callers);
    }

    this.workflow = new ComplaintWorkflow(this, 'ComplaintWorkflow', {
      taskFunctions: Object.fromEntries(workflowTasks.map((task) => [task.substitution, functionNamed(task.functionName).function])),
      logKey: this.logKey,
      operationsTopic: this.channel.operationsTopic,
    });

    this.api = new ComplaintApi(this, 'ComplaintApi', {
      stage: settings.stage,
      routes,
      functionFor: (route) => functionNamed(route.functionName).function,
      staffUserPool: this.staff.userPool,
      throttle: settings.apiThrottle,
      logKey: this.logKey,
    });

    this.website = new DeskWebsite(this, 'DeskWebsite', {
      webAppDirectory: props.webAppDirectory,
      api: this.api,
      routes,
      staff: this.staff,
      logKey: this.logKey,
    });

    this.schedules = new Map(
      scheduledTasks.map((task) => [
        task.functionName,
        new ScheduledTask(this, `${task.functionName}Schedule`, {
          fn: functionNamed(task.functionName).function,
          task,
          deskTimeZone: settings.deskTimeZone,
          operationsTopic: this.channel.operationsTopic,
        }),
      ]),
    );

    const linkSigning = linkSigningAccess(this, props.linkSigningSecret);
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
        linkSigning,
        reportRecipients: settings.reportRecipients,
      });
      // Emails link to the website's origin, which forwards the API's paths:
      // the links stay the same when the API moves behind a custom domain.
      if (capabilities.includes('sendMail')) fn.bindPublicBaseUrl(this.website.url);
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

    new CfnOutput(this, 'WebsiteUrl', { value: this.website.url });
    new CfnOutput(this, 'DeskUrl', { value: `${this.website.url}/desk/` });
    new CfnOutput(this, 'PortalUrl', { value: `${this.website.url}/portal/` });
    new CfnOutput(this, 'WebConsoleClientId', { value: this.website.webClient.userPoolClientId });
    new CfnOutput(this, 'ApiUrl', { value: this.api.url });
    new CfnOutput(this, 'UserPoolId', { value: this.staff.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.staff.client.userPoolClientId });
    new CfnOutput(this, 'StateMachineArn', { value: this.workflow.stateMachine.stateMachineArn });
    new CfnOutput(this, 'EscalationTopicArn', { value: this.channel.escalationTopic.topicArn });
    new CfnOutput(this, 'OperationsTopicArn', { value: this.channel.operationsTopic.topicArn });
  }
}

/** What a `signLinks` function is granted: reading the secret, decrypting with its key. */
interface LinkSigningAccess {
  secret: ISecret;
  key: IKey;
}

interface CapabilityTargets {
  store: ComplaintStore;
  workflow: ComplaintWorkflow;
  channel: EscalationChannel;
  mail: { identity: EmailIdentity; from: string };
  linkSigning: LinkSigningAccess;
  reportRecipients: readonly string[];
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
      case 'signLinks':
        fn.bindLinkSigning(targets.linkSigning.secret, targets.linkSigning.key);
        break;
      case 'mailReviews':
        fn.bindReviewRecipients(targets.reportRecipients);
        break;
      default: {
        const unknown: never = capability;
        throw new Error(`Unknown capability ${String(unknown)} for ${fn.handlerModule}`);
      }
    }
  }
}

/**
 * The stateful stack's secret as its readers see it. Secret.grantRead on the
 * secret itself also grants kms:Decrypt in its key's policy, naming each
 * reading role there: the stateful stack would then depend on this one and
 * this one on it. Imported by ARN, the secret grants on the roles only, and
 * bindLinkSigning grants its key on the roles too (which the key's default
 * policy lets IAM allow).
 */
function linkSigningAccess(scope: Construct, secret: ISecret): LinkSigningAccess {
  if (!secret.encryptionKey) {
    throw new Error('The link-signing secret has no customer-managed key: readers would get no kms:Decrypt grant');
  }
  return {
    secret: Secret.fromSecretAttributes(scope, 'LinkSigningSecret', { secretCompleteArn: secret.secretArn }),
    key: secret.encryptionKey,
  };
}

const callerNames: Record<Exclude<Caller, 'schedule'>, string> = {
  api: 'API Gateway (Lambda proxy integration)',
  workflow: 'the state machine (lambda:invoke tasks with the default RequestResponse invocation type)',
};

/**
 * A dead-letter queue only ever receives events of asynchronous invocations.
 * Functions behind the API and the workflow are only invoked synchronously,
 * so a failure goes back to a caller that handles it; only the scheduled
 * function has asynchronous failures to keep (ScheduledTask).
 */
function acknowledgeSynchronousOnly(fn: ComplaintFunction, callers: ReadonlySet<Caller>): void {
  const invokers = [...callers]
    .filter((caller): caller is Exclude<Caller, 'schedule'> => caller !== 'schedule')
    .map((caller) => callerNames[caller])
    .join(' and ');
  Validations.of(fn.function).acknowledge({
    id: 'Serverless-LambdaDLQ',
    reason: `Invoked only synchronously, by ${invokers}: Lambda sends only asynchronous events to a dead-letter queue, so one would stay empty. A failure returns to its caller: the API client gets an error response; the workflow retries the task, and its catch-all records the failure on the case and alerts operations.`,
  });
}
