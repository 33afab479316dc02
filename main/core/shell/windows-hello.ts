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

export const WINDOWS_HELLO_SCRIPT = [
  "$ErrorActionPreference = 'Stop'",
  'Add-Type -AssemblyName System.Runtime.WindowsRuntime',
  '$null = [Windows.Security.Credentials.UI.UserConsentVerifier, Windows.Security.Credentials.UI, ContentType = WindowsRuntime]',
  "$asTask = [System.WindowsRuntimeSystemExtensions].GetMethods() | Where-Object { $_.Name -eq 'AsTask' -and $_.GetParameters().Count -eq 1 -and $_.GetParameters()[0].ParameterType.Name -eq 'IAsyncOperation`1' } | Select-Object -First 1",
  'function Wait-Op($op, [Type]$type) { $task = $asTask.MakeGenericMethod($type).Invoke($null, @($op)); $null = $task.Wait(-1); $task.Result }',
  `if ($env:${HELLO_MODE_ENV} -eq 'check') {`,
  '  $r = Wait-Op ([Windows.Security.Credentials.UI.UserConsentVerifier]::CheckAvailabilityAsync()) ([Windows.Security.Credentials.UI.UserConsentVerifierAvailability])',
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

/** Only `Available` means a verifier is set up and usable. */
export function helloAvailable(stdout: string): boolean {
  return readHelloResult(stdout) === 'Available';
}

/** The system's own Windows PowerShell, never one found on PATH. */
export function powerShellPath(systemRoot: string | undefined): string {
  const root = systemRoot !== undefined && /^[A-Za-z]:\\/.test(systemRoot) ? systemRoot.replace(/\\+$/, '') : 'C:\\Windows';
  return `${root}\\System32\\WindowsPowerShell\\v1.0\\powershell.exe`;
}
