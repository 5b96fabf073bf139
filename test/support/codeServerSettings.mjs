// The user settings every code-server the harness starts begins with: quiet, offline, and trust off unless a test
// wants a restricted folder.

/**
 * @param {{ restricted: boolean, settings: Record<string, unknown> }} options
 * @returns {Record<string, unknown>}
 */
export function harnessSettings({ restricted, settings }) {
  return {
    'workbench.startupEditor': 'none',
    // Trust is off unless a test wants the folder restricted: then it is on, and the folder is never trusted
    // (no start-up prompt that could trust it).
    'security.workspace.trust.enabled': restricted,
    ...(restricted ? { 'security.workspace.trust.startupPrompt': 'never' } : {}),
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'telemetry.telemetryLevel': 'off',
    'git.openRepositoryInParentFolders': 'never',
    'workbench.tips.enabled': false,
    // code-server's window is a remote one, so VS Code looks for ports to forward: every two seconds or more, its
    // extension host spawns `ls` and `ps` and reads /proc for each process (desktop VS Code's local host does not).
    // Each scan forks the extension host and runs for tens of milliseconds beside the extension, and the servers the
    // tests start would be offered for forwarding.
    'remote.autoForwardPorts': false,
    // The scan runs whatever that setting says while a tunnel provider is registered, as code-server's is; it stops
    // only when ports are taken from terminal output instead of from processes.
    'remote.autoForwardPortsSource': 'output',
    ...settings,
  };
}
