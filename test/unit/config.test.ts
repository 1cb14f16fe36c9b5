import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigurationError, deskTimeZone, env, optionalEnv, requireEnv } from '#adapters/config.ts';

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

describe('Module: adapters/config', () => {
  describe('Function: deskTimeZone', () => {
    it('answers the zone the deployment set', () => {
      vi.stubEnv(env.deskTimeZone, 'America/New_York');

      expect(deskTimeZone()).toBe('America/New_York');
    });

    it('has no default: without DESK_TIME_ZONE it fails naming the variable, never guessing Asia/Shanghai', () => {
      vi.stubEnv(env.deskTimeZone, undefined);

      expect(() => deskTimeZone()).toThrow(ConfigurationError);
      expect(() => deskTimeZone()).toThrow('Configuration error: environment variable DESK_TIME_ZONE is not set');
    });

    it('rejects a zone that is not IANA, quoting it', () => {
      vi.stubEnv(env.deskTimeZone, 'Asia/Shangai');

      expect(() => deskTimeZone()).toThrow(
        'Configuration error: environment variable DESK_TIME_ZONE is not an IANA time zone such as Asia/Shanghai: "Asia/Shangai"',
      );
    });
  });

  describe('Function: requireEnv', () => {
    it.each([
      { name: env.tableName, value: '', problem: 'is not set' },
      { name: env.workflowArn, value: 'complaint', problem: 'is not an ARN such as arn:aws:states:' },
      { name: env.escalationTopicArn, value: 'arn:aws:sqs:eu-west-1:123456789012:q', problem: 'is not an ARN such as arn:aws:sns:' },
      { name: env.mailFrom, value: 'complaints at example.com', problem: 'is not an email address' },
      { name: env.publicBaseUrl, value: 'ftp://api.example.com', problem: 'is not an http(s) URL' },
      { name: env.linkSigningSecretArn, value: 'link-signing', problem: 'is not an ARN such as arn:aws:secretsmanager:' },
    ])('fails on $name = "$value", saying it $problem', ({ name, value, problem }) => {
      vi.stubEnv(name, value);

      expect(() => requireEnv(name)).toThrow(`Configuration error: environment variable ${name} ${problem}`);
    });

    it('answers a valid value, on AWS and locally alike', () => {
      vi.stubEnv(env.workflowArn, 'arn:aws:states:us-east-1:000000000000:stateMachine:closeloop-complaint');
      vi.stubEnv(env.publicBaseUrl, 'http://127.0.0.1:3000');

      expect(requireEnv(env.workflowArn)).toBe('arn:aws:states:us-east-1:000000000000:stateMachine:closeloop-complaint');
      expect(requireEnv(env.publicBaseUrl)).toBe('http://127.0.0.1:3000');
    });
  });

  describe('Function: optionalEnv', () => {
    it('answers undefined for a setting a function may run without, and validates one that is set', () => {
      vi.stubEnv(env.slaPolicy, undefined);
      vi.stubEnv(env.linkSigningKeyFile, ' ');

      expect(optionalEnv(env.slaPolicy)).toBeUndefined();
      expect(() => optionalEnv(env.linkSigningKeyFile)).toThrow('environment variable LINK_SIGNING_KEY_FILE is empty');
    });
  });

  describe('Cold start', () => {
    it('stops a function whose environment holds a wrong value before its first request, naming the variable', async () => {
      vi.stubEnv(env.operationsTopicArn, 'operations');
      vi.resetModules();

      await expect(import('#adapters/config.ts')).rejects.toThrow(
        'Configuration error: environment variable OPERATIONS_TOPIC_ARN is not an ARN such as arn:aws:sns:eu-west-1:123456789012:operations: "operations"',
      );
    });

    it('loads with every setting the tests give a deployed function', async () => {
      vi.resetModules();

      await expect(import('#adapters/config.ts')).resolves.toHaveProperty('requireEnv');
    });
  });
});
