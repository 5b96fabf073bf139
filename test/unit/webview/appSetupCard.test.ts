// The setup card in the chat webview: hidden until the host sends one, "looking" while servers are looked for, then
// each found model as a named button that asks the host to use it, the URL and Vitalentum choices, and "Look again"
// when nothing answered.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SetupCardView } from '../../../src/shared/setupCardView';
import { click, harness, state } from './appHarness';
import { withGlobalDom } from './dom';

const looked = [
  { name: 'Ollama', port: 11434 },
  { name: 'LM Studio', port: 1234 },
];

function card(extra: Partial<SetupCardView> = {}): SetupCardView {
  return { reason: 'firstRun', looking: false, servers: [], looked, ...extra };
}

test('the card is hidden until the host sends one, and hidden again when it sends none', () => {
  withGlobalDom((window) => {
    const h = harness(window);
    h.send({ type: 'state', state: state([]) });
    assert.equal(h.find('setup-card')?.hidden, true);
    h.send({ type: 'setupCard', card: card({ looking: true }) });
    const shown = h.find('setup-card');
    assert.equal(shown?.hidden, false);
    assert.equal(shown?.tagName, 'SECTION');
    const title = window.document.getElementById(shown?.getAttribute('aria-labelledby') ?? '');
    assert.equal(title?.textContent, 'Choose a chat server');
    assert.match(h.find('setup-looking')?.textContent ?? '', /Looking for servers on this machine/);
    assert.equal(h.find('setup-servers')?.getAttribute('aria-busy'), 'true');
    h.send({ type: 'setupCard' });
    assert.equal(h.find('setup-card')?.hidden, true);
  });
});

test('each found model is a button named for its server, and a click asks the host to use it', () => {
  withGlobalDom((window) => {
    const h = harness(window);
    const models = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((id) => ({ id }));
    h.send({
      type: 'setupCard',
      card: card({
        servers: [
          { name: 'Ollama', baseUrl: 'http://127.0.0.1:11434', models: [{ id: 'llama3.2', contextLength: 131072 }] },
          { name: 'LM Studio', baseUrl: 'http://127.0.0.1:1234', models },
          { name: 'vLLM', baseUrl: 'http://localhost:8000', models: [] },
        ],
      }),
    });
    assert.equal(h.find('setup-servers')?.getAttribute('aria-busy'), 'false');
    const servers = h.findAll('setup-server');
    assert.equal(servers.length, 3);
    assert.match(servers[0].textContent ?? '', /Ollama http:\/\/127\.0\.0\.1:11434/);
    const [llama] = h.findAll('setup-model', servers[0]);
    assert.equal(llama.tagName, 'BUTTON');
    assert.equal(llama.textContent, 'llama3.2 · 128k');
    assert.equal(llama.getAttribute('aria-label'), 'Use Ollama at http://127.0.0.1:11434 with the model llama3.2');
    // Long lists are cut; Choose Backend has them all.
    assert.equal(h.findAll('setup-model', servers[1]).length, 6);
    assert.match(servers[1].textContent ?? '', /2 more in Choose Backend/);
    assert.equal(h.findAll('setup-model', servers[2]).length, 0);
    assert.match(servers[2].textContent ?? '', /lists no models yet/);
    click(llama);
    click(h.find('setup-custom-url'));
    click(h.find('setup-keep'));
    assert.deepEqual(h.posted, [
      { type: 'useLocalServer', baseUrl: 'http://127.0.0.1:11434', model: 'llama3.2' },
      { type: 'useCustomUrl' },
      { type: 'keepVitalentum' },
    ]);
  });
});

test('when nothing answered it names the ports looked at and offers to look again; an unreachable server says so', () => {
  withGlobalDom((window) => {
    const h = harness(window);
    h.send({ type: 'setupCard', card: card({ reason: 'unreachable' }) });
    assert.match(h.find('setup-card')?.textContent ?? '', /could not be reached/);
    assert.match(h.find('setup-servers')?.textContent ?? '', /usual ports \(Ollama 11434, LM Studio 1234\)/);
    const again = h.find('setup-find-again');
    assert.equal(again?.tagName, 'BUTTON');
    click(again);
    assert.deepEqual(h.posted, [{ type: 'findServers' }]);
    for (const id of ['setup-custom-url', 'setup-keep']) {
      const button = h.find(id);
      assert.equal(button?.tagName, 'BUTTON');
      assert.notEqual(button?.textContent?.trim(), '', `${id} has a visible name`);
    }
  });
});
