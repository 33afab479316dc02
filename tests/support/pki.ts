// A throwaway PKI for the TLS tests, built with the system `openssl` CLI so the
// certificates come from a different implementation than the code under test. Everything
// lands in a fresh temporary directory per run; keys are mostly EC P-256 so the whole set
// is generated in well under a second.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

export interface TestCert {
  /** This certificate alone (PEM). */
  certPem: string;
  /** Its private key (PEM). */
  keyPem: string;
  /** What a server sends: this certificate followed by the intermediate, when it has one. */
  chainPem: string;
  certPath: string;
}

export interface TestPki {
  dir: string;
  root: TestCert;
  intermediate: TestCert;
  /** RSA 2048 leaf for 127.0.0.1 / ::1 / localhost, issued by the intermediate. */
  leafRsa: TestCert;
  /** EC P-256 leaf for the same names, issued by the intermediate. */
  leafEc: TestCert;
  /** Same names, same intermediate, another key: what a CA-backed interceptor would show. */
  leafMitm: TestCert;
  /** Same names and CA, a key prepared in advance as the profile's backup pin. */
  leafBackup: TestCert;
  /** A new certificate for leafRsa's key (new serial, new validity): a plain renewal. */
  leafRsaRenewed: TestCert;
  /** Issued by the intermediate, valid only in early 2020. */
  leafExpired: TestCert;
  /** Issued by the intermediate for wrong.example only. */
  leafWrongHost: TestCert;
  /** Issued by the intermediate, expires in 10 days. */
  leafExpiringSoon: TestCert;
  /** Self-signed leaf for 127.0.0.1 / ::1 / localhost. */
  selfSigned: TestCert;
  /** Another self-signed leaf for the same names and another key. */
  selfSignedOther: TestCert;
  dispose(): Promise<void>;
}

export const SAN_LOOPBACK = 'DNS:localhost,IP:127.0.0.1,IP:::1';

/** The openssl.cnf sections every generated hierarchy starts from: a CA and a loopback leaf. */
export const CA_AND_LEAF_SECTIONS = `
[req]
distinguished_name = dn
prompt = no
[dn]
CN = placeholder

[ca_ext]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid,issuer

[leaf_ext]
basicConstraints = critical,CA:FALSE
subjectAltName = ${SAN_LOOPBACK}
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid,issuer
`;

function config(dir: string): string {
  // One config for req, x509 and ca; paths use forward slashes so it works on Windows too.
  const d = dir.replaceAll('\\', '/');
  return `
[req]
distinguished_name = dn
prompt = no
[dn]
CN = placeholder

[ca]
default_ca = ca_default
[ca_default]
dir = ${d}
database = $dir/index.txt
new_certs_dir = $dir
serial = $dir/serial
default_md = sha256
policy = policy_any
unique_subject = no
copy_extensions = none
[policy_any]
commonName = supplied
organizationName = optional

[root_ext]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash

[intermediate_ext]
basicConstraints = critical,CA:TRUE,pathlen:0
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid,issuer

[leaf_ext]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = ${SAN_LOOPBACK}
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid,issuer

[wrong_host_ext]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:wrong.example
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid,issuer

[self_ext]
basicConstraints = critical,CA:FALSE
extendedKeyUsage = serverAuth
subjectAltName = ${SAN_LOOPBACK}
subjectKeyIdentifier = hash
`;
}

/** Runs openssl; resolves with stdout as bytes. */
export function openssl(args: string[], input?: Buffer | string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn('openssl', args, { stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout!.on('data', (b: Buffer) => out.push(b));
    child.stderr!.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(out));
      else reject(new Error(`openssl ${args[0]} failed (${code}): ${Buffer.concat(err).toString()}`));
    });
    if (input !== undefined && child.stdin) {
      child.stdin.on('error', () => {}); // a command that does not read its input exits early
      child.stdin.end(input);
    }
  });
}

/**
 * The reference pin, computed by openssl alone:
 * `openssl x509 -pubkey -noout | openssl pkey -pubin -outform der | openssl dgst -sha256 -binary | base64`.
 */
export async function opensslSpkiPin(certPem: string): Promise<string> {
  const pubPem = await openssl(['x509', '-pubkey', '-noout'], certPem);
  const der = await openssl(['pkey', '-pubin', '-outform', 'der'], pubPem);
  const digest = await openssl(['dgst', '-sha256', '-binary'], der);
  const b64 = await openssl(['base64'], digest);
  return `sha256/${b64.toString('ascii').trim()}`;
}

type KeyKind = 'rsa' | 'ec';

