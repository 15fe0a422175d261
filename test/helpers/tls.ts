import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A key and a self-signed certificate, with the path of the certificate for NODE_EXTRA_CA_CERTS. */
export interface SelfSigned {
  key: Buffer;
  cert: Buffer;
  /** The certificate's file, for spawned processes that must trust it; removed by `remove`. */
  certPath: string;
  remove(): void;
}

/**
 * A one-day self-signed certificate for `localhost` (and `127.0.0.1` with `loopbackIp`) made with
 * openssl, as a test server needs it (no package makes one as simply on every Node version here).
 */
export function selfSignedCert({ loopbackIp = false }: { loopbackIp?: boolean } = {}): SelfSigned {
  const dir = mkdtempSync(join(tmpdir(), 'tls-'));
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost', '-addext', `subjectAltName=DNS:localhost${loopbackIp ? ',IP:127.0.0.1' : ''}`, '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')],
    { stdio: 'ignore' },
  );
  return {
    key: readFileSync(join(dir, 'key.pem')),
    cert: readFileSync(join(dir, 'cert.pem')),
    certPath: join(dir, 'cert.pem'),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
