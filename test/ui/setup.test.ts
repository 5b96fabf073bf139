// First run in a real VS Code with nothing configured and an OpenAI-compatible server where Ollama listens
// (127.0.0.1:11434): the chat opens with the setup card listing that server and its models, in the panel and the
// sidebar; one click writes the backend to the user settings and the next question is answered by that server.
// Choose Backend offers the same from the palette, and the walkthrough's first step runs it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, afterEach, before, describe } from 'node:test';
import { startProtocolServer, type ProtocolServer } from '../support/protocolServer';
import { ChatView, it, testFailed, UI_TEST_TIMEOUT_MS, VSCodeSession } from '../support/ui';
import { waitForFile } from '../support/waitForFile';

const OLLAMA_PORT = 11434;
const MODELS = ['llama3.2:1b', 'qwen2.5-coder:7b'];

/** The fake Ollama, on Ollama's own port; a port already taken fails the suite with what to do about it. */
async function startFakeOllama(): Promise<ProtocolServer> {
  try {
    return await startProtocolServer({ port: OLLAMA_PORT, models: MODELS });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    throw new Error(
      `127.0.0.1:${OLLAMA_PORT} is taken (an Ollama or another test server is running there). This suite serves a ` +
        'fake Ollama on that port, as the setup card looks for one there: stop whatever listens on it and run again.',
    );
  }
}

function userSettings(session: VSCodeSession): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(session.userDataDir, 'User', 'settings.json'), 'utf8')) as Record<
    string,
    unknown
  >;
}

async function settingsWith(session: VSCodeSession, text: string): Promise<Record<string, unknown>> {
  await waitForFile(path.join(session.userDataDir, 'User', 'settings.json'), (t) => t.includes(text));
  return userSettings(session);
}

describe('setting up a backend on first run', () => {
  let server: ProtocolServer;
  let vscode: VSCodeSession;
  const hook = { timeout: UI_TEST_TIMEOUT_MS };
  before(async () => {
    server = await startFakeOllama();
    // Nothing about the backend in the settings: a first run.
    vscode = await VSCodeSession.start({ colorScheme: 'dark' });
  }, hook);
  afterEach(async (t) => {
    if (testFailed(t)) await vscode?.screenshot(`setup-failure-${t.name}`);
  }, hook);
  after(async () => {
    await vscode?.close();
    await server?.close();
  }, hook);

  it('the card lists the local server; one click makes it the backend and the next question is answered', async () => {
    assert.equal(userSettings(vscode)['vitalentum.baseUrl'], undefined);
    await vscode.runCommand('Ask Vitalentum');
    const chat = await ChatView.find(vscode, 'panel');
    await chat.by('setup-card').waitFor();
    const model = chat.frame.locator(`[data-testid="setup-model"][data-model="${MODELS[0]}"]`);
    await model.waitFor({ timeout: 15_000 });
    const found = await chat.by('setup-server').allInnerTexts();
    assert.equal(found.length, 1, found.join('\n'));
    assert.match(found[0], new RegExp(`Ollama http://127\\.0\\.0\\.1:${OLLAMA_PORT}`));
    for (const id of MODELS) assert.ok(found[0].includes(id), found[0]);
    assert.equal(
      await model.getAttribute('aria-label'),
      `Use Ollama at http://127.0.0.1:11434 with the model ${MODELS[0]}`,
    );
    await vscode.screenshot('setup-card-found-server');

    // The sidebar chat shows the same card.
    await vscode.page.locator('.activitybar [aria-label^="Vitalentum"]').first().click();
    const sidebar = await ChatView.find(vscode, 'sidebar');
    await sidebar.frame.locator(`[data-testid="setup-model"][data-model="${MODELS[0]}"]`).waitFor({ timeout: 15_000 });

    await model.click();
    const settings = await settingsWith(vscode, 'vitalentum.model');
    assert.equal(settings['vitalentum.provider'], 'openai-compatible');
    assert.equal(settings['vitalentum.baseUrl'], `http://127.0.0.1:${OLLAMA_PORT}`);
    assert.equal(settings['vitalentum.model'], MODELS[0]);
    await chat.by('setup-card').waitFor({ state: 'hidden', timeout: 10_000 });
    await sidebar.by('setup-card').waitFor({ state: 'hidden', timeout: 10_000 });

    const text = await chat.sendAndWait('[echo] Answered by the local server.');
    assert.equal(text, 'Answered by the local server.');
    const chats = server.requests.filter((r) => r.path === '/v1/chat/completions');
    assert.equal(chats.length, 1);
    assert.equal((chats[0].body as { model?: unknown }).model, MODELS[0]);
  });

  it('Choose Backend from the palette lists the same server’s models and the other choices', async () => {
    await vscode.runCommand('Vitalentum: Choose Backend', { opensPicker: true });
    const rows = vscode.page.locator('.quick-input-widget .monaco-list-row');
    await rows.filter({ hasText: MODELS[1] }).first().waitFor({ timeout: 15_000 });
    const labels = await vscode.page.locator('.quick-input-widget .monaco-list-row .label-name').allInnerTexts();
    assert.deepEqual(labels, [...MODELS, 'Use an OpenAI-compatible URL…', 'Keep Vitalentum']);
    await vscode.pickRow(MODELS[1]);
    const settings = await settingsWith(vscode, MODELS[1]);
    assert.equal(settings['vitalentum.model'], MODELS[1]);
    const chat = await ChatView.find(vscode, 'panel');
    await chat.frame.locator('[data-testid="backend-chip"]', { hasText: MODELS[1] }).waitFor();
    assert.equal(await chat.by('setup-card').isHidden(), true);
  });

  it('the walkthrough shows its three steps; the first step’s button opens Choose Backend', async () => {
    await vscode.runCommand('Welcome: Open Walkthrough...', { opensPicker: true });
    await vscode.pickRow('Get Started with Ask Vitalentum');
    const page = vscode.page;
    const steps = page.locator('.getting-started-step .step-title');
    await steps.filter({ hasText: 'Choose a backend' }).first().waitFor({ timeout: 20_000 });
    const titles = (await steps.allInnerTexts()).map((title) => title.trim());
    assert.deepEqual(titles, ['Choose a backend', 'Ask a question', 'Explain a selection']);
    const button = page.locator('.gettingStartedContainer .button-container .monaco-button', {
      hasText: 'Choose Backend',
    });
    await button.waitFor();
    // The step's media, its markdown page, is a webview beside the steps.
    const deadline = Date.now() + 20_000;
    const hasMedia = async () => {
      for (const frame of page.frames()) {
        const heading = await frame.$('h1').catch(() => null);
        if (heading && (await heading.innerText().catch(() => '')) === 'Choose a backend') return true;
      }
      return false;
    };
    while (!(await hasMedia())) {
      assert.ok(Date.now() < deadline, 'the step’s markdown media did not show within 20 s');
      await page.waitForTimeout(200);
    }
    await vscode.screenshot('walkthrough');
    await button.click();
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Vitalentum: Choose Backend' }).waitFor();
    await page.keyboard.press('Escape');
  });
});
