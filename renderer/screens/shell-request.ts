// Why: what the tray, the global shortcut or a finished unlock asks the unlocked shell to
// show (the unlock prompt is the lock screen itself and never reaches the shell). `nonce` makes the same request twice in a row still count.
export interface ShellRequest {
  screen: 'quick-search' | 'home' | 'totp-prompt' | 'password-prompt';
  profileId: string | null;
  nonce: number;
}
