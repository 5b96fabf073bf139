// Only where you point it: a whole session in a real VS Code (open the chat, ask, export, list the models) while the
// extension host's inet sockets are read from /proc every 20 ms. Every connection the extension host opens must go
// to the configured base URL's port; a trap listening on Ollama's port (where a stray request or a probe would go)
// must see nothing. The setup card is not shown (the settings name the backend), so no local server is looked for.
import assert from 'node:assert/strict';
import { createServer, type Socket } from 'node:net';
import { describe } from 'node:test';
import { commandLine, descendants, portOf, SocketWatch, socketsOf, type SocketSeen } from '../support/procSockets';
import { ChatView, it, useChatSuite, type VSCodeSession } from '../support/ui';

const TRAP_PORT = 11434;

/** The code-server's extension-host processes (one per window, and another after a reload). */
function extensionHosts(session: VSCodeSession): number[] {
  return descendants(session.codeServerPid).filter((pid) => /extensionHost/.test(commandLine(pid)));
}

/** The ports code-server and its processes other than the extension hosts listen on. */
function vscodeListeningPorts(session: VSCodeSession): Set<number> {
  const hosts = new Set(extensionHosts(session));
  const pids = [session.codeServerPid, ...descendants(session.codeServerPid)].filter((pid) => !hosts.has(pid));
  return new Set(
    pids.flatMap((pid) =>
      socketsOf(pid)
        .filter((s) => s.state === 'LISTEN')
        .map((s) => portOf(s.local)),
    ),
  );
}

function describeSocket(socket: SocketSeen & { pid: number }): string {
  return `${socket.protocol} ${socket.local} -> ${socket.remote} ${socket.state} (pid ${socket.pid})`;
}

describe('only where you point it', { skip: process.platform !== 'linux' && 'reads /proc' }, () => {
  const suite = useChatSuite('single-destination', {
    settings: { 'vitalentum.provider': 'openai-compatible', 'vitalentum.model': 'vitalentum-demo' },
    openChat: false,
  });

  it('a whole session connects to the base URL’s port and nowhere else', async () => {
    const trapped: Socket[] = [];
    const trap = createServer((socket) => trapped.push(socket));
    await new Promise<void>((resolve, reject) => {
      trap.once('error', (error) =>
        reject(new Error(`the trap cannot listen on 127.0.0.1:${TRAP_PORT} (${String(error)}); free the port`)),
      );
      trap.listen(TRAP_PORT, '127.0.0.1', resolve);
    });
    const serverPort = portOf(new URL(suite.server.url).host);
    const hosts = extensionHosts(suite.vscode);
    assert.ok(
      hosts.length > 0,
      `no extension host under code-server ${suite.vscode.codeServerPid}: ${descendants(suite.vscode.codeServerPid)
        .map((pid) => `${pid} ${commandLine(pid).slice(0, 120)}`)
        .join('\n')}`,
    );
    const watch = new SocketWatch(() => extensionHosts(suite.vscode));
    let seen: (SocketSeen & { pid: number })[] = [];
    try {
      await suite.vscode.runCommand('Ask Vitalentum');
      let chat = await ChatView.find(suite.vscode, 'panel');
      assert.equal(await chat.by('setup-card').isHidden(), true, 'the setup card is not shown');
      assert.equal(await chat.sendAndWait('[echo] One destination.'), 'One destination.');
      assert.notEqual(await chat.sendAndWait('[chunks:30] [pace:10] A second question'), '');
      await chat.by('export').click();
      await suite.vscode.page.locator('.tab.active', { hasText: 'Untitled' }).first().waitFor();
      await suite.vscode.runCommand('Vitalentum: Select Model', { opensPicker: true });
      await suite.vscode.pickRow('gpt-3.5-turbo');
      // The export's editor covers the chat panel, whose webview is rebuilt when it is shown again.
      await suite.vscode.runCommand('Ask Vitalentum');
      chat = await ChatView.find(suite.vscode, 'panel');
      await chat.frame.locator('[data-testid="backend-chip"]', { hasText: 'gpt-3.5-turbo' }).waitFor();
      assert.equal(await chat.sendAndWait('[echo] With the other model.'), 'With the other model.');
      // Give a late stray request time to be seen.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
    } finally {
      seen = watch.stop();
      trap.close();
      for (const socket of trapped) socket.destroy();
    }
    const report = seen.map(describeSocket);
    process.stdout.write(`Sockets of the extension host (${watch.samples} samples):\n  ${report.join('\n  ')}\n`);
    // Connections the extension host opened: not listening sockets, nor connections accepted on a port of its own
    // or of code-server, which hands the workbench's connection to the extension host (VS Code's own channel).
    const vscodePorts = vscodeListeningPorts(suite.vscode);
    const inbound = new Set([...vscodePorts, ...seen.filter((s) => s.state === 'LISTEN').map((s) => portOf(s.local))]);
    process.stdout.write(`code-server listens on: ${[...vscodePorts].join(', ')}\n`);
    const opened = seen.filter((s) => s.state !== 'LISTEN' && !inbound.has(portOf(s.local)));
    const elsewhere = opened.filter((s) => !(s.protocol.startsWith('tcp') && portOf(s.remote) === serverPort));
    assert.deepEqual(elsewhere.map(describeSocket), [], `connections beyond the base URL's port ${serverPort}`);
    assert.ok(
      opened.some((s) => portOf(s.remote) === serverPort),
      `the base URL's connection was not seen at all:\n${report.join('\n')}`,
    );
    assert.equal(trapped.length, 0, `${trapped.length} connections reached 127.0.0.1:${TRAP_PORT}`);
    const chats = suite.server.requests.filter((r) => r.path === '/v1/chat/completions').length;
    const lists = suite.server.requests.filter((r) => r.path === '/v1/models').length;
    assert.equal(chats, 3);
    assert.ok(lists >= 1, 'the model list was asked for');
  });
});
