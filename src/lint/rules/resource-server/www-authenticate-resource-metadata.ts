import { defineRule } from '../../judgement/define.js';
import { bearerChallenge, resourceMetadataPointer } from '../../judgement/mcp-mode.js';
import { protectedResourceMetadataUrls } from '../../protocol/well-known.js';
import { parseHttpUrl, privateLinkFrom } from '../../transport/url.js';

/** Whether a client that skips `resource_metadata` still finds the document: it then tries the well-known URLs. */
function isWellKnown(mcpUrl: string, pointer: string): boolean {
  return protectedResourceMetadataUrls(new URL(mcpUrl)).some((candidate) => candidate.url === parseHttpUrl(pointer)?.href);
}

export default defineRule({
  id: 'www-authenticate-resource-metadata',
  meta: {
    description: 'The 401 carries a parseable `WWW-Authenticate` with a `Bearer` challenge holding an absolute `resource_metadata` URL',
    subject: 'mcp',
    severity: 'error',
    spec: ['MCP 2025-11-25 Authorization: Protected Resource Metadata Discovery Requirements', 'RFC 9728 §5.1', 'RFC 9110 §11.6.1'],
    fix: 'Answer 401 with `WWW-Authenticate: Bearer resource_metadata="https://<host>/.well-known/oauth-protected-resource/<path>"`, with the value quoted, as the first challenge (another, such as `DPoP`, may come first when the pointer is a well-known URL); in the TypeScript SDK pass `resourceMetadataUrl` to `requireBearerAuth`.',
  },
  requires: ['mcpServer'],
  check({ mcpServer: mcp, protectedResource }, ctx) {
    const init = mcp.initialize;
    if (init.status !== 401) {
      ctx.notApplicable('the server did not answer 401');
      return;
    }
    const where = { url: mcp.url };
    const evidence = [init.exchangeId];
    if (init.wwwAuthenticate === undefined) {
      ctx.report({
        severity: protectedResource ? 'warning' : 'error',
        message: protectedResource
          ? 'The 401 has no `WWW-Authenticate` header; Claude found the protected-resource metadata at a well-known URL instead, but the header is how clients are meant to find it.'
          : 'The 401 has no `WWW-Authenticate` header, and no protected-resource metadata is at the well-known URLs either: Claude cannot find the authorization server.',
        where,
        evidence,
      });
      return;
    }
    if (init.challenges === null) {
      const readable = resourceMetadataPointer(mcp);
      ctx.report({
        severity: readable ? 'warning' : 'error',
        message: readable
          ? `\`WWW-Authenticate\` does not follow RFC 9110 (\`${init.wwwAuthenticate}\`); MCP clients still read \`resource_metadata\` from it, stricter parsers may not.`
          : `\`WWW-Authenticate\` does not parse as RFC 9110 challenges and holds no readable \`resource_metadata\`: \`${init.wwwAuthenticate}\`.`,
        where,
        evidence,
      });
      return;
    }
    const bearer = bearerChallenge(mcp);
    if (!bearer) {
      ctx.report({
        message: `\`WWW-Authenticate\` has no \`Bearer\` challenge (\`${init.wwwAuthenticate}\`); Claude sends Bearer tokens and reads \`resource_metadata\` from that challenge.`,
        where,
        evidence,
      });
      return;
    }
    const pointer = bearer.params.resource_metadata;
    if (pointer === undefined) {
      ctx.report({
        severity: protectedResource ? 'warning' : 'error',
        message: protectedResource
          ? 'The Bearer challenge has no `resource_metadata`; Claude falls back to the well-known URL, which works here.'
          : 'The Bearer challenge has no `resource_metadata`, and no protected-resource metadata is at the well-known URLs: Claude cannot find the authorization server.',
        where,
        evidence,
      });
      return;
    }
    if (!parseHttpUrl(pointer)) {
      ctx.report({ message: `\`resource_metadata\` is not an absolute http(s) URL: \`${pointer}\`.`, where, evidence });
    } else if (privateLinkFrom(mcp.url, pointer)) {
      ctx.report({ message: `\`resource_metadata\` is \`${pointer}\`, a private or loopback address, while the MCP server is public: Claude cannot reach it.`, where, evidence });
    } else if (init.challenges?.[0] !== bearer && !isWellKnown(mcp.url, pointer)) {
      // The TypeScript SDK v1 client reads `resource_metadata` only from a header that starts with
      // `Bearer` (v2: or `DPoP`); after another scheme it skips the pointer.
      ctx.report({
        severity: 'warning',
        message: `\`Bearer\` is not the first challenge of \`WWW-Authenticate\` (\`${init.wwwAuthenticate}\`), and its \`resource_metadata\` is no well-known URL; MCP clients that read \`resource_metadata\` only from a header starting with \`Bearer\` (the TypeScript SDK v1 client) skip it and look for the metadata at the well-known URLs instead.`,
        where,
        evidence,
      });
    }
  },
});
