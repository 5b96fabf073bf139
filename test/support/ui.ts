// What the UI suites are written with: `it` with a UI test's deadline, the hooks of a chat suite (a local protocol
// server and a VS Code that talks to it), and the session and chat drivers (uiSession.ts, uiChat.ts).
import { after, afterEach, before, it as nodeIt } from 'node:test';
import { startProtocolServer, type ProtocolServer, type ProtocolServerOptions } from './protocolServer';
import { ChatView } from './uiChat';
import { VSCodeSession, type SessionOptions } from './uiSession';

export { ChatView, renderedText, renderedTexts } from './uiChat';
export { VSCodeSession, type SessionOptions } from './uiSession';

/** The longest a UI test or hook may take; the waits inside it have shorter deadlines of their own. */
export const UI_TEST_TIMEOUT_MS = 180_000;

type TestBody = () => Promise<void>;

/**
 * node:test's `it` with UI_TEST_TIMEOUT_MS as each test's default timeout, which Node's --test-timeout cannot give:
 * Node 20 and 22 apply that to a whole file.
 */
export function it(name: string, ...rest: [TestBody] | [{ timeout?: number; skip?: string }, TestBody]): void {
  const [options, body] = rest.length === 1 ? [{}, rest[0]] : rest;
  void nodeIt(name, { timeout: UI_TEST_TIMEOUT_MS, ...options }, body);
}

/**
 * Whether the test that just ran failed, from the context `afterEach` receives (Node 20.12+ sets `passed`; the
 * Node 20 type definitions do not declare it yet).
 */
export function testFailed(context: object): boolean {
  return (context as { passed?: boolean }).passed === false;
}

/** What a chat UI suite works with; filled in by its `before` hook. */
export interface ChatSuite {
  server: ProtocolServer;
  vscode: VSCodeSession;
  /** The chat panel, when the suite opened it; a test that reopens the chat assigns the new view here. */
  chat: ChatView;
}

export interface ChatSuiteOptions extends Pick<
  SessionOptions,
  'colorScheme' | 'language' | 'restricted' | 'prepareWorkspace'
> {
  server?: ProtocolServerOptions;
  /** User settings besides `vitalentum.baseUrl`, which points at the suite's protocol server. */
  settings?: Record<string, unknown>;
  /** Open the chat panel from the palette once VS Code is up (default true). */
  openChat?: boolean;
  /** Runs after VS Code is up and before the chat first opens (the chat reads its store then). */
  beforeChat?: (vscode: VSCodeSession) => void | Promise<void>;
}

/**
 * Registers the hooks every chat UI suite needs: a local protocol server and a VS Code that talks to it, a
 * screenshot named `<name>-failure-<test>` of every failed test, and both closed at the end.
 */
export function useChatSuite(name: string, options: ChatSuiteOptions = {}): ChatSuite {
  const suite = {} as ChatSuite;
  const hook = { timeout: UI_TEST_TIMEOUT_MS };
  before(async () => {
    suite.server = await startProtocolServer(options.server);
    const { colorScheme, language, restricted, prepareWorkspace } = options;
    suite.vscode = await VSCodeSession.start({
      ...{ colorScheme, language, restricted, prepareWorkspace },
      settings: { 'vitalentum.baseUrl': suite.server.url, ...options.settings },
    });
    await options.beforeChat?.(suite.vscode);
    if (options.openChat === false) return;
    await suite.vscode.runCommand('Ask Vitalentum');
    suite.chat = await ChatView.find(suite.vscode, 'panel');
  }, hook);
  afterEach(async (t) => {
    if (testFailed(t)) await suite.vscode?.screenshot(`${name}-failure-${t.name}`);
  }, hook);
  after(async () => {
    await suite.vscode?.close();
    await suite.server?.close();
  }, hook);
  return suite;
}
