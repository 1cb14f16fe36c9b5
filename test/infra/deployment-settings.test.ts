import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { parseSlaPolicy } from '../../functions/domain/sla-policy.ts';
import { defaultSettings, readDeploymentSettings, slaPolicyMaxBytes } from '../../lib/deployment-settings.ts';
import { projectFile } from '../../lib/project-paths.ts';

const settingsFrom = (context: Record<string, unknown>) => readDeploymentSettings(new App({ context }).node);

describe('Function: readDeploymentSettings', () => {
  it('needs no context: stage dev, desk in Asia/Shanghai, mail from complaints@example.com, no subscribers, no SLA policy', () => {
    const settings = settingsFrom({});
    expect(settings).toEqual({
      ...defaultSettings,
      escalationSubscribers: [],
      operationsEmails: [],
      reportRecipients: [],
    });
    expect(settings).not.toHaveProperty('slaPolicy');
    expect(settingsFrom({ slaPolicy: '' })).not.toHaveProperty('slaPolicy');
  });

  it('reads escalation subscribers as "level:address" (that level only) or "address" (every level)', () => {
    expect(
      settingsFrom({
        escalationEmails:
          '0:queue@example.com,1:lead@example.com, 2:manager@example.com,3:director@example.com,duty@example.com',
      }).escalationSubscribers,
    ).toEqual([
      { email: 'queue@example.com', level: 0 },
      { email: 'lead@example.com', level: 1 },
      { email: 'manager@example.com', level: 2 },
      { email: 'director@example.com', level: 3 },
      { email: 'duty@example.com' },
    ]);
  });

  it('reads the monthly review recipients as a list, each address once', () => {
    expect(settingsFrom({ reportRecipients: 'Ops@Example.com, director@example.com,ops@example.com' }).reportRecipients).toEqual([
      'ops@example.com',
      'director@example.com',
    ]);
    expect(settingsFrom({ reportRecipients: ['lead@example.com'] }).reportRecipients).toEqual(['lead@example.com']);
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
    { context: { escalationEmails: '4:nobody@example.com' }, names: 'context "escalationEmails.0"' },
    { context: { operationsEmails: 'ops' }, names: 'context "operationsEmails.0"' },
    { context: { reportRecipients: 'ops@example.com,director' }, names: 'context "reportRecipients.1"' },
    { context: { slaPolicy: 42 }, names: 'context "slaPolicy"' },
    { context: { apiRateLimit: 'fast' }, names: 'context "apiRateLimit"' },
    { context: { apiBurstLimit: '0' }, names: 'context "apiBurstLimit"' },
    { context: { publicRateLimit: '2.5' }, names: 'context "publicRateLimit"' },
    { context: { apiRateLimit: '20000' }, names: 'context "apiRateLimit"' },
    { context: { publicRateLimit: '60' }, names: 'context "publicRateLimit": must not exceed apiRateLimit' },
    { context: { apiBurstLimit: '15' }, names: 'context "publicBurstLimit": must not exceed apiBurstLimit' },
  ])('fails the synth naming the wrong setting ($names)', ({ context, names }) => {
    expect(() => settingsFrom(context)).toThrow(names);
  });
});

describe('Context: API throttling', () => {
  it('defaults to 50 rps (burst 100) for the stage and 10 rps (burst 20) for each anonymous route', () => {
    expect(settingsFrom({}).apiThrottle).toEqual({
      stage: { rateLimit: 50, burstLimit: 100 },
      publicRoutes: { rateLimit: 10, burstLimit: 20 },
    });
  });

  it('reads whole numbers from -c strings or cdk.json numbers', () => {
    expect(
      settingsFrom({ apiRateLimit: '200', apiBurstLimit: 400, publicRateLimit: '20', publicBurstLimit: 40 })
        .apiThrottle,
    ).toEqual({ stage: { rateLimit: 200, burstLimit: 400 }, publicRoutes: { rateLimit: 20, burstLimit: 40 } });
  });

  it('accepts anonymous-route limits equal to the stage limits', () => {
    expect(settingsFrom({ apiRateLimit: '10', apiBurstLimit: '20' }).apiThrottle.stage).toEqual({
      rateLimit: 10,
      burstLimit: 20,
    });
  });
});

describe('Context: slaPolicy', () => {
  const validFile = 'test/infra/fixtures/sla-policy.json';
  const invalidFile = 'test/infra/fixtures/sla-policy-invalid.json';
  const scratch = mkdtempSync(join(tmpdir(), 'closeloop-sla-policy-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('reads the file relative to the project root and keeps it as minified JSON, as the functions parse it', () => {
    const { slaPolicy } = settingsFrom({ slaPolicy: validFile });
    const text = readFileSync(projectFile(validFile), 'utf8');
    expect(slaPolicy).toBe(JSON.stringify(JSON.parse(text)));
    expect(slaPolicy).not.toMatch(/\n|": /);
    expect(parseSlaPolicy(slaPolicy)).toEqual(parseSlaPolicy(text));
    expect(parseSlaPolicy(slaPolicy).version).toBe('infra-test-2026');
  });

  it('accepts an absolute path', () => {
    expect(settingsFrom({ slaPolicy: projectFile(validFile) }).slaPolicy).toBe(
      settingsFrom({ slaPolicy: validFile }).slaPolicy,
    );
  });

  it('fails the synth naming the setting, the file and the wrong field', () => {
    expect(() => settingsFrom({ slaPolicy: invalidFile })).toThrow(
      /context "slaPolicy": .*sla-policy-invalid\.json is invalid/,
    );
    expect(() => settingsFrom({ slaPolicy: invalidFile })).toThrow('defaults.warningThreshold');
  });

  it('fails the synth on a missing file or one that is not JSON', () => {
    expect(() => settingsFrom({ slaPolicy: 'test/infra/fixtures/no-such-policy.json' })).toThrow(
      /context "slaPolicy": cannot read test\/infra\/fixtures\/no-such-policy\.json/,
    );
    const notJson = join(scratch, 'not-json.json');
    writeFileSync(notJson, '{ version: 1 ');
    expect(() => settingsFrom({ slaPolicy: notJson })).toThrow(
      /context "slaPolicy": .*not-json\.json is not valid JSON/,
    );
  });

  it(`fails the synth on a policy over ${slaPolicyMaxBytes} bytes minified (Lambda allows 4 KB of environment in all)`, () => {
    const policy = JSON.parse(readFileSync(projectFile(validFile), 'utf8')) as Record<string, unknown>;
    const tooLong = join(scratch, 'too-long.json');
    writeFileSync(
      tooLong,
      JSON.stringify({ ...policy, version: 'v'.repeat(64), superviseAtFiling: Array(800).fill('L3') }),
    );
    expect(() => settingsFrom({ slaPolicy: tooLong })).toThrow(
      /context "slaPolicy": .*too-long\.json is \d+ bytes minified/,
    );
  });
});
