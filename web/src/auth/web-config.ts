/** `/config.json`, written beside the app at deploy (CDK) or answered by the local front. */
export type WebConfig = {
  auth:
    | { kind: 'local' }
    | { kind: 'cognito'; authority: string; clientId: string; domain: string; redirectPath: string; logoutPath: string };
};

export async function loadWebConfig(): Promise<WebConfig> {
  const response = await fetch('/config.json', { headers: { accept: 'application/json' }, cache: 'no-store' });
  if (!response.ok) throw new Error(`config.json: HTTP ${response.status}`);
  return (await response.json()) as WebConfig;
}
