// Windows Hello through a PowerShell bridge, the pure half: the script and the reading of
// its answer. main/app/presence.ts runs it.
//
// Why PowerShell: the check Windows offers desktop apps is the WinRT class
// Windows.Security.Credentials.UI.UserConsentVerifier (PIN, fingerprint or face of the
// signed-in user). Reaching WinRT from Electron's main process needs either a native
// module (none on the npm registry is maintained for this; one would have to be rebuilt
// for every Electron ABI and signed with the app) or a process that can call WinRT
// itself. Windows PowerShell 5.1 ships with every supported Windows and can project WinRT
// types, so a fixed script, run with the system's own powershell.exe, is the most
// maintainable bridge: no native code, no build step, nothing downloaded.
//
// Rules kept here:
// - the script text is a constant; nothing from the caller is spliced into it. The prompt
//   text travels in an environment variable, read by the script as data;
// - it is passed with -EncodedCommand (UTF-16LE base64), so no shell quoting is involved;
// - only the exact word after "RESULT:" is read, and only `Verified` (or `Available` for
//   the availability check) counts as success; anything else — an error, a timeout, a
//   missing powershell.exe, garbage — is a failure. Presence can only ever be refused by
//   a broken bridge, never granted.

export const HELLO_MESSAGE_ENV = 'ODOO_COMPANION_HELLO_MESSAGE';
export const HELLO_MODE_ENV = 'ODOO_COMPANION_HELLO_MODE';
/** Base64 challenge the Windows Hello key signs in `sign` mode (data, never script). */
export const HELLO_CHALLENGE_ENV = 'ODOO_COMPANION_HELLO_CHALLENGE';
/**
 * The app's own Windows Hello key (KeyCredentialManager): created on first use, kept by
 * Windows in the TPM or the Hello container, usable only after the person verifies.
 */
export const HELLO_KEY_NAME = 'OdooCompanion-vault';

export const WINDOWS_HELLO_SCRIPT = [
  "$ErrorActionPreference = 'Stop'",
  'Add-Type -AssemblyName System.Runtime.WindowsRuntime',
  '$null = [Windows.Security.Credentials.UI.UserConsentVerifier, Windows.Security.Credentials.UI, ContentType = WindowsRuntime]',
  "$asTask = [System.WindowsRuntimeSystemExtensions].GetMethods() | Where-Object { $_.Name -eq 'AsTask' -and $_.GetParameters().Count -eq 1 -and $_.GetParameters()[0].ParameterType.Name -eq 'IAsyncOperation`1' } | Select-Object -First 1",
  'function Wait-Op($op, [Type]$type) { $task = $asTask.MakeGenericMethod($type).Invoke($null, @($op)); $null = $task.Wait(-1); $task.Result }',
  `if ($env:${HELLO_MODE_ENV} -eq 'check') {`,
  '  $r = Wait-Op ([Windows.Security.Credentials.UI.UserConsentVerifier]::CheckAvailabilityAsync()) ([Windows.Security.Credentials.UI.UserConsentVerifierAvailability])',
  `} elseif ($env:${HELLO_MODE_ENV} -eq 'sign') {`,
  // Signing with the Hello key is what releases the presence seal: Windows asks for the
  // PIN, fingerprint or face before it signs. RSA PKCS#1 v1.5: the same challenge gives
  // the same signature, hence the same sealing key.
  '  $null = [Windows.Security.Credentials.KeyCredentialManager, Windows.Security.Credentials, ContentType = WindowsRuntime]',
  `  $k = Wait-Op ([Windows.Security.Credentials.KeyCredentialManager]::RequestCreateAsync('${HELLO_KEY_NAME}', [Windows.Security.Credentials.KeyCredentialCreationOption]::OpenIfExists)) ([Windows.Security.Credentials.KeyCredentialRetrievalResult])`,
  "  if ($k.Status -ne 'Success') { [Console]::Out.Write('RESULT:' + $k.Status.ToString()); exit }",
  `  $buf = [System.Runtime.InteropServices.WindowsRuntime.WindowsRuntimeBufferExtensions]::AsBuffer([Convert]::FromBase64String([string]$env:${HELLO_CHALLENGE_ENV}))`,
  '  $s = Wait-Op ($k.Credential.RequestSignAsync($buf)) ([Windows.Security.Credentials.KeyCredentialOperationResult])',
  "  if ($s.Status -ne 'Success') { [Console]::Out.Write('RESULT:' + $s.Status.ToString()); exit }",
  "  [Console]::Out.Write('SIGNATURE:' + [Convert]::ToBase64String([System.Runtime.InteropServices.WindowsRuntime.WindowsRuntimeBufferExtensions]::ToArray($s.Result)))",
  '  exit',
  '} else {',
  `  $r = Wait-Op ([Windows.Security.Credentials.UI.UserConsentVerifier]::RequestVerificationAsync([string]$env:${HELLO_MESSAGE_ENV})) ([Windows.Security.Credentials.UI.UserConsentVerificationResult])`,
  '}',
  "[Console]::Out.Write('RESULT:' + $r.ToString())",
].join('\n');

/** The -EncodedCommand argument: the script as UTF-16LE, base64. */
export function encodedHelloCommand(script: string = WINDOWS_HELLO_SCRIPT): string {
  return Buffer.from(script, 'utf16le').toString('base64');
}

/** The arguments for powershell.exe (no profile, no prompts, this script only). */
export function helloPowerShellArgs(): string[] {
  return ['-NoLogo', '-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand', encodedHelloCommand()];
}

/** The word the script printed, or null. */
export function readHelloResult(stdout: string): string | null {
  const m = /RESULT:([A-Za-z]+)\s*$/.exec(stdout.trim());
  return m?.[1] ?? null;
}

/** Only `Verified` is a successful verification. */
export function helloVerified(stdout: string): boolean {
  return readHelloResult(stdout) === 'Verified';
}

/**
 * The Windows Hello signature the script printed in `sign` mode, or null (refused,
 * cancelled, no key, garbage). An RSA-2048 signature is 256 bytes; shorter is refused.
 */
export function readHelloSignature(stdout: string): Buffer | null {
  const m = /SIGNATURE:([A-Za-z0-9+/]+={0,2})\s*$/.exec(stdout.trim());
  if (!m) return null;
  const sig = Buffer.from(m[1]!, 'base64');
  return sig.length >= 256 ? sig : null;
}

/** Only `Available` means a verifier is set up and usable. */
export function helloAvailable(stdout: string): boolean {
  return readHelloResult(stdout) === 'Available';
}

/** The system's own Windows PowerShell, never one found on PATH. */
export function powerShellPath(systemRoot: string | undefined): string {
  const root = systemRoot !== undefined && /^[A-Za-z]:\\/.test(systemRoot) ? systemRoot.replace(/\\+$/, '') : 'C:\\Windows';
  return `${root}\\System32\\WindowsPowerShell\\v1.0\\powershell.exe`;
}
