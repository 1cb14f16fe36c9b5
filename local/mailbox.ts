/**
 * Reads the emails held by aws-ses-v2-local (`GET /store`), as sent through
 * either SES API (v1 SendEmail/SendRawEmail, v2 SendEmail/SendBulkEmail).
 *
 * The raw shape of `GET /store` (aws-ses-v2-local 2.10.2):
 *   { templates: { [name]: { TemplateName, TemplateContent, CreatedTimestamp } },
 *     emails: [{ messageId, from, replyTo: string[],
 *                destination: { to: string[], cc: string[], bcc: string[] },
 *                subject, body: { text?, html? },
 *                attachments: [{ content (base64), contentType, filename?, size }],
 *                headers?: [{ name, value }],
 *                at: number (epoch seconds) }] }
 * Strings are stored as sent (JSON, UTF-8), so non-ASCII text round-trips.
 * The store lives in the aws-ses-v2-local module, i.e. one per process.
 */

export interface SentEmail {
  messageId: string;
  to: string[];
  cc: string[];
  bcc: string[];
  from: string;
  replyTo: string[];
  subject: string;
  text?: string;
  html?: string;
  at: Date;
}

interface StoredEmail {
  messageId?: string;
  from?: string;
  replyTo?: string[];
  destination?: { to?: string[]; cc?: string[]; bcc?: string[] };
  subject?: string;
  body?: { text?: string; html?: string };
  at?: number;
}

/**
 * Every email sent so far, oldest first. `since` keeps those sent at or after
 * that time (the store's resolution is one second).
 */
export async function listSentEmails(sesEndpoint: string, since?: Date): Promise<SentEmail[]> {
  const url = new URL('/store', sesEndpoint);
  if (since !== undefined) url.searchParams.set('since', String(Math.floor(since.getTime() / 1000)));
  const res = await fetch(url);
  if (!res.ok) throw new Error(`GET ${url.href}: ${res.status} ${await res.text()}`);
  const store = (await res.json()) as { emails?: StoredEmail[] };
  return (store.emails ?? []).map(normalise);
}

/** Empties the store (emails and templates). */
export async function clearSentEmails(sesEndpoint: string): Promise<void> {
  const res = await fetch(new URL('/clear-store', sesEndpoint), { method: 'POST' });
  if (!res.ok) throw new Error(`POST /clear-store: ${res.status} ${await res.text()}`);
  await res.arrayBuffer();
}

function normalise(e: StoredEmail): SentEmail {
  const mail: SentEmail = {
    messageId: e.messageId ?? '',
    to: e.destination?.to ?? [],
    cc: e.destination?.cc ?? [],
    bcc: e.destination?.bcc ?? [],
    from: e.from ?? '',
    replyTo: e.replyTo ?? [],
    subject: e.subject ?? '',
    at: new Date((e.at ?? 0) * 1000),
  };
  if (typeof e.body?.text === 'string') mail.text = e.body.text;
  if (typeof e.body?.html === 'string') mail.html = e.body.html;
  return mail;
}
