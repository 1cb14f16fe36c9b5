/**
 * An SQS "inbox" subscribed to an SNS topic on fauxqs: what the local runtime
 * prints when an escalation is published. Real SDK clients, fake credentials.
 *
 * The subscription uses the SNS envelope (RawMessageDelivery false); the
 * envelope's MessageAttributes ({ Type, Value }) become `attributes`. Raw
 * deliveries (SQS MessageAttributes) are understood too.
 */
import {
  CreateTopicCommand,
  SNSClient,
  SubscribeCommand,
} from '@aws-sdk/client-sns';
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SQSClient,
  type Message,
} from '@aws-sdk/client-sqs';

export interface InboxMessage {
  /** The SNS MessageId (the SQS one when the body is not an SNS envelope). */
  messageId: string;
  subject?: string;
  message: string;
  /** SNS MessageAttributes, every type as its string value (Binary as base64). */
  attributes: Record<string, string>;
  /** When SNS accepted the message (envelope Timestamp), else when SQS did. */
  at: Date;
  topicArn?: string;
}

export interface InboxWatch {
  /** No poll starts after this; resolves once a poll in flight has delivered its messages. */
  stop(): Promise<void>;
}

export interface TopicInbox {
  topicArn: string;
  queueUrl: string;
  queueArn: string;
  /** Drains every message available now (receives, then deletes them), oldest first as SQS gives them. */
  receive(): Promise<InboxMessage[]>;
  /**
   * Polls every `intervalMs` and calls `onMessage` for each message, in order.
   * Timers are unref'd (they never keep the process alive) and are real-time
   * timers captured when this module loaded, so a faked global clock does not
   * stop them. Errors (a failed poll, a throwing callback) go to `onError`
   * (default: one line on stderr); polling goes on. Close the inbox (or stop
   * the watch) before stopping the engines, or the next poll reports ECONNREFUSED.
   */
  watch(
    onMessage: (message: InboxMessage) => void | Promise<void>,
    intervalMs?: number,
    onError?: (err: unknown) => void,
  ): InboxWatch;
  /** Stops every watch and releases the SDK clients. */
  close(): void;
}

export interface BindTopicInboxOptions {
  snsEndpoint: string;
  sqsEndpoint: string;
  topicName: string;
  /** Default eu-west-1. */
  region?: string;
  /** Default `${topicName}-inbox`. */
  queueName?: string;
  /** SNS subscription FilterPolicy on MessageAttributes, e.g. { level: ['critical'] }. */
  filterPolicy?: Record<string, unknown>;
}

const realSetTimeout = globalThis.setTimeout.bind(globalThis);
const realClearTimeout = globalThis.clearTimeout.bind(globalThis);

const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

export async function bindTopicInbox(opts: BindTopicInboxOptions): Promise<TopicInbox> {
  const region = opts.region ?? 'eu-west-1';
  const sns = new SNSClient({ endpoint: opts.snsEndpoint, region, credentials: LOCAL_CREDENTIALS });
  const sqs = new SQSClient({ endpoint: opts.sqsEndpoint, region, credentials: LOCAL_CREDENTIALS });
  const queueName = opts.queueName ?? `${opts.topicName.replace(/\.fifo$/, '')}-inbox`;

  let topicArn: string;
  let queueUrl: string;
  let queueArn: string;
  try {
    // CreateTopic, CreateQueue and Subscribe are all idempotent.
    const topic = await sns.send(new CreateTopicCommand({ Name: opts.topicName }));
    const queue = await sqs.send(new CreateQueueCommand({ QueueName: queueName }));
    if (!topic.TopicArn || !queue.QueueUrl) throw new Error('CreateTopic/CreateQueue returned no ARN/URL');
    topicArn = topic.TopicArn;
    queueUrl = queue.QueueUrl;
    const attrs = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }));
    const arn = attrs.Attributes?.QueueArn;
    if (!arn) throw new Error(`no QueueArn for ${queueUrl}`);
    queueArn = arn;
    await sns.send(
      new SubscribeCommand({
        TopicArn: topicArn,
        Protocol: 'sqs',
        Endpoint: queueArn,
        ...(opts.filterPolicy ? { Attributes: { FilterPolicy: JSON.stringify(opts.filterPolicy) } } : {}),
      }),
    );
  } catch (err) {
    sns.destroy();
    sqs.destroy();
    throw err;
  }

  // One drain at a time: a watch and a direct receive() never interleave.
  let chain: Promise<unknown> = Promise.resolve();
  const receive = (): Promise<InboxMessage[]> => {
    const run = chain.then(() => drain(sqs, queueUrl));
    chain = run.catch(() => undefined);
    return run;
  };

  const watches = new Set<InboxWatch>();
  let closed = false;

  const watch: TopicInbox['watch'] = (onMessage, intervalMs = 1000, onError = defaultOnError) => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let inFlight: Promise<void> = Promise.resolve();

    const poll = async (): Promise<void> => {
      let batch: InboxMessage[];
      try {
        batch = await receive();
      } catch (err) {
        if (!stopped && !closed) onError(err);
        return;
      }
      // Already deleted from the queue: every one is handed over, even if one callback throws.
      for (const m of batch) {
        try {
          await onMessage(m);
        } catch (err) {
          onError(err);
        }
      }
    };
    const schedule = (): void => {
      if (stopped || closed) return;
      timer = realSetTimeout(() => {
        timer = undefined;
        inFlight = poll().then(schedule);
      }, intervalMs);
      timer.unref();
    };

    const handle: InboxWatch = {
      stop() {
        stopped = true;
        watches.delete(handle);
        if (timer !== undefined) realClearTimeout(timer);
        timer = undefined;
        return inFlight;
      },
    };
    watches.add(handle);
    schedule();
    return handle;
  };

  return {
    topicArn,
    queueUrl,
    queueArn,
    receive,
    watch,
    close() {
      if (closed) return;
      closed = true;
      for (const w of [...watches]) void w.stop();
      sns.destroy();
      sqs.destroy();
    },
  };
}

