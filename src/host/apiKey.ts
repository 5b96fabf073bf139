// The API key in VS Code's secret storage: the only place that names the secret. Read once and kept until it
// changes, here (Set or Clear API Key) or in another window (the storage's change event): each read is a round trip
// to the workbench, tens of milliseconds between Enter and the request, and again at every refresh of the context
// meter while a reply streams.
import type * as vscode from 'vscode';
import { API_KEY_SECRET } from '../config/ids';
import { DisposableBase } from '../common/lifecycle';

export class ApiKey extends DisposableBase {
  private kept: Promise<string | undefined> | undefined;

  constructor(private readonly secrets: vscode.SecretStorage) {
    super();
    this._register(secrets.onDidChange((event) => event.key === API_KEY_SECRET && this.forget()));
  }

  /** The key as kept, or read anew. A failed read is not kept: the next asks again, and sees the failure anew. */
  get(): Promise<string | undefined> {
    if (this.kept) return this.kept;
    const reading = Promise.resolve(this.secrets.get(API_KEY_SECRET)).then((key) => key || undefined);
    this.kept = reading;
    reading.catch(() => {
      if (this.kept === reading) this.forget();
    });
    return reading;
  }

  async store(key: string): Promise<void> {
    await this.secrets.store(API_KEY_SECRET, key);
    // The next request uses the new key even if the storage's change event has not come yet.
    this.forget();
  }

  async clear(): Promise<void> {
    await this.secrets.delete(API_KEY_SECRET);
    this.forget();
  }

  /** The key changed: the next `get` reads it again (a read under way still answers those who asked already). */
  private forget(): void {
    this.kept = undefined;
  }
}
