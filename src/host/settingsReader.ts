// Reads the extension's settings through the pure validator; each distinct problem is shown to the user once and
// the default is used instead. VS Code's own proxy settings are read here too.
import * as vscode from 'vscode';
import { SETTINGS_SECTION } from '../config/ids';
import { SETTING_KEYS, validateSettings, type SettingKey, type Settings } from '../config/settings';
import type { ChatLog } from '../common/log';
import { t } from '../shared/l10n';

export interface ProxySettings {
  httpProxySetting?: string;
  strictSSL: boolean;
}

export class SettingsReader {
  private cached: Settings | undefined;
  private readonly reported = new Set<string>();

  constructor(private readonly log: () => ChatLog) {}

  /** Current settings; read and validated on first use after a change. */
  get(): Settings {
    if (this.cached) return this.cached;
    const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
    const raw: Partial<Record<SettingKey, unknown>> = {};
    for (const key of Object.values(SETTING_KEYS)) raw[key] = config.get(key);
    const { settings, problems } = validateSettings(raw);
    for (const problem of problems) {
      if (this.reported.has(problem.message)) continue;
      this.reported.add(problem.message);
      this.log().warn(`Setting problem: ${problem.message}`);
      void vscode.window.showWarningMessage(t('Vitalentum: {0}', problem.message));
    }
    this.cached = settings;
    return settings;
  }

  /** Forgets the cached settings; the next `get` reads them again. */
  invalidate(): void {
    this.cached = undefined;
  }

  proxy(): ProxySettings {
    const http = vscode.workspace.getConfiguration('http');
    const proxy = http.get<string>('proxy');
    return { ...(proxy ? { httpProxySetting: proxy } : {}), strictSSL: http.get<boolean>('proxyStrictSSL', true) };
  }
}
