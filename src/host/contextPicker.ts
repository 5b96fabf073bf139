// The Add Context picker and opening a chip's file: Current File, Open Editors, Files… (a workspace search),
// Selection and Problems, each turned into items the chat pins.
import * as vscode from 'vscode';
import type { ContextActions } from '../chat/contextChips';
import type { ContextItem, NewContextItem } from '../chat/contextItems';
import { hostUri } from '../chat/droppedUris';
import { t } from '../shared/l10n';
import { contextItemFor, problemsItem, selectionItem } from './contextReader';

const MAX_FOUND_FILES = 2000;

/** The text editor the user was in: the chat webview has the focus when its button is pressed. */
function lastEditor(): vscode.TextEditor | undefined {
  return vscode.window.activeTextEditor ?? vscode.window.visibleTextEditors[0];
}

/** Every file open in a tab, in tab order. */
function openEditorUris(): vscode.Uri[] {
  const uris = vscode.window.tabGroups.all.flatMap((group) =>
    group.tabs.flatMap((tab) => (tab.input instanceof vscode.TabInputText ? [tab.input.uri] : [])),
  );
  return uris.filter((uri, i) => uris.findIndex((other) => other.toString() === uri.toString()) === i);
}

async function pickFiles(): Promise<NewContextItem[]> {
  const found = await vscode.workspace.findFiles('**/*', undefined, MAX_FOUND_FILES);
  const picked = await vscode.window.showQuickPick(
    found
      .map((uri) => ({ label: vscode.workspace.asRelativePath(uri, false), uri }))
      .sort((a, b) => a.label.localeCompare(b.label)),
    {
      title: t('Add Files to Chat'),
      placeHolder: t('Files whose current content is sent with every message'),
      canPickMany: true,
    },
  );
  return (picked ?? []).map(({ uri }) => contextItemFor(uri, 'file'));
}

function nothing(message: string): NewContextItem[] {
  void vscode.window.showInformationMessage(message);
  return [];
}

interface Choice {
  label: string;
  description: string;
  pick: () => Promise<NewContextItem[]> | NewContextItem[];
}

/** Built when the picker opens, so the labels are in the display language. */
function choices(): Choice[] {
  const noEditor = () => nothing(t('Vitalentum: no file is open in an editor.'));
  return [
    {
      label: t('Current File'),
      description: t('The file in the active editor'),
      pick: () => {
        const editor = lastEditor();
        return editor ? [contextItemFor(editor.document.uri, 'file')] : noEditor();
      },
    },
    {
      label: t('Open Editors'),
      description: t('Every file open in a tab'),
      pick: () => openEditorUris().map((uri) => contextItemFor(uri, 'file')),
    },
    { label: t('Files…'), description: t('Search the workspace'), pick: pickFiles },
    {
      label: t('Selection'),
      description: t('The selected code, as it is now'),
      pick: () => {
        const item = selectionItem(lastEditor());
        return item ? [item] : nothing(t('Vitalentum: select some code in an editor first.'));
      },
    },
    {
      label: t('Problems'),
      description: t('The current file’s errors and warnings, with the lines around each'),
      pick: () => {
        const editor = lastEditor();
        return editor ? problemsItem(editor.document.uri).then((item) => [item]) : noEditor();
      },
    },
  ];
}

async function pickContext(): Promise<NewContextItem[]> {
  const choice = await vscode.window.showQuickPick(choices(), {
    title: t('Add Context'),
    placeHolder: t('What the chat sends with every message of this conversation'),
    // Run from the command palette, the picker would close as it opens when the chat's webview takes the focus back.
    ignoreFocusOut: true,
  });
  return choice ? choice.pick() : [];
}

async function openContext(item: ContextItem): Promise<void> {
  const uri = vscode.Uri.parse(item.uri);
  const selection =
    item.kind === 'selection'
      ? new vscode.Range(item.startLine - 1, 0, item.endLine - 1, Number.MAX_SAFE_INTEGER)
      : undefined;
  await vscode.window.showTextDocument(uri, { preview: true, ...(selection ? { selection } : {}) });
}

/** Dropped URIs that name files; folders and anything that is not a URI are left out, and the user hears why. */
async function droppedFiles(uris: readonly string[]): Promise<NewContextItem[]> {
  const files: NewContextItem[] = [];
  const skipped: string[] = [];
  // No file system for the scheme here means the host runs on the remote, where the file is a plain file.
  const readsRemoteScheme = vscode.workspace.fs.isWritableFileSystem('vscode-remote') !== undefined;
  for (const text of uris) {
    let uri: vscode.Uri;
    try {
      uri = vscode.Uri.parse(hostUri(text, { readsRemoteScheme }), true);
    } catch {
      skipped.push(text.slice(0, 80));
      continue;
    }
    const type = await vscode.workspace.fs.stat(uri).then(
      (stat) => stat.type,
      () => vscode.FileType.Unknown,
    );
    if (type & vscode.FileType.Directory) skipped.push(vscode.workspace.asRelativePath(uri, false));
    else files.push(contextItemFor(uri, 'file'));
  }
  if (skipped.length > 0) {
    void vscode.window.showInformationMessage(
      t('Vitalentum: only files can be added to the chat; left out: {0}.', skipped.join(', ')),
    );
  }
  return files;
}

export const contextActions: ContextActions = { pick: pickContext, open: openContext, dropped: droppedFiles };
