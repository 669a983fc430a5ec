/** Where the gateway and the identity provider are: served by the web server at run time, so one build runs anywhere. */
export interface WebConfig {
  gatewayUrl: string;
  authority: string;
  clientId: string;
  scope: string;
}

export async function loadConfig(): Promise<WebConfig> {
  const response = await fetch('/config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`config.json: HTTP ${response.status}`);
  return (await response.json()) as WebConfig;
}
