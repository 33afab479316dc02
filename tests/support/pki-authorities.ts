// Certificates for the "pins survive renewals" rule, beside a TestPki (tests/support/pki.ts):
// what a Let's Encrypt renewal looks like (the same root, another intermediate, a new server
// key) and what a TLS-inspecting proxy or a certificate mis-issued elsewhere looks like (a
// whole other hierarchy, whose root the system may well trust). Made with the system openssl,
// as the rest of the test PKI.
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CA_AND_LEAF_SECTIONS, openssl, type TestCert, type TestPki } from './pki.js';

export interface AuthorityCertificates {
  /** Another intermediate under the test PKI's root ("Companion Test Intermediate CA 2"). */
  otherIntermediate: TestCert;
  /** The renewal: a NEW key for the loopback names, issued by otherIntermediate (chain: leaf + it). */
  renewedLeaf: TestCert;
  /** The root of another hierarchy ("Inspecting Proxy Root CA"), e.g. a proxy's CA installed by IT. */
  proxyRoot: TestCert;
  /** Its intermediate. */
  proxyIntermediate: TestCert;
  /** The loopback names, issued by proxyIntermediate (chain: leaf + it). */
  proxyLeaf: TestCert;
}

/** Builds the AuthorityCertificates in `pki`'s folder, from its root. */
export async function createAuthorityCertificates(pki: TestPki): Promise<AuthorityCertificates> {
  const p = (name: string) => join(pki.dir, `auth-${name}`);
  const cnf = p('openssl.cnf');
  await writeFile(cnf, CA_AND_LEAF_SECTIONS);
  const rootKey = join(pki.dir, 'root.key');

  const key = async (name: string) => {
    await openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', p(`${name}.key`)]);
    return p(`${name}.key`);
  };
  // `req -x509 -CA` (OpenSSL 3) issues in one step; without -CA it self-signs (a root).
  const make = (name: string, keyPath: string, subj: string, ext: 'ca_ext' | 'leaf_ext', issuer?: { cert: string; key: string }) =>
    openssl([
      'req', '-new', '-x509', '-config', cnf, '-key', keyPath, '-subj', subj, '-days', '365', '-sha256',
      '-set_serial', `0x${randomBytes(12).toString('hex')}`,
      ...(issuer === undefined ? [] : ['-CA', issuer.cert, '-CAkey', issuer.key]),
      '-extensions', ext, '-out', p(`${name}.pem`),
    ]);

  const [interKey, renewedKey, proxyRootKey, proxyInterKey, proxyLeafKey] = await Promise.all(
    ['inter2', 'renewed', 'proxy-root', 'proxy-inter', 'proxy-leaf'].map(key),
  );
  await Promise.all([
    make('inter2', interKey!, '/CN=Companion Test Intermediate CA 2/O=Companion Tests', 'ca_ext', { cert: pki.root.certPath, key: rootKey }),
    make('proxy-root', proxyRootKey!, '/CN=Inspecting Proxy Root CA/O=Inspecting Proxy', 'ca_ext'),
  ]);
  await Promise.all([
    make('renewed', renewedKey!, '/CN=localhost/O=Companion Tests', 'leaf_ext', { cert: p('inter2.pem'), key: interKey! }),
    make('proxy-inter', proxyInterKey!, '/CN=Inspecting Proxy Intermediate CA/O=Inspecting Proxy', 'ca_ext', {
      cert: p('proxy-root.pem'),
      key: proxyRootKey!,
    }),
  ]);
  await make('proxy-leaf', proxyLeafKey!, '/CN=localhost/O=Inspecting Proxy', 'leaf_ext', { cert: p('proxy-inter.pem'), key: proxyInterKey! });

  async function load(name: string, keyPath: string, issuerName?: string): Promise<TestCert> {
    const certPem = await readFile(p(`${name}.pem`), 'utf8');
    const issuerPem = issuerName === undefined ? '' : await readFile(p(`${issuerName}.pem`), 'utf8');
    return { certPem, keyPem: await readFile(keyPath, 'utf8'), chainPem: certPem + issuerPem, certPath: p(`${name}.pem`) };
  }
  return {
    otherIntermediate: await load('inter2', interKey!),
    renewedLeaf: await load('renewed', renewedKey!, 'inter2'),
    proxyRoot: await load('proxy-root', proxyRootKey!),
    proxyIntermediate: await load('proxy-inter', proxyInterKey!),
    proxyLeaf: await load('proxy-leaf', proxyLeafKey!, 'proxy-inter'),
  };
}
