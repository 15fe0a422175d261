import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { CLAUDE_AI, CLAUDE_COM } from './test-idp.js';
import { selfSignedCert } from '../tls.js';

/** A Client ID Metadata Document served over https from 127.0.0.1, standing in for Claude's hosted one. */
export interface CimdDocument {
  /** The document's URL, which is also its `client_id`. */
  clientId: string;
  /** The certificate an IdP must trust to fetch it. */
  ca: Buffer;
  close(): Promise<void>;
}

/**
 * Serves hosted Claude's client metadata (a public client with both Claude callbacks) at an https
 * URL with a path, as CIMD requires (draft-ietf-oauth-client-id-metadata-document §3); `extra`
 * members go into the document too (Claude Code's is a native client: `application_type`).
 */
export async function serveCimdDocument(redirectUris: string[] = [CLAUDE_AI, CLAUDE_COM], extra: Record<string, unknown> = {}): Promise<CimdDocument> {
  const tls = selfSignedCert({ loopbackIp: true });
  const path = '/oauth/mcp-oauth-client-metadata';
  let clientId = '';
  const server = https.createServer({ key: tls.key, cert: tls.cert }, (req, res) => {
    if (req.url !== path) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'max-age=60' }).end(
      JSON.stringify({
        client_id: clientId,
        client_name: 'Claude',
        redirect_uris: redirectUris,
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        token_endpoint_auth_method: 'none',
        ...extra,
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  clientId = `https://127.0.0.1:${(server.address() as AddressInfo).port}${path}`;
  return {
    clientId,
    ca: tls.cert,
    close: () =>
      new Promise<void>((resolve) => {
        tls.remove();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
