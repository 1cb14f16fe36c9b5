import { env } from '#declarations/capabilities.ts';

export type EnvName = (typeof env)[keyof typeof env];

/** Fails fast, naming the missing setting, instead of failing later on an undefined table name. */
export function requireEnv(name: EnvName): string {
  const value = process.env[name];
  if (!value) throw new Error(`Configuration error: environment variable ${name} is not set`);
  return value;
}

export function deskTimeZone(): string {
  return process.env[env.deskTimeZone] || 'Asia/Shanghai';
}

export { env };
