import { parseJsonObject } from '../../protocol/json.js';
import type { HttpClient } from '../../transport/http.js';
import type { Route } from './route.js';
import { privateLinkFrom } from '../../transport/url.js';
import { CLAUDE_CODE_CIMD_CLIENT_ID, cimdUsable } from '../../judgement/claude.js';
import type { JsonObject, LoginFacts } from '../../types.js';
import { CLAUDE_REGISTRATION, deleteClient, postRegistration } from '../registration.js';


/** The client a sign-in uses, and how to undo what obtaining it created. */
export interface LoginClient {
  facts: LoginFacts['client'];
  clientId: string;
  secret?: string;
  /** `token_endpoint_auth_method` of a registered client, when its registration said. */
  authMethod?: string;
  /** Deletes a client registered for this sign-in; records the outcome in `facts.cleanup`. */
  release(): Promise<void>;
}

export interface ClientChoice {
  metadata: JsonObject;
  issuer: string;
  redirectUri: string;
  clientId?: string;
  secret?: string;
  cimdClientId?: string;
  exchangeIds: string[];
  /** The run's secrets: a client secret the registration hands out is added. */
  secrets: string[];
  route: Route;
}

/**
 * The client Claude Code would sign in with (MCP Authorization, Client Registration): a client id
 * it was given (`--client-id`, with `CONNECTOR_CLIENT_SECRET` for a confidential one), else its
 * Client ID Metadata Document when the IdP takes CIMD from public clients, else a client registered
 * for this sign-in (RFC 7591) with the loopback redirect URI. A string says why there is none.
 */
export async function obtainClient(http: HttpClient, choice: ClientChoice): Promise<LoginClient | { failure: 'no-client' | 'registration'; detail: string }> {
  const none = async () => undefined;
  if (choice.clientId) {
    return { clientId: choice.clientId, secret: choice.secret, facts: { source: 'flag', clientId: choice.clientId }, release: none };
  }
  if (cimdUsable(choice.metadata)) {
    const clientId = choice.cimdClientId ?? CLAUDE_CODE_CIMD_CLIENT_ID;
    return { clientId, facts: { source: 'cimd', clientId }, release: none };
  }
  const endpoint = choice.metadata.registration_endpoint;
  if (typeof endpoint !== 'string') {
    return {
      failure: 'no-client',
      detail: 'the IdP offers neither Client ID Metadata Documents for public clients nor dynamic client registration, and no `--client-id` was given',
    };
  }
  if (privateLinkFrom(choice.issuer, endpoint)) return { failure: 'registration', detail: `\`registration_endpoint\` is a private address (\`${endpoint}\`)` };
  // Claude's registration, as Claude Code makes it: a native client with the loopback redirect URI.
  const requested = { ...CLAUDE_REGISTRATION, client_name: 'connector-lint --login (safe to delete)', application_type: 'native', redirect_uris: [choice.redirectUri] };
  const res = await postRegistration(http, 'login', endpoint, requested);
  choice.exchangeIds.push(res.exchange.id);
  if (res.failure) return { failure: 'registration', detail: `registration got no answer: ${res.failure.detail}` };
  const parsed = parseJsonObject(res.body.toString('utf8'));
  const response = parsed.ok ? parsed.value : undefined;
  const clientId = response?.client_id;
  if (res.status === undefined || res.status < 200 || res.status >= 300 || typeof clientId !== 'string' || clientId === '') {
    const error = typeof response?.error === 'string' ? ` \`${http.clean(response.error, 80)}\`${typeof response.error_description === 'string' ? `: ${http.clean(response.error_description, 200)}` : ''}` : '';
    return { failure: 'registration', detail: `registration was answered ${res.status ?? 'nothing'}${error}` };
  }
  for (const secret of [response?.client_secret, response?.registration_access_token]) if (typeof secret === 'string' && secret !== '') choice.secrets.push(secret);
  // An IdP may register a confidential client whatever was asked; the MCP SDK then uses its secret, and so does this.
  const secret = typeof response?.client_secret === 'string' && response.client_secret !== '' ? response.client_secret : undefined;
  const method = typeof response?.token_endpoint_auth_method === 'string' ? response.token_endpoint_auth_method : undefined;
  const facts: LoginFacts['client'] = { source: 'registration', clientId };
  return {
    clientId,
    ...(secret ? { secret } : {}),
    ...(method ? { authMethod: method } : {}),
    facts,
    release: async () => {
      choice.route.undo();
      facts.cleanup = await deleteClient(choice.route.via(), response as JsonObject, 'login');
    },
  };
}
