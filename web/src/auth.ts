import { UserManager, WebStorageStateStore } from 'oidc-client-ts';
import type { WebConfig } from './config';

/** Authorization code with PKCE against the programme's OpenID provider; tokens live in this tab's session storage only. */
export function userManager(config: WebConfig): UserManager {
  const origin = window.location.origin;
  return new UserManager({
    authority: config.authority,
    client_id: config.clientId,
    redirect_uri: `${origin}/callback`,
    post_logout_redirect_uri: `${origin}/`,
    response_type: 'code',
    scope: config.scope,
    automaticSilentRenew: false,
    userStore: new WebStorageStateStore({ store: window.sessionStorage }),
  });
}
