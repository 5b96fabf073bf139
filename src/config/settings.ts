// Validation of the extension's settings, kept free of `vscode` so it is unit-testable. The settings schema in
// package.json rejects bad values in the Settings UI, but settings.json can still hold anything: each bad value is
// replaced by its default and reported.
import { SETTINGS_SECTION } from './ids';

export type BackendProtocol = 'vitalentum' | 'openai-compatible';

export interface Settings {
  provider: BackendProtocol;
  baseUrl: string;
  model: string;
  temperature: number;
  extraBody: Record<string, unknown>;
  proxy: string;
  idleTimeoutSeconds: number;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  provider: 'vitalentum',
  baseUrl: 'https://app.vitalentum.io',
  model: '',
  temperature: 0.7,
  extraBody: {},
  proxy: '',
  idleTimeoutSeconds: 60,
});

export interface SettingProblem {
  key: keyof Settings;
  message: string;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const validators: { [K in keyof Settings]: (value: unknown) => string | undefined } = {
  provider: (v) =>
    v === 'vitalentum' || v === 'openai-compatible' ? undefined : 'must be "vitalentum" or "openai-compatible"',
  baseUrl: (v) => (typeof v === 'string' && isHttpUrl(v) ? undefined : 'must be an http:// or https:// URL'),
  model: (v) => (typeof v === 'string' ? undefined : 'must be a string'),
  temperature: (v) =>
    typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 2 ? undefined : 'must be a number from 0 to 2',
  extraBody: (v) => (isPlainObject(v) ? undefined : 'must be an object'),
  proxy: (v) =>
    typeof v === 'string' && (v === '' || isHttpUrl(v)) ? undefined : 'must be empty or an http(s):// URL',
  idleTimeoutSeconds: (v) =>
    typeof v === 'number' && Number.isFinite(v) && v >= 1 && v <= 3600
      ? undefined
      : 'must be a number of seconds from 1 to 3600',
};

/** Every setting's key within the `vitalentum` section, in the order the Settings UI lists them. */
export const SETTING_KEYS = Object.keys(validators) as (keyof Settings)[];

/**
 * Takes raw values (as `WorkspaceConfiguration.get` returns them, `undefined` for unset) and returns settings in
 * which every invalid value is replaced by its default, with one problem per replaced value.
 */
export function validateSettings(raw: Partial<Record<keyof Settings, unknown>>): {
  settings: Settings;
  problems: SettingProblem[];
} {
  const settings = { ...DEFAULT_SETTINGS, extraBody: { ...DEFAULT_SETTINGS.extraBody } } as Settings;
  const problems: SettingProblem[] = [];
  for (const key of SETTING_KEYS) {
    const value = raw[key];
    if (value === undefined) continue;
    const error = validators[key](value);
    if (error) {
      problems.push({
        key,
        message: `${SETTINGS_SECTION}.${key} ${error}; using the default (${JSON.stringify(DEFAULT_SETTINGS[key])}).`,
      });
    } else {
      (settings as unknown as Record<string, unknown>)[key] =
        key === 'baseUrl' ? (value as string).replace(/\/+$/, '') : value;
    }
  }
  return { settings, problems };
}
