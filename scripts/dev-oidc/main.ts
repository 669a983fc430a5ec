import { devOidcSettings } from './settings';
import { startDevOidcProvider } from './provider';

/** Entry of the development OpenID Connect provider's process (npm start runs it beside the stack). */
startDevOidcProvider(devOidcSettings())
  .then(({ url }) => console.log(`development OpenID provider at ${url}`))
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
