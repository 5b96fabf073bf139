// "Vitalentum: Choose Backend": the setup card's choices as a quick pick. The local servers are looked for while it
// is open and listed as they are found; picking one, a URL or Vitalentum settles the setup card too.
import * as vscode from 'vscode';
import type { FoundServer } from '../provider';
import type { ChatRuntime } from '../host/chatRuntime';
import { backendChoices } from '../host/backendChoices';
import { t } from '../shared/l10n';
import { formatWindowTokens } from '../shared/tokenEstimate';

interface Choice extends vscode.QuickPickItem {
  run?: () => Promise<boolean>;
}

function serverItems(servers: readonly FoundServer[]): Choice[] {
  return servers.flatMap((server) =>
    server.models.map((model): Choice => ({
      label: model.id,
      description: [
        `${server.name} · ${server.baseUrl}`,
        ...(model.contextLength === undefined ? [] : [t('{0} context', formatWindowTokens(model.contextLength))]),
      ].join(' · '),
      run: () => backendChoices.useServer(server.baseUrl, model.id),
    })),
  );
}

export async function chooseBackend(runtime: ChatRuntime): Promise<void> {
  const others: Choice[] = [
    { label: t('Elsewhere'), kind: vscode.QuickPickItemKind.Separator },
    { label: t('Use an OpenAI-compatible URL…'), run: () => backendChoices.useCustomUrl() },
    {
      label: t('Keep Vitalentum'),
      description: t('the Vitalentum service'),
      run: () => backendChoices.keepVitalentum(),
    },
  ];
  const local = (items: Choice[]): Choice[] => [
    { label: t('On this machine'), kind: vscode.QuickPickItemKind.Separator },
    ...items,
  ];
  const pick = vscode.window.createQuickPick<Choice>();
  pick.title = t('Vitalentum: Choose Backend');
  pick.placeholder = t('Where the chat sends its questions');
  // The chat's webview, when it had the focus, takes it back a moment after the command palette closes; that would
  // close the picker as it opens. Escape closes it.
  pick.ignoreFocusOut = true;
  pick.busy = true;
  pick.items = [...local([{ label: t('Looking for servers on this machine…'), alwaysShow: true }]), ...others];
  const looking = new AbortController();
  void runtime.findLocalServers(looking.signal).then((result) => {
    if (looking.signal.aborted) return;
    pick.busy = false;
    const found = serverItems(result.found);
    pick.items = [
      ...local(found.length > 0 ? found : [{ label: t('No server answered on this machine’s usual ports.') }]),
      ...others,
    ];
  });
  const chosen = await new Promise<Choice | undefined>((resolve) => {
    pick.onDidAccept(() => {
      const [item] = pick.selectedItems;
      if (item?.run) resolve(item);
    });
    pick.onDidHide(() => resolve(undefined));
    pick.show();
  });
  looking.abort();
  pick.dispose();
  if (chosen?.run && (await chosen.run())) await runtime.setupCard.chosenElsewhere();
}
