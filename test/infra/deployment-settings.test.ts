import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { defaultSettings, readDeploymentSettings } from '../../lib/deployment-settings.ts';

const settingsFrom = (context: Record<string, unknown>) => readDeploymentSettings(new App({ context }).node);

describe('Function: readDeploymentSettings', () => {
  it('needs no context: stage dev, desk in Asia/Shanghai, mail from complaints@example.com, no subscribers', () => {
    expect(settingsFrom({})).toEqual({
      ...defaultSettings,
      escalationSubscribers: [],
      operationsEmails: [],
    });
  });

  it('reads escalation subscribers as "level:address" (that level only) or "address" (every level)', () => {
    expect(
      settingsFrom({
        escalationEmails: '1:lead@example.com, 2:manager@example.com,3:director@example.com,duty@example.com',
      }).escalationSubscribers,
    ).toEqual([
      { email: 'lead@example.com', level: 1 },
      { email: 'manager@example.com', level: 2 },
      { email: 'director@example.com', level: 3 },
      { email: 'duty@example.com' },
    ]);
  });

  it('accepts lists from cdk.json as JSON arrays too', () => {
    const settings = settingsFrom({ escalationEmails: ['1:lead@example.com'], operationsEmails: ['ops@example.com'] });
    expect(settings.escalationSubscribers).toEqual([{ email: 'lead@example.com', level: 1 }]);
    expect(settings.operationsEmails).toEqual(['ops@example.com']);
  });

  it.each([
    { context: { deskTimeZone: 'Asia/Shangai' }, names: 'context "deskTimeZone"' },
    { context: { mailFrom: 'complaints' }, names: 'context "mailFrom"' },
    { context: { stage: 'Prod!' }, names: 'context "stage"' },
    { context: { escalationEmails: '1:lead@example.com,x:nobody' }, names: 'context "escalationEmails.1"' },
    { context: { operationsEmails: 'ops' }, names: 'context "operationsEmails.0"' },
  ])('fails the synth naming the wrong setting ($names)', ({ context, names }) => {
    expect(() => settingsFrom(context)).toThrow(names);
  });
});
