// The certificate hook of an Odoo partition: the profile's pins enforced with
// setCertificateVerifyProc, the same policy as main's own connections (core/net). It also
// remembers which hosts it refused, because Chromium then reports the failed load only as
// ERR_FAILED: without that memory a refused certificate would read as "could not load".
import type { Session } from 'electron';
import { CERT_REJECT, createCertificateVerifyProc, policyLookupForProfile } from '../core/net/electron-verify.js';
import type { PinSet } from '../core/shell/odoo-window-policy.js';

/** net::ERR_FAILED: what a load refused by the verify proc fails with. */
const ERR_FAILED = -2;

export interface PinnedVerifier {
  /** Whether a main-frame load of `url` that failed with `errorCode` was this proc refusing its certificate. */
  refused(errorCode: number, url: string): boolean;
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname.replace(/^\[|\]$/g, '').toLowerCase();
  } catch {
    return null;
  }
}

/** Chromium's certificate errors are -200 to -299 (net/base/net_error_list.h). */
function isCertificateError(errorCode: number): boolean {
  return errorCode <= -200 && errorCode > -300;
}

/**
 * Installs the pins on `ses`. A partition belongs to one pin set (its name says which):
 * install once per partition, because Chromium caches verdicts per partition and a second
 * proc would not change what it already decided.
 */
export function installPinnedVerifier(ses: Session, pinSet: PinSet): PinnedVerifier {
  const refusedHosts = new Set<string>();
  const verify = createCertificateVerifyProc(
    policyLookupForProfile({ origin: pinSet.origin, pins: [...pinSet.pins], trustSelfSigned: pinSet.trustSelfSigned }),
  );
  ses.setCertificateVerifyProc((request, callback) => {
    verify(request, (verdict) => {
      if (verdict === CERT_REJECT) refusedHosts.add(request.hostname.toLowerCase());
      callback(verdict);
    });
  });
  return {
    refused(errorCode, url) {
      const host = hostOf(url);
      return host !== null && (errorCode === ERR_FAILED || isCertificateError(errorCode)) && refusedHosts.has(host);
    },
  };
}
