import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { noticeLeaseMs } from '#domain/lifecycle/notices.ts';
import { issueStaffToken } from '#local/staff-tokens.ts';
import { aFilingBody } from '../support/builders.ts';
import { FaultInjector } from '../support/faults.ts';
import { LocalStack } from '../support/local-stack.ts';

interface Filed {
  id: string;
  caseNumber: string;
  accessToken: string;
}

describe('Signed links, revocable tokens, teams and the emails a customer is owed', () => {
  let stack: LocalStack;
  let ann: string;
  let tom: string;
  let customers = 0;
  const faults = new FaultInjector({ seed: 7 }).install();

  const file = async (locale: 'zh-CN' | 'en' = 'en'): Promise<Filed & { email: string }> => {
    customers++;
    const email = `links-${customers}@example.com`;
    const answer = await stack.request<Filed>('POST', '/complaints', {
      body: aFilingBody({ customer: { id: `links-${customers}`, name: 'Ann Lee', email, locale } }),
    });
    expect(answer.status).toBe(201);
    return { ...answer.body, email };
  };

  const resolve = async (c: Filed, token = ann) => {
    const answer = await stack.request('POST', `/staff/complaints/${c.id}/resolution`, {
      token,
      body: { rootCause: 'carrier delay', resolution: 'a 50 CNY voucher' },
    });
    expect(answer.status).toBe(200);
  };

  const mailTo = async (email: string, subjectPart: string) => (await stack.emailsTo(email)).filter((m) => m.subject.includes(subjectPart));

  const confirmationLink = async (email: string) => {
    const [mail] = await mailTo(email, 'Please confirm the resolution');
    const match = /https?:\/\/[^\s]+\/complaints\/([0-9A-Z]{26})\/confirmation\?token=([\w-]+\.[\w-]+)/.exec(mail?.text ?? '');
    if (!match) throw new Error(`no confirmation link mailed to ${email}`);
    return { id: match[1]!, token: match[2]! };
  };

  beforeAll(async () => {
    stack = await LocalStack.start('2025-11-24T02:00:00.000Z', { workflowIn: 'process' });
    ann = await issueStaffToken('agent', 'ann', 12 * 3600, 'north');
    tom = await issueStaffToken('agent', 'tom', 12 * 3600, 'north');
  });
  afterAll(async () => stack.stop());
  afterEach(() => faults.clear());

  it('emails the agent response and the resolution; the signed link in it confirms the case', async () => {
    const c = await file();
    expect(
      (
        await stack.request('POST', `/staff/complaints/${c.id}/responses`, {
          token: ann,
          body: { message: 'We are checking with the carrier.' },
        })
      ).status,
    ).toBe(201);
    const [response] = await mailTo(c.email, 'Our answer');
    expect(response!.text).toContain('We are checking with the carrier.');

    await resolve(c);
    const link = await confirmationLink(c.email);
    expect(link.id).toBe(c.id);
    const [resolution] = await mailTo(c.email, 'Please confirm the resolution');
    expect(resolution!.text).toContain('Resolution: a 50 CNY voucher');

    // Opened in a browser, the link shows the resolution and posts the answer back to itself.
    const page = await stack.request<{ text: string }>('GET', `/complaints/${c.id}/confirmation?token=${link.token}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toMatch(
      /^default-src 'none'; script-src 'sha256-[\w+/=]+'; style-src 'sha256-[\w+/=]+'; connect-src 'self'/,
    );
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.body.text).toContain('<strong>Resolution: </strong>a 50 CNY voucher');
    expect(page.body.text).toContain('value="reject"');

    const confirmed = await stack.request('POST', `/complaints/${c.id}/confirmation?token=${link.token}`, { body: { decision: 'accept' } });
    const answered = await stack.request<{ text: string }>('GET', `/complaints/${c.id}/confirmation?token=${link.token}`, {
      headers: { accept: 'text/html' },
    });
    expect(answered.status).toBe(409);
    expect(answered.body.text).toContain('This resolution has been answered already');
    expect(confirmed.status).toBe(200);
    expect((await stack.staffCase(c.id)).phase).toBe('CLOSED');
    const emailed = (await stack.staffCase(c.id)).timeline.filter((e) => e.type === 'customer_emailed').map((e) => e.details.notice);
    expect(emailed).toEqual(['response', 'resolution']);
  });

  it("the response email's case link opens the status page in a browser; its reply form posts with the same link", async () => {
    const c = await file();
    expect(
      (
        await stack.request('POST', `/staff/complaints/${c.id}/responses`, {
          token: ann,
          body: { message: 'Which <b>carrier</b> was it?' },
        })
      ).status,
    ).toBe(201);
    const [response] = await mailTo(c.email, 'Our answer');
    const match = /Your case: (https?:\/\/[^\s]+\/complaints\/([0-9A-Z]{26})\/status\?token=([\w-]+\.[\w-]+))/.exec(response!.text ?? '');
    expect(match?.[2]).toBe(c.id);
    const caseLink = match![3]!;

    const page = await stack.request<{ text: string }>('GET', `/complaints/${c.id}/status?token=${caseLink}`, {
      headers: { accept: 'text/html' },
    });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toMatch(
      /^default-src 'none'; script-src 'sha256-[\w+/=]+'; style-src 'sha256-[\w+/=]+'; connect-src 'self'/,
    );
    expect(page.body.text).toContain(`Your complaint, case ${c.caseNumber}`);
    expect(page.body.text).toContain('<strong>Our answer</strong><p>Which &lt;b&gt;carrier&lt;/b&gt; was it?</p>');
    expect(page.body.text).not.toContain('ann');

    // The page's script posts to replies with the page's own query string: the link is the credential.
    const reply = await stack.request<{ phase: string }>('POST', `/complaints/${c.id}/replies?token=${caseLink}`, {
      body: { message: 'SF Express' },
    });
    expect(reply.status).toBe(201);
    expect((await stack.staffCase(c.id)).timeline.filter((e) => e.type === 'replied').map((e) => e.details.message)).toEqual([
      'SF Express',
    ]);

    // A case link is no confirmation link, and it names its own case only.
    expect(
      (await stack.request('POST', `/complaints/${c.id}/confirmation?token=${caseLink}`, { body: { decision: 'accept' } })).status,
    ).toBe(404);
    const other = await file();
    expect((await stack.request('GET', `/complaints/${other.id}/status?token=${caseLink}`)).status).toBe(404);

    // Revoking the access token ends the link the old emails carry.
    expect((await stack.request('POST', `/complaints/${c.id}/access-token`, { token: c.accessToken })).status).toBe(201);
    const revoked = await stack.request<{ text: string }>('GET', `/complaints/${c.id}/status?token=${caseLink}`, {
      headers: { accept: 'text/html' },
    });
    expect(revoked.status).toBe(410);
    expect(revoked.body.text).toContain('this link was revoked when the case access token was replaced');
  });

  it('refuses a forged, a misdirected, a wrong-purpose and an expired link', async () => {
    const c = await file();
    const other = await file();
    await resolve(c);
    const { token } = await confirmationLink(c.email);
    const [payload, signature] = token.split('.') as [string, string];
    const flipped = `${payload}.${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
    const confirm = (id: string, t: string) =>
      stack.request('POST', `/complaints/${id}/confirmation?token=${t}`, { body: { decision: 'accept' } });

    const forged = await confirm(c.id, flipped);
    expect(forged.status).toBe(404);
    expect(forged.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect((await confirm(other.id, token)).status).toBe(404);
    // A confirmation link is no survey link, though both are signed with the same key.
    expect((await stack.request('POST', `/surveys/${token}`, { body: { csat: 5, nps: 10 } })).status).toBe(404);

    // Past the confirmation deadline (3 working days) the link has expired: 410, and the case closes by itself.
    await stack.advanceBy(24 * 7);
    const expired = await confirm(c.id, token);
    expect(expired.status).toBe(410);
    const expiredPage = await stack.request<{ text: string }>('GET', `/complaints/${c.id}/confirmation?token=${token}`, {
      headers: { accept: 'text/html,application/xhtml+xml' },
    });
    expect(expiredPage.status).toBe(410);
    expect(expiredPage.body.text).toContain('this link has expired');
    expect(expired.body).toMatchObject({ status: 410, detail: 'this link has expired' });
    expect((await stack.staffCase(c.id)).phase).toBe('CLOSED');
  });

  it("the customer's rotation ends the old token and the links signed for it", async () => {
    const c = await file();
    await resolve(c);
    const link = await confirmationLink(c.email);
    const rotated = await stack.request<{ accessToken: string; accessRevision: number }>('POST', `/complaints/${c.id}/access-token`, {
      token: c.accessToken,
    });
    expect(rotated.status).toBe(201);
    expect(rotated.body.accessRevision).toBe(1);
    expect(rotated.body.accessToken).not.toBe(c.accessToken);

    expect((await stack.request('GET', `/complaints/${c.id}`, { token: c.accessToken })).status).toBe(404);
    expect((await stack.request('GET', `/complaints/${c.id}`, { token: rotated.body.accessToken })).status).toBe(200);
    const revokedLink = await stack.request('POST', `/complaints/${c.id}/confirmation?token=${link.token}`, {
      body: { decision: 'accept' },
    });
    expect(revokedLink.status).toBe(410);
    expect(revokedLink.body.detail).toBe('this link was revoked when the case access token was replaced');
    // The replay of the first rotation's token is refused too: no second rotation from a dead token.
    expect((await stack.request('POST', `/complaints/${c.id}/access-token`, { token: c.accessToken })).status).toBe(404);
  });

  it("a supervisor's revocation emails a new token to the address on file and nowhere else", async () => {
    const c = await file('zh-CN');
    const answer = await stack.request('POST', `/staff/complaints/${c.id}/access-revocation`, {
      token: stack.supervisorToken,
      body: { reason: 'token posted on a forum' },
    });
    expect(answer.status).toBe(202);
    expect(JSON.stringify(answer.body)).not.toMatch(/[\w-]{43}/);
    expect((await stack.request('GET', `/complaints/${c.id}`, { token: c.accessToken })).status).toBe(404);

    const [mail] = await mailTo(c.email, '访问令牌已更换');
    const newToken = /新的访问令牌：([\w-]{43})/.exec(mail!.text ?? '')?.[1];
    expect(newToken).toBeDefined();
    const customerView = await stack.request<{ timeline: { type: string }[] }>('GET', `/complaints/${c.id}`, { token: newToken! });
    expect(customerView.status).toBe(200);
    expect(customerView.body.timeline.map((e) => e.type)).toContain('access_revoked');
  });

  it("a teammate acts on the owner's case, and the team queue lists it", async () => {
    const c = await file();
    expect((await stack.request('POST', `/staff/complaints/${c.id}/claim`, { token: ann })).status).toBe(200);
    expect(
      (await stack.request('POST', `/staff/complaints/${c.id}/responses`, { token: tom, body: { message: 'Covering for Ann.' } })).status,
    ).toBe(201);
    const queue = await stack.request<{ scope: string; items: { id: string; owner: string }[] }>('GET', '/staff/queue?scope=team', {
      token: tom,
    });
    expect(queue.status).toBe(200);
    expect(queue.body.items.map((i) => i.id)).toContain(c.id);
    expect(queue.body.items.find((i) => i.id === c.id)?.owner).toBe('ann');
    const south = await issueStaffToken('agent', 'oz', 3600, 'south');
    expect((await stack.request('GET', '/staff/queue?scope=team&team=north', { token: south })).status).toBe(403);
    const supervisorView = await stack.request<{ items: { id: string }[] }>('GET', '/staff/queue?scope=team&team=north', {
      token: stack.supervisorToken,
    });
    expect(supervisorView.body.items.map((i) => i.id)).toContain(c.id);
  });

  it('an email SES refuses is sent once by the workflow after the lease; one that keeps failing is given up and operations told', async () => {
    const c = await file();
    const confirmationEmails = (input: Record<string, unknown>) => JSON.stringify(input.Content).includes('Please confirm');
    // Every SDK attempt of the first send fails: the API cannot send it.
    faults.inject({ command: 'SendEmail', fault: 'ServiceUnavailable', when: confirmationEmails, calls: [1, 2, 3] });

    await resolve(c);
    expect(await mailTo(c.email, 'Please confirm')).toHaveLength(0);
    const pending = (await stack.staffCase(c.id)).notices as { id: string; sentAt?: string }[];
    expect(pending.find((n) => n.id === 'resolution-0')?.sentAt).toBeUndefined();

    await stack.advanceBy(noticeLeaseMs / 3_600_000 + 0.01);
    expect(await mailTo(c.email, 'Please confirm')).toHaveLength(1);
    await stack.advanceBy(2);
    expect(await mailTo(c.email, 'Please confirm')).toHaveLength(1);

    // Now an address whose every send fails: six attempts, then operations hear of it, once.
    const hopeless = await file();
    faults.clear();
    faults.inject({
      command: 'SendEmail',
      fault: 'ServiceUnavailable',
      when: (input) => confirmationEmails(input) && JSON.stringify(input.Destination).includes(hopeless.email),
      calls: { share: 1 },
    });
    await resolve(hopeless);
    for (let i = 0; i < 8; i++) await stack.advanceBy(noticeLeaseMs / 3_600_000 + 0.01);
    expect(await mailTo(hopeless.email, 'Please confirm')).toHaveLength(0);
    const failed = (await stack.operationsAlerts()).filter(
      (m) => m.attributes.kind === 'customer_email_failed' && m.message.includes(hopeless.caseNumber),
    );
    expect(failed).toHaveLength(1);
    const timeline = (await stack.staffCase(hopeless.id)).timeline;
    expect(timeline.filter((e) => e.type === 'customer_email_failed')).toEqual([
      expect.objectContaining({ details: { notice: 'resolution', attempts: 6, error: 'ServiceUnavailable' } }),
    ]);
  });
});
