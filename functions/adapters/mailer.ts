import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { EmailContent } from '#domain/messages.ts';
import { env, requireEnv } from './config.ts';
import { sdkClient } from './sdk-clients.ts';

const ses = sdkClient(new SESv2Client({}));

export async function sendEmail(to: string, content: EmailContent): Promise<{ messageId: string | undefined }> {
  const result = await ses.send(
    new SendEmailCommand({
      FromEmailAddress: requireEnv(env.mailFrom),
      Destination: { ToAddresses: [to] },
      Content: {
        Simple: {
          Subject: { Data: content.subject, Charset: 'UTF-8' },
          Body: {
            Text: { Data: content.text, Charset: 'UTF-8' },
            Html: { Data: content.html, Charset: 'UTF-8' },
          },
        },
      },
    }),
  );
  return { messageId: result.MessageId };
}