async function drain(sqs: SQSClient, queueUrl: string): Promise<InboxMessage[]> {
  const out: InboxMessage[] = [];
  for (;;) {
    const res = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 0,
        MessageAttributeNames: ['All'],
        MessageSystemAttributeNames: ['SentTimestamp'],
      }),
    );
    const batch = res.Messages ?? [];
    if (batch.length === 0) return out;
    out.push(...batch.map(toInboxMessage));
    const entries = batch.flatMap((m, i) => (m.ReceiptHandle ? [{ Id: String(i), ReceiptHandle: m.ReceiptHandle }] : []));
    if (entries.length > 0) await sqs.send(new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries }));
  }
}

interface SnsEnvelope {
  Type?: string;
  MessageId?: string;
  TopicArn?: string;
  Subject?: string | null;
  Message?: string;
  Timestamp?: string;
  MessageAttributes?: Record<string, { Type?: string; Value?: string }>;
}

function toInboxMessage(m: Message): InboxMessage {
  const body = m.Body ?? '';
  const sentAt = new Date(Number(m.Attributes?.SentTimestamp ?? Date.now()));
  const envelope = parseEnvelope(body);
  if (envelope) {
    const attributes: Record<string, string> = {};
    for (const [k, v] of Object.entries(envelope.MessageAttributes ?? {})) {
      if (typeof v?.Value === 'string') attributes[k] = v.Value;
    }
    const at = envelope.Timestamp ? new Date(envelope.Timestamp) : sentAt;
    const msg: InboxMessage = {
      messageId: envelope.MessageId ?? m.MessageId ?? '',
      message: envelope.Message ?? '',
      attributes,
      at: Number.isNaN(at.getTime()) ? sentAt : at,
    };
    if (typeof envelope.Subject === 'string') msg.subject = envelope.Subject;
    if (envelope.TopicArn) msg.topicArn = envelope.TopicArn;
    return msg;
  }
  // Raw delivery: the attributes ride as SQS message attributes.
  const attributes: Record<string, string> = {};
  for (const [k, v] of Object.entries(m.MessageAttributes ?? {})) {
    if (v.StringValue !== undefined) attributes[k] = v.StringValue;
    else if (v.BinaryValue !== undefined) attributes[k] = Buffer.from(v.BinaryValue).toString('base64');
  }
  return { messageId: m.MessageId ?? '', message: body, attributes, at: sentAt };
}

function parseEnvelope(body: string): SnsEnvelope | undefined {
  if (!body.startsWith('{')) return undefined;
  try {
    const parsed = JSON.parse(body) as unknown;
    if (parsed && typeof parsed === 'object' && (parsed as SnsEnvelope).Type === 'Notification') {
      return parsed;
    }
  } catch {
    // not JSON: a raw message
  }
  return undefined;
}

function defaultOnError(err: unknown): void {
  process.stderr.write(`escalation inbox: ${err instanceof Error ? err.message : String(err)}\n`);
}
