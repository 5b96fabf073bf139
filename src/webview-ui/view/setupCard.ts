// The setup card above the composer: the local servers the host found, each model a button that makes it the chat's
// backend, then "Use an OpenAI-compatible URL…" and "Keep Vitalentum". It only renders what the host sends.
import type { WebviewToHostMessage } from '../../shared/messages';
import { t } from '../../shared/l10n';
import type { SetupCardServer, SetupCardView } from '../../shared/setupCardView';
import { formatWindowTokens } from '../../shared/tokenEstimate';
import { h, textButton, uniqueId } from '../dom';
import { TEST_IDS } from '../testids';

/** More models than this are left to Choose Backend, so the card stays short. */
const MODELS_SHOWN = 6;

export class SetupCardPanel {
  readonly element: HTMLElement;
  private readonly intro: HTMLElement;
  private readonly servers: HTMLElement;

  constructor(private readonly post: (message: WebviewToHostMessage) => void) {
    const titleId = uniqueId('setup-title');
    this.intro = h('p', { class: 'setup-intro' });
    this.servers = h('div', { class: 'setup-servers', 'aria-live': 'polite', 'data-testid': TEST_IDS.setupServers });
    this.element = h(
      'section',
      { class: 'setup-card', 'aria-labelledby': titleId, 'data-testid': TEST_IDS.setupCard, hidden: true },
      h('h2', { id: titleId, class: 'setup-title' }, t('Choose a chat server')),
      this.intro,
      this.servers,
      h(
        'div',
        { class: 'setup-actions' },
        textButton('link', t('Use an OpenAI-compatible URL…'), TEST_IDS.setupCustomUrl, () =>
          post({ type: 'useCustomUrl' }),
        ),
        textButton('cloud', t('Keep Vitalentum'), TEST_IDS.setupKeep, () => post({ type: 'keepVitalentum' })),
      ),
    );
  }

  update(card: SetupCardView | undefined): void {
    this.element.hidden = card === undefined;
    if (!card) return;
    this.intro.textContent =
      card.reason === 'unreachable'
        ? t('The chat server could not be reached. Use a server on this machine, another URL, or keep Vitalentum.')
        : t(
            'Ask Vitalentum answers through a chat server. Use one running on this machine, an OpenAI-compatible URL, or the Vitalentum service.',
          );
    this.servers.setAttribute('aria-busy', String(card.looking));
    if (card.looking) {
      this.servers.replaceChildren(
        h(
          'p',
          { class: 'setup-note', 'data-testid': TEST_IDS.setupLooking },
          t('Looking for servers on this machine…'),
        ),
      );
      return;
    }
    if (card.servers.length > 0) {
      this.servers.replaceChildren(h('ul', { class: 'setup-list' }, ...card.servers.map((s) => this.serverItem(s))));
      return;
    }
    const ports = card.looked.map(({ name, port }) => `${name} ${port}`).join(', ');
    this.servers.replaceChildren(
      h('p', { class: 'setup-note' }, t('No server answered on this machine’s usual ports ({0}).', ports)),
      textButton('refresh', t('Look again'), TEST_IDS.setupFindAgain, () => this.post({ type: 'findServers' })),
    );
  }

  private serverItem(server: SetupCardServer): HTMLElement {
    const heading = h(
      'div',
      { class: 'setup-server-name' },
      h('strong', {}, server.name),
      ' ',
      h('span', { class: 'setup-url' }, server.baseUrl),
    );
    if (server.models.length === 0) {
      return h(
        'li',
        { 'data-testid': TEST_IDS.setupServer },
        heading,
        h('p', { class: 'setup-note' }, t('It lists no models yet; load or pull one, then look again.')),
      );
    }
    const buttons = server.models.slice(0, MODELS_SHOWN).map((model) => {
      const size = model.contextLength === undefined ? '' : ` · ${formatWindowTokens(model.contextLength)}`;
      const button = textButton('play', `${model.id}${size}`, TEST_IDS.setupModel, () =>
        this.post({ type: 'useLocalServer', baseUrl: server.baseUrl, model: model.id }),
      );
      button.setAttribute('aria-label', t('Use {0} at {1} with the model {2}', server.name, server.baseUrl, model.id));
      button.dataset.model = model.id;
      return button;
    });
    const more = server.models.length - MODELS_SHOWN;
    return h(
      'li',
      { 'data-testid': TEST_IDS.setupServer },
      heading,
      h('div', { class: 'setup-models' }, ...buttons),
      ...(more > 0 ? [h('p', { class: 'setup-note' }, t('{0} more in Choose Backend.', more))] : []),
    );
  }
}
