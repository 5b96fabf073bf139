// The setup card's rules: shown on first open while no backend is configured, and after a reply that could not reach
// its server; gone for good once a question is answered; local servers looked for only while it is shown; a choice
// settles it; only a server it found can be chosen from the webview.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { presentError } from '../../../src/chat/errorPresenter';
import { SetupCard, type SetupCardDeps, type SetupRecord } from '../../../src/chat/setupCard';
import { ProviderError, type ProbeResult } from '../../../src/provider';
import type { ChatMessageView } from '../../../src/shared/protocol';
import { RecordingLog } from './helpers';

const OLLAMA = { name: 'Ollama', baseUrl: 'http://127.0.0.1:11434', models: [{ id: 'llama3.2' }] };

interface Rig {
  card: SetupCard;
  written: SetupRecord[];
  probes: { signal: AbortSignal; resolve(result: ProbeResult): void }[];
  choices: string[];
  changes: () => number;
}

function rig(stored: unknown = undefined, configured = false, accept = true): Rig {
  const written: SetupRecord[] = [];
  const probes: Rig['probes'] = [];
  const choices: string[] = [];
  let changes = 0;
  const deps: SetupCardDeps = {
    memory: { read: () => stored, write: async (record) => void written.push(record) },
    backendConfigured: () => configured,
    probe: (signal) => new Promise((resolve) => probes.push({ signal, resolve })),
    looked: [{ name: 'Ollama', port: 11434 }],
    choices: {
      useServer: async (baseUrl, model) => (choices.push(`server ${baseUrl} ${model}`), accept),
      useCustomUrl: async () => (choices.push('url'), accept),
      keepVitalentum: async () => (choices.push('keep'), accept),
    },
    changed: () => void changes++,
    log: new RecordingLog(),
  };
  return { card: new SetupCard(deps), written, probes, choices, changes: () => changes };
}

function reply(status: ChatMessageView['status'], text = '', error?: unknown): ChatMessageView {
  return {
    id: 'r',
    role: 'assistant',
    text,
    status,
    createdAt: 1,
    ...(error === undefined ? {} : { error: presentError(error) }),
  };
}

const refused = () => new ProviderError('network', 'connect ECONNREFUSED', { code: 'ECONNREFUSED' });

describe('the setup card', () => {
  it('shows on first open, looking for servers, then lists what was found', async () => {
    const r = rig();
    assert.deepEqual(r.card.view(), { reason: 'firstRun', looking: true, servers: [], looked: r.card.view()?.looked });
    assert.equal(r.probes.length, 1, 'one probe, however many views ask');
    r.probes[0].resolve({ found: [OLLAMA], missed: [{ baseUrl: 'http://localhost:11434', reason: 'ECONNREFUSED' }] });
    await Promise.resolve();
    assert.equal(r.changes(), 1);
    assert.deepEqual(r.card.view()?.servers, [OLLAMA]);
    assert.equal(r.card.view()?.looking, false);
    assert.equal(r.probes.length, 1, 'found servers are not looked for again while the card stays');
  });

  it('is not shown, and nothing is probed, when the settings already name a backend or the user chose before', () => {
    for (const r of [rig(undefined, true), rig({ answered: false, dismissed: true })]) {
      assert.equal(r.card.view(), undefined);
      assert.equal(r.probes.length, 0);
    }
  });

  it('never comes back once a question was answered, not even after an unreachable server', async () => {
    const r = rig();
    r.card.view();
    r.card.replySettled(reply('complete', 'Hello'));
    await Promise.resolve();
    assert.deepEqual(r.written, [{ answered: true, dismissed: false }]);
    assert.equal(r.card.view(), undefined);
    assert.ok(r.probes[0].signal.aborted, 'hiding the card stops the probe');
    r.card.replySettled(reply('error', '', refused()));
    assert.equal(r.card.view(), undefined);
    // A new window reads the record.
    const next = rig(r.written.at(-1));
    next.card.replySettled(reply('error', '', refused()));
    assert.equal(next.card.view(), undefined);
  });

  it('counts a reply that said something as an answer, but not a failure or an empty stop', () => {
    for (const [message, answered] of [
      [reply('complete'), true],
      [reply('incomplete', 'partial'), true],
      [reply('stopped', 'some'), true],
      [reply('stopped'), false],
      [reply('error', 'partial', refused()), false],
      [{ ...reply('complete', 'hi'), role: 'user' as const }, false],
    ] as const) {
      const r = rig();
      r.card.replySettled(message);
      assert.equal(r.written.length > 0, answered, `${message.role} ${message.status} "${message.text}"`);
    }
  });

  it('comes back after a refused, unreachable or unresolvable server, but not after other failures', () => {
    const shows = (error: unknown) => {
      const r = rig({ answered: false, dismissed: true });
      r.card.replySettled(reply('error', '', error));
      return r.card.view()?.reason;
    };
    for (const code of ['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']) {
      assert.equal(shows(new ProviderError('network', code, { code })), 'unreachable', code);
    }
    assert.equal(shows(new ProviderError('network', 'reset', { code: 'ECONNRESET' })), undefined);
    assert.equal(shows(new ProviderError('http', 'HTTP 500', { status: 500 })), undefined);
    assert.equal(shows(new ProviderError('auth', 'HTTP 401', { status: 401 })), undefined);
  });

  it('writes only a server it found, and a choice hides it until the server is unreachable again', async () => {
    const r = rig();
    r.card.view();
    await assert.rejects(r.card.useServer(OLLAMA.baseUrl, 'llama3.2'), /not among the servers found/);
    r.probes[0].resolve({ found: [OLLAMA], missed: [] });
    await Promise.resolve();
    await assert.rejects(r.card.useServer('http://evil.example', 'llama3.2'), /not among/);
    await assert.rejects(r.card.useServer(OLLAMA.baseUrl, 'other'), /not among/);
    await r.card.useServer(OLLAMA.baseUrl, 'llama3.2');
    assert.deepEqual(r.choices, ['server http://127.0.0.1:11434 llama3.2']);
    assert.deepEqual(r.written, [{ answered: false, dismissed: true }]);
    assert.equal(r.card.view(), undefined);
    r.card.replySettled(reply('error', '', refused()));
    assert.equal(r.card.view()?.reason, 'unreachable');
    await r.card.keepVitalentum();
    assert.equal(r.card.view(), undefined);
  });

  it('stays when a choice is given up (the URL box closed)', async () => {
    const r = rig(undefined, false, false);
    await r.card.useCustomUrl();
    assert.deepEqual(r.choices, ['url']);
    assert.equal(r.written.length, 0);
    assert.equal(r.card.view()?.reason, 'firstRun');
  });

  it('looks again on request, dropping the probe under way', async () => {
    const r = rig();
    r.card.view();
    r.card.findServers();
    assert.equal(r.probes.length, 2);
    assert.ok(r.probes[0].signal.aborted);
    r.probes[0].resolve({ found: [OLLAMA], missed: [] });
    await Promise.resolve();
    assert.equal(r.card.view()?.looking, true, 'the dropped probe changes nothing');
    r.probes[1].resolve({ found: [], missed: [] });
    await Promise.resolve();
    assert.deepEqual(r.card.view()?.servers, []);
  });
});
