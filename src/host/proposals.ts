// Apply: a reply's code block shown as a diff against its target first; Accept makes it one WorkspaceEdit (one undo,
// left unsaved), Reject changes nothing. A target that changed since the diff was made gets a fresh diff instead.
import * as vscode from 'vscode';
import { fitToRange, nearestOccurrence, parseCodeTarget } from '../chat/codeTarget';
import type { PinnedSelection } from '../chat/contextItems';
import { DisposableBase } from '../common/lifecycle';
import { CONTEXT_KEY, FILE_SCHEMES, PROPOSAL_SCHEME } from '../config/ids';
import { t } from '../shared/l10n';

interface Target {
  uri: vscode.Uri;
  /** The part of the document the code replaces; the whole document when absent. */
  range?: vscode.Range;
  /** False when the block names a file that does not exist yet: Accept creates it. */
  exists: boolean;
}

interface Proposal {
  target: Target;
  code: string;
  /** The target's text when the diff was made: Accept compares against it. */
  baseText: string;
  proposedText: string;
  /** The proposed text's own document, the diff's right side. */
  uri: vscode.Uri;
}

export class Proposals extends DisposableBase implements vscode.TextDocumentContentProvider {
  private current: Proposal | undefined;
  private count = 0;

  constructor() {
    super();
    this._register(vscode.workspace.registerTextDocumentContentProvider(PROPOSAL_SCHEME, this));
    // Closing the diff by hand is a Reject: the palette and title buttons go away with it.
    this._register(
      vscode.window.tabGroups.onDidChangeTabs(() => {
        if (this.current && this.tabsShowing(this.current.uri).length === 0) this.forget();
      }),
    );
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.current?.uri.toString() === uri.toString() ? this.current.proposedText : '';
  }

  async apply(code: string, info: string, selection: PinnedSelection | undefined): Promise<void> {
    const parsed = parseCodeTarget(info, code);
    const target = parsed.path ? await this.namedFile(parsed.path) : await this.unnamedTarget(selection);
    if (!target) {
      void vscode.window.showInformationMessage(
        parsed.path
          ? t('Vitalentum: open a folder to apply code to the file the block names.')
          : t('Vitalentum: open a file in the editor to apply code to it.'),
      );
      return;
    }
    await this.propose(target, parsed.code);
  }

  async accept(): Promise<void> {
    const proposal = this.current;
    if (!proposal) return;
    const { target, code } = proposal;
    const edit = new vscode.WorkspaceEdit();
    if (target.exists) {
      const document = await vscode.workspace.openTextDocument(target.uri);
      if (document.getText() !== proposal.baseText) {
        void vscode.window.showInformationMessage(
          t('Vitalentum: the file changed since the diff was made; here is a fresh one to review.'),
        );
        await this.propose({ ...target, range: movedRange(proposal, document) }, code);
        return;
      }
      edit.replace(target.uri, target.range ?? wholeDocument(document), code);
    } else {
      edit.createFile(target.uri, { ignoreIfExists: true });
      edit.insert(target.uri, new vscode.Position(0, 0), code);
    }
    await this.close();
    if (!(await vscode.workspace.applyEdit(edit))) {
      void vscode.window.showWarningMessage(
        t('Vitalentum: the change could not be applied; the file may be read-only.'),
      );
      return;
    }
    await vscode.window.showTextDocument(target.uri, { preview: false });
  }

  reject(): Promise<void> {
    return this.close();
  }