export async function createTestPki(): Promise<TestPki> {
  const dir = await mkdtemp(join(tmpdir(), 'companion-pki-'));
  const cnf = join(dir, 'openssl.cnf');
  await writeFile(cnf, config(dir));
  await writeFile(join(dir, 'index.txt'), '');
  await writeFile(join(dir, 'serial'), randomBytes(8).toString('hex').toUpperCase() + '\n');

  const p = (name: string) => join(dir, name);
  const serial = () => `0x${randomBytes(12).toString('hex')}`;

  async function genKey(name: string, kind: KeyKind): Promise<string> {
    const args =
      kind === 'rsa'
        ? ['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', p(`${name}.key`)]
        : ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', p(`${name}.key`)];
    await openssl(args);
    return p(`${name}.key`);
  }

  async function selfSignedCert(name: string, key: string, subj: string, ext: string, days: number) {
    await openssl([
      'req', '-new', '-x509', '-config', cnf, '-key', key, '-subj', subj, '-days', String(days),
      '-sha256', '-set_serial', serial(), '-extensions', ext, '-out', p(`${name}.pem`),
    ]);
  }

  async function csr(name: string, key: string, subj: string): Promise<string> {
    await openssl(['req', '-new', '-config', cnf, '-key', key, '-subj', subj, '-out', p(`${name}.csr`)]);
    return p(`${name}.csr`);
  }

  async function issue(name: string, key: string, subj: string, issuer: string, ext: string, days: number) {
    const req = await csr(name, key, subj);
    await openssl([
      'x509', '-req', '-in', req, '-CA', p(`${issuer}.pem`), '-CAkey', p(`${issuer}.key`),
      '-set_serial', serial(), '-days', String(days), '-sha256',
      '-extfile', cnf, '-extensions', ext, '-out', p(`${name}.pem`),
    ]);
  }

  // Keys first, all at once.
  const [rootKey, interKey, rsaKey, ecKey, mitmKey, backupKey, expiredKey, wrongKey, soonKey, selfKey, selfOtherKey] =
    await Promise.all([
      genKey('root', 'ec'),
      genKey('intermediate', 'ec'),
      genKey('leaf-rsa', 'rsa'),
      genKey('leaf-ec', 'ec'),
      genKey('leaf-mitm', 'ec'),
      genKey('leaf-backup', 'ec'),
      genKey('leaf-expired', 'ec'),
      genKey('leaf-wrong-host', 'ec'),
      genKey('leaf-expiring-soon', 'ec'),
      genKey('self-signed', 'ec'),
      genKey('self-signed-other', 'ec'),
    ]);

  await selfSignedCert('root', rootKey, '/CN=Companion Test Root CA/O=Companion Tests', 'root_ext', 3650);
  await issue('intermediate', interKey, '/CN=Companion Test Intermediate CA/O=Companion Tests', 'root', 'intermediate_ext', 3650);

  const leafSubj = '/CN=localhost/O=Companion Tests';
  await Promise.all([
    issue('leaf-rsa', rsaKey, leafSubj, 'intermediate', 'leaf_ext', 365),
    issue('leaf-ec', ecKey, leafSubj, 'intermediate', 'leaf_ext', 365),
    issue('leaf-mitm', mitmKey, leafSubj, 'intermediate', 'leaf_ext', 365),
    issue('leaf-backup', backupKey, leafSubj, 'intermediate', 'leaf_ext', 365),
    issue('leaf-rsa-renewed', rsaKey, leafSubj, 'intermediate', 'leaf_ext', 400),
    issue('leaf-wrong-host', wrongKey, '/CN=wrong.example/O=Companion Tests', 'intermediate', 'wrong_host_ext', 365),
    issue('leaf-expiring-soon', soonKey, leafSubj, 'intermediate', 'leaf_ext', 10),
    selfSignedCert('self-signed', selfKey, '/CN=localhost/O=Self Signed', 'self_ext', 365),
    selfSignedCert('self-signed-other', selfOtherKey, '/CN=localhost/O=Self Signed Other', 'self_ext', 365),
    // `openssl x509` cannot back-date; `openssl ca` can.
    csr('leaf-expired', expiredKey, leafSubj).then((req) =>
      openssl([
        'ca', '-batch', '-config', cnf, '-in', req, '-cert', p('intermediate.pem'), '-keyfile', p('intermediate.key'),
        '-startdate', '20200101000000Z', '-enddate', '20200301000000Z', '-extensions', 'leaf_ext',
        '-notext', '-out', p('leaf-expired.pem'),
      ]),
    ),
  ]);

  const interPem = await readFile(p('intermediate.pem'), 'utf8');
  async function load(name: string, keyName: string, withIntermediate: boolean): Promise<TestCert> {
    const certPem = await readFile(p(`${name}.pem`), 'utf8');
    const keyPem = await readFile(p(`${keyName}.key`), 'utf8');
    return { certPem, keyPem, chainPem: withIntermediate ? certPem + interPem : certPem, certPath: p(`${name}.pem`) };
  }

  return {
    dir,
    root: await load('root', 'root', false),
    intermediate: await load('intermediate', 'intermediate', false),
    leafRsa: await load('leaf-rsa', 'leaf-rsa', true),
    leafEc: await load('leaf-ec', 'leaf-ec', true),
    leafMitm: await load('leaf-mitm', 'leaf-mitm', true),
    leafBackup: await load('leaf-backup', 'leaf-backup', true),
    leafRsaRenewed: await load('leaf-rsa-renewed', 'leaf-rsa', true),
    leafExpired: await load('leaf-expired', 'leaf-expired', true),
    leafWrongHost: await load('leaf-wrong-host', 'leaf-wrong-host', true),
    leafExpiringSoon: await load('leaf-expiring-soon', 'leaf-expiring-soon', true),
    selfSigned: await load('self-signed', 'self-signed', false),
    selfSignedOther: await load('self-signed-other', 'self-signed-other', false),
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}
