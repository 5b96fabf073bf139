// The URIs of files dropped on the chat, as the extension host names them. The workbench names a file of a remote
// workspace (code-server, a remote window) `vscode-remote://<authority>/<path>`; the extension host runs on that
// remote and reads the same file as `file:///<path>`, the scheme of its workspace folders.
const REMOTE_SCHEME = 'vscode-remote:';

/**
 * `uri` as the extension host reads it: a remote-workspace URI becomes the host's file URI, unless the host has a
 * file system for `vscode-remote` itself (a host running beside the workbench); other URIs stay as they are.
 */
export function hostUri(uri: string, { readsRemoteScheme }: { readsRemoteScheme: boolean }): string {
  if (readsRemoteScheme || !uri.toLowerCase().startsWith(REMOTE_SCHEME)) return uri;
  const rest = uri.slice(REMOTE_SCHEME.length);
  // `//authority/path?query#fragment`: the path is what names the file on the remote.
  const path = /^\/\/[^/?#]*([^?#]*)/.exec(rest)?.[1] ?? '';
  return `file://${path.startsWith('/') ? path : `/${path}`}`;
}