  private async propose(target: Target, block: string): Promise<void> {
    await this.close();
    const document = target.exists ? await vscode.workspace.openTextDocument(target.uri) : undefined;
    const code = document && target.range ? fitToRange(block, document.getText(target.range)) : block;
    const baseText = document?.getText() ?? '';
    const proposedText =
      document && target.range
        ? baseText.slice(0, document.offsetAt(target.range.start)) +
          code +
          baseText.slice(document.offsetAt(target.range.end))
        : code;
    // The path keeps the file's extension, so the diff highlights the proposal in the file's language.
    const uri = vscode.Uri.from({ scheme: PROPOSAL_SCHEME, path: target.uri.path, query: `proposal=${++this.count}` });
    this.current = { target, code, baseText, proposedText, uri };
    await vscode.commands.executeCommand('setContext', CONTEXT_KEY.proposalOpen, true);
    const left = target.exists ? target.uri : uri.with({ query: 'empty' });
    const name = target.uri.path.split('/').at(-1) ?? '';
    const title = target.exists
      ? t('{0} ↔ Proposed by Vitalentum', name)
      : t('{0} ↔ Proposed by Vitalentum (new file)', name);
    await vscode.commands.executeCommand('vscode.diff', left, uri, title, { preview: false });
  }

  private async close(): Promise<void> {
    const proposal = this.current;
    if (!proposal) return;
    this.forget();
    await vscode.window.tabGroups.close(this.tabsShowing(proposal.uri));
  }

  private forget(): void {
    this.current = undefined;
    void vscode.commands.executeCommand('setContext', CONTEXT_KEY.proposalOpen, false);
  }

  private tabsShowing(uri: vscode.Uri): vscode.Tab[] {
    return vscode.window.tabGroups.all
      .flatMap((group) => group.tabs)
      .filter(
        (tab) => tab.input instanceof vscode.TabInputTextDiff && tab.input.modified.toString() === uri.toString(),
      );
  }

  /** A workspace file, existing or to be created; none without a workspace folder. */
  private async namedFile(path: string): Promise<Target | undefined> {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder) return undefined;
    const uri = vscode.Uri.joinPath(folder.uri, ...path.split('/'));
    const exists = await vscode.workspace.fs.stat(uri).then(
      () => true,
      () => false,
    );
    return { uri, exists };
  }

  /**
   * The pinned selection where its text is now (its occurrence nearest to the lines it was taken from; its whole file
   * when it is gone, which the diff makes plain), else the file in the editor.
   */
  private async unnamedTarget(selection: PinnedSelection | undefined): Promise<Target | undefined> {
    if (selection) {
      const uri = vscode.Uri.parse(selection.uri);
      const document = await vscode.workspace.openTextDocument(uri);
      const near = document.offsetAt(new vscode.Position(selection.startLine - 1, 0));
      const at = nearestOccurrence(document.getText(), selection.text, near);
      if (at === -1) return { uri, exists: true };
      const range = new vscode.Range(document.positionAt(at), document.positionAt(at + selection.text.length));
      return { uri, range, exists: true };
    }
    const editor = [vscode.window.activeTextEditor, ...vscode.window.visibleTextEditors].find(
      (e) => e && [...FILE_SCHEMES, 'untitled'].includes(e.document.uri.scheme),
    );
    return editor ? { uri: editor.document.uri, exists: true } : undefined;
  }
}

function wholeDocument(document: vscode.TextDocument): vscode.Range {
  return new vscode.Range(new vscode.Position(0, 0), document.positionAt(document.getText().length));
}

/** Where the replaced text is now: its occurrence nearest to where it was, or the old range when it is gone. */
function movedRange(proposal: Proposal, document: vscode.TextDocument): vscode.Range | undefined {
  const { range } = proposal.target;
  if (!range) return undefined;
  const lines = proposal.baseText.split('\n');
  const offsetOf = (p: vscode.Position): number =>
    lines.slice(0, p.line).reduce((sum, line) => sum + line.length + 1, 0) + p.character;
  const [start, end] = [offsetOf(range.start), offsetOf(range.end)];
  const replaced = proposal.baseText.slice(start, end);
  const best = nearestOccurrence(document.getText(), replaced, start);
  if (best === -1) return document.validateRange(range);
  return new vscode.Range(document.positionAt(best), document.positionAt(best + replaced.length));
}
