// Certificates for the corner cases of certificate handling, made with the system openssl
// beside a TestPki (tests/support/pki.ts): wildcards, quoted and empty alt names, issuers
// that match by name but not by signature (or the reverse), and a chain longer than any
// walk reads. Shared by the unit tests of the certificate code and the TLS tests here.
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CA_AND_LEAF_SECTIONS, openssl, SAN_LOOPBACK, type TestCert, type TestPki } from '../../support/pki.js';


/** Certificates for the corner cases of certificate handling, beside a TestPki. */
export interface OddCertificates {
  /** DNS:*.odoo.test, issued by the intermediate: one wildcard label. */
  wildcard: TestCert;
  /** DNS:w*.odoo.test, issued by the intermediate: a partial wildcard, which browsers refuse. */
  partialWildcard: TestCert;
  /** A URI alt name holding quotes, a backslash and commas, DNS:odoo.test, a DirName with a comma. */
  quotedAltName: TestCert;
  /** A subjectAltName extension with no entry at all. */
  emptyAltName: TestCert;
  /** CN=localhost and no subjectAltName, issued by the intermediate. */
  commonNameOnly: TestCert;
  /** Same name as the intermediate, another key: an impostor CA. */
  impostorIntermediate: TestCert;
  /**
   * Issued by the impostor for the loopback names, without an authority key identifier:
   * by name alone it looks issued by the real intermediate.
   */
  leafOfImpostor: TestCert;
  /** Signed with the intermediate's key, but naming another issuer (`CN=Alias CA`). */
  leafMisnamedIssuer: TestCert;
  /** Names `CN=Someone Else` as issuer but is signed with its own key. */
  ownKeyOtherIssuer: TestCert;
  /** The self-signed `CN=Someone Else`, same key as ownKeyOtherIssuer. */
  someoneElse: TestCert;
}

/** Builds the OddCertificates in `pki`'s folder, from its intermediate. */
export async function createOddCertificates(pki: TestPki): Promise<OddCertificates> {
  const p = (name: string) => join(pki.dir, `odd-${name}`);
  const cnf = p('openssl.cnf');
  await writeFile(
    cnf,
    `${CA_AND_LEAF_SECTIONS}
[leaf_no_akid_ext]
basicConstraints = critical,CA:FALSE
subjectAltName = ${SAN_LOOPBACK}
authorityKeyIdentifier = none
subjectKeyIdentifier = none

[wildcard_ext]
subjectAltName = DNS:*.odoo.test

[partial_wildcard_ext]
subjectAltName = DNS:w*.odoo.test

[quoted_ext]
subjectAltName = @quoted_names
[quoted_names]
URI.1 = https://a.example/say\\"hi\\",\\\\x, y
DNS.1 = odoo.test
dirName.1 = quoted_dir
[quoted_dir]
CN = My, Name
O = Org

[empty_san_ext]
2.5.29.17 = DER:30:00

[cn_only_ext]
basicConstraints = critical,CA:FALSE
`,
  );
  const interCert = join(pki.dir, 'intermediate.pem');
  const interKey = join(pki.dir, 'intermediate.key');
  const serial = () => `0x${randomBytes(12).toString('hex')}`;

  async function key(name: string): Promise<string> {
    await openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', p(`${name}.key`)]);
    return p(`${name}.key`);
  }
  async function selfSigned(name: string, keyPath: string, subj: string, ext: string): Promise<void> {
    await openssl([
      'req', '-new', '-x509', '-config', cnf, '-key', keyPath, '-subj', subj, '-days', '365',
      '-sha256', '-set_serial', serial(), '-extensions', ext, '-out', p(`${name}.pem`),
    ]);
  }
  async function issue(name: string, keyPath: string, subj: string, caCert: string, caKey: string, ext: string): Promise<void> {
    // `req -x509 -CA` (OpenSSL 3) issues in one step.
    await openssl([
      'req', '-new', '-x509', '-config', cnf, '-key', keyPath, '-subj', subj, '-CA', caCert, '-CAkey', caKey,
      '-set_serial', serial(), '-days', '365', '-sha256', '-extensions', ext, '-out', p(`${name}.pem`),
    ]);
  }
  async function load(name: string, keyPath: string): Promise<TestCert> {
    const certPem = await readFile(p(`${name}.pem`), 'utf8');
    return { certPem, keyPem: await readFile(keyPath, 'utf8'), chainPem: certPem, certPath: p(`${name}.pem`) };
  }

  const [wildKey, impostorKey, impostorLeafKey, misnamedKey, ownKey] = await Promise.all(
    ['wildcard', 'impostor', 'impostor-leaf', 'misnamed', 'own'].map(key),
  );
  const subj = '/CN=odd/O=Companion Tests';
  const interSubj = '/CN=Companion Test Intermediate CA/O=Companion Tests';
  await Promise.all([
    issue('wildcard', wildKey!, subj, interCert, interKey, 'wildcard_ext'),
    issue('partial-wildcard', wildKey!, subj, interCert, interKey, 'partial_wildcard_ext'),
    issue('quoted', wildKey!, subj, interCert, interKey, 'quoted_ext'),
    issue('empty-san', wildKey!, subj, interCert, interKey, 'empty_san_ext'),
    issue('cn-only', wildKey!, '/CN=localhost/O=Companion Tests', interCert, interKey, 'cn_only_ext'),
    selfSigned('impostor', impostorKey!, interSubj, 'ca_ext'),
    selfSigned('alias', interKey, '/CN=Alias CA/O=Companion Tests', 'ca_ext'),
    selfSigned('someone-else', ownKey!, '/CN=Someone Else/O=Companion Tests', 'ca_ext'),
  ]);
  await Promise.all([
    issue('impostor-leaf', impostorLeafKey!, '/CN=localhost/O=Impostor', p('impostor.pem'), impostorKey!, 'leaf_no_akid_ext'),
    issue('misnamed', misnamedKey!, '/CN=localhost/O=Misnamed', p('alias.pem'), interKey, 'leaf_ext'),
    issue('own-key', ownKey!, '/CN=Own Key/O=Companion Tests', p('someone-else.pem'), ownKey!, 'leaf_ext'),
  ]);

  return {
    wildcard: await load('wildcard', wildKey!),
    partialWildcard: await load('partial-wildcard', wildKey!),
    quotedAltName: await load('quoted', wildKey!),
    emptyAltName: await load('empty-san', wildKey!),
    commonNameOnly: await load('cn-only', wildKey!),
    impostorIntermediate: await load('impostor', impostorKey!),
    leafOfImpostor: await load('impostor-leaf', impostorLeafKey!),
    leafMisnamedIssuer: await load('misnamed', misnamedKey!),
    ownKeyOtherIssuer: await load('own-key', ownKey!),
    someoneElse: await load('someone-else', ownKey!),
  };
}

