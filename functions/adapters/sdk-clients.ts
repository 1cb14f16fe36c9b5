/** What an extension may touch on an SDK client; every v3 client has both. */
export interface SdkClient {
  middlewareStack: object;
  config: object;
}

export type SdkClientExtension = (client: SdkClient) => void;

const clients: SdkClient[] = [];
const extensions: SdkClientExtension[] = [];

/**
 * Every adapter makes its SDK client through here, once, at module scope. On
 * AWS nothing is added. The local runtime adds middleware before or after the
 * handlers load (its fault injection in tests), so the same adapter code runs
 * against failing engines without knowing it.
 */
export function sdkClient<C extends SdkClient>(client: C): C {
  for (const extend of extensions) extend(client);
  clients.push(client);
  return client;
}

/** Applies to every client made so far and every one made later. */
export function extendSdkClients(extend: SdkClientExtension): void {
  extensions.push(extend);
  for (const client of clients) extend(client);
}
