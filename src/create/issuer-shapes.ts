import { isLoopbackHost } from '../lint/transport/url.js';

/** Why an issuer is not of a provider's form: a clause ("lacks the trailing `/`") and, when certain, the corrected value. */
export interface IssuerMismatch {
  clause: string;
  fix?: string;
}

/**
 * The known form of an identity provider's issuer. The oauth server refuses to start when
 * `OAUTH_ISSUER` differs by one character from the issuer its provider states, so the presets check
 * it where it is typed: at the prompt and for `--issuer`.
 */
export interface IssuerShape {
  /** The form, as messages show it after "<provider> issuers are". */
  form: string;
  /** What keeps `value` (an http(s) URL without credentials) from the form; undefined when it fits. */
  mismatch(value: string): IssuerMismatch | undefined;
}

type Check = IssuerShape['mismatch'];

const GUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const AWS_REGION = '[a-z]{2}(?:-[a-z]+)+-\\d+';

/** `value` when it passes `check`, else what `check` would correct it to. */
function fixedBy(check: Check, value: string): string | undefined {
  const mismatch = check(value);
  return mismatch ? mismatch.fix : value;
}

/** No issuer has a query or fragment (RFC 8414 §2). */
function withoutQuery(check: Check): Check {
  return (value) => {
    const cut = value.replace(/[?#][^]*$/, '');
    return cut === value ? check(value) : { clause: 'has a query or fragment', fix: fixedBy(check, cut) };
  };
}

/** Hosted providers publish https issuers only. */
function httpsOnly(check: Check): Check {
  return withoutQuery((value) => {
    if (!/^http:/i.test(value)) return check(value);
    return { clause: 'is `http:`, not `https:`', fix: fixedBy(check, value.replace(/^http:/i, 'https:')) };
  });
}

/**
 * An origin followed by the part of the path the form needs (`prefix`, matched against the path as
 * typed), never by a trailing `/`; with `bare`, the origin alone fits too.
 */
function originAndPath(prefix: RegExp, bare: boolean, expected: string): Check {
  return (value) => {
    // The origin as typed (its case, its port), so that a fix changes only what is wrong.
    const origin = /^[a-z]+:\/\/[^/]+/i.exec(value)?.[0] ?? value;
    const path = value.slice(origin.length);
    if (bare && path === '') return undefined;
    const kept = prefix.exec(path)?.[0] ?? (bare && path === '/' ? '' : undefined);
    const fix = kept === undefined ? undefined : `${origin}${kept}`;
    if (value === fix) return undefined;
    if (value === `${fix}/`) return { clause: 'ends with `/`', fix };
    return { clause: path === '' || path === '/' ? `lacks ${expected}` : `has the path \`${path}\`, not ${expected}`, fix };
  };
}

const OKTA_PATH = originAndPath(/^\/oauth2\/[^/]+/, true, '`/oauth2/<server-id>` or none');
const KEYCLOAK_PATH = originAndPath(/^(?:\/[^/]+)*?\/realms\/[^/]+/, false, '`/realms/<realm>`');

export const AUTH0_ISSUER: IssuerShape = {
  form: '`https://<tenant>.<region>.auth0.com/` (or your custom domain), ending with `/`',
  mismatch: httpsOnly((value) => {
    if (/^https:\/\/[^/]+\/$/i.test(value)) return undefined;
    if (/^https:\/\/[^/]+$/i.test(value)) return { clause: 'lacks the trailing `/`', fix: `${value}/` };
    return { clause: `has the path \`${value.replace(/^https:\/\/[^/]+/i, '')}\`, not \`/\`` };
  }),
};

export const ENTRA_ISSUER: IssuerShape = {
  form: '`https://login.microsoftonline.com/<tenant-id>/v2.0`, ending with `/v2.0` (the tenant id is a GUID: Entra admin center → Overview)',
  mismatch: httpsOnly((value) => {
    const url = new URL(value);
    const v1 = url.hostname === 'sts.windows.net';
    if (!v1 && new RegExp(`^https://[^/]+/${GUID.source}/v2\\.0$`, 'i').test(value)) return undefined;
    const tenant = GUID.exec(url.pathname)?.[0];
    const fix = tenant ? `https://${v1 ? 'login.microsoftonline.com' : url.host}/${tenant}/v2.0` : undefined;
    if (v1) return { clause: 'is an Entra v1 issuer (`sts.windows.net`)', fix };
    const first = url.pathname.split('/')[1];
    if (!tenant && first) return { clause: `names \`${first}\` where the tenant id (a GUID) belongs` };
    if (value === `${fix}/`) return { clause: 'ends with `/`', fix };
    return { clause: `has the path \`${url.pathname}\`, not \`/<tenant-id>/v2.0\``, fix };
  }),
};

export const COGNITO_ISSUER: IssuerShape = {
  form: '`https://cognito-idp.<region>.amazonaws.com/<region>_<pool-id>`, with the same region in both places',
  mismatch: httpsOnly((value) => {
    const url = new URL(value);
    const host = new RegExp(`^cognito-idp\\.(${AWS_REGION})\\.amazonaws\\.com$`).exec(url.hostname);
    const pool = new RegExp(`(${AWS_REGION})_[A-Za-z0-9]+`).exec(url.pathname);
    // The pool id carries its region, so it decides which host is right.
    const fix = pool ? `https://cognito-idp.${pool[1]}.amazonaws.com/${pool[0]}` : undefined;
    if (value === fix) return undefined;
    if (!host) return { clause: `is on \`${url.host}\`, not \`cognito-idp.<region>.amazonaws.com\``, fix };
    if (!pool || url.pathname !== `/${pool[0]}`) return { clause: `has the path \`${url.pathname}\`, not \`/<region>_<pool-id>\``, fix };
    if (host[1] !== pool[1]) return { clause: `names the region \`${host[1]}\` in the host but \`${pool[1]}\` in the pool id`, fix };
    return { clause: `is written differently from \`${fix}\``, fix };
  }),
};

export const OKTA_ISSUER: IssuerShape = {
  form: '`https://<org>.okta.com/oauth2/<server-id>` (a custom authorization server, such as `default`) or `https://<org>.okta.com` (the org server), with no trailing `/`',
  mismatch: httpsOnly((value) => {
    const url = new URL(value);
    if (/-admin\./i.test(url.hostname)) {
      return { clause: `is on the Admin Console's host \`${url.host}\``, fix: fixedBy(OKTA_PATH, value.replace(/-admin\./i, '.')) };
    }
    return OKTA_PATH(value);
  }),
};

export const KEYCLOAK_ISSUER: IssuerShape = {
  form: '`https://<host>/realms/<realm>` (`/auth/realms/<realm>` before Keycloak 17), with no trailing `/`',
  // Keycloak is self-hosted: plain http is fine on this machine, for development.
  mismatch: withoutQuery((value) => {
    const url = new URL(value);
    if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
      return { clause: 'is `http:` on a host other than this machine', fix: fixedBy(KEYCLOAK_PATH, value.replace(/^http:/i, 'https:')) };
    }
    return KEYCLOAK_PATH(value);
  }),
};

export const GOOGLE_ISSUER: IssuerShape = {
  form: '`https://accounts.google.com`, exactly',
  mismatch: (value) => {
    const google = 'https://accounts.google.com';
    if (value === google) return undefined;
    return { clause: value === `${google}/` ? 'ends with `/`' : `is not \`${google}\``, fix: new URL(value).hostname === 'accounts.google.com' ? google : undefined };
  },
};