/**
 * 12 certificates, leaf (loopback names) first, each signed by the next; the last is a
 * self-signed root. Each `chainPem` is the whole chain from that certificate up.
 */
export async function createDeepChain(pki: TestPki): Promise<TestCert[]> {
  const p = (name: string) => join(pki.dir, `deep-${name}`);
  const cnf = p('openssl.cnf');
  await writeFile(
    cnf,
    CA_AND_LEAF_SECTIONS,
  );
  const keys = await Promise.all(
    Array.from({ length: 12 }, async (_, i) => {
      await openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', p(`${i}.key`)]);
      return p(`${i}.key`);
    }),
  );
  // `req -x509 -CA` (OpenSSL 3) issues in one step: a root, ten CAs under one another, the leaf.
  for (let i = 0; i < 12; i++) {
    const issuer = i === 0 ? [] : ['-CA', p(`${i - 1}.pem`), '-CAkey', keys[i - 1]!];
    const subj = i === 11 ? '/CN=localhost/O=Deep' : `/CN=Deep ${i}`;
    await openssl([
      'req', '-new', '-x509', '-config', cnf, '-key', keys[i]!, '-subj', subj, '-days', '365', '-sha256',
      '-set_serial', `0x${randomBytes(12).toString('hex')}`, ...issuer,
      '-extensions', i === 11 ? 'leaf_ext' : 'ca_ext', '-out', p(`${i}.pem`),
    ]);
  }
  const pems = await Promise.all(keys.map((_, i) => readFile(p(`${i}.pem`), 'utf8')));
  const certs = await Promise.all(
    keys.map(async (key, i) => ({
      certPem: pems[i]!,
      keyPem: await readFile(key, 'utf8'),
      chainPem: pems.slice(0, i + 1).reverse().join(''),
      certPath: p(`${i}.pem`),
    })),
  );
  return certs.reverse();
}
