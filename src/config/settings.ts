// Validation of the extension's settings, kept free of `vscode` so it is unit-testable. The settings schema in
// package.json rejects bad values in the Settings UI, but settings.json can still hold anything: each bad value is
// replaced by its default and reported.
import {
  DEFAULT_IDLE_TIMEOUT_MS,
  DEFAULT_TEMPERATURE,
  httpUrlProblem,
  normalizeBaseUrl,
  PROTOCOLS,
  type Protocol,
} from '../provider';
import { t } from '../shared/l10n';
import { SETTINGS_SECTION } from './ids';

export interface Settings {
  protocol: Protocol;
  baseUrl: string;
  model: string;
  temperature: number;
  extraBody: Record<string, unknown>;
  proxy: string;
  idleTimeoutSeconds: number;
  /** Sent before every conversation, ahead of the workspace's instructions file. */
  systemPrompt: string;
  /** Tokens the model takes, prompt and answer together; 0: what the server says, else DEFAULT_CONTEXT_WINDOW. */
  contextWindowTokens: number;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  protocol: 'vitalentum',
  baseUrl: 'https://app.vitalentum.io',
  model: '',
  temperature: DEFAULT_TEMPERATURE,
  extraBody: {},
  proxy: '',
  idleTimeoutSeconds: DEFAULT_IDLE_TIMEOUT_MS / 1000,
  systemPrompt: '',
  contextWindowTokens: 0,
});

/**
 * Each setting's key within the `vitalentum` section, by the field it fills, in the order the Settings UI lists
 * them. The protocol's key is `provider`, the name users' settings.json files already hold.
 */
export const SETTING_KEYS = {
  protocol: 'provider',
  baseUrl: 'baseUrl',
  model: 'model',
  temperature: 'temperature',
  extraBody: 'extraBody',
  proxy: 'proxy',
  idleTimeoutSeconds: 'idleTimeoutSeconds',
  systemPrompt: 'systemPrompt',
  contextWindowTokens: 'contextWindowTokens',
} as const satisfies Record<keyof Settings, string>;

export type SettingKey = (typeof SETTING_KEYS)[keyof Settings];

export interface SettingProblem {
  key: SettingKey;
  message: string;
}

function isHttpUrl(value: unknown): value is string {
  return typeof value === 'string' && httpUrlProblem(value) === undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const validators: { [K in keyof Settings]: (value: unknown) => string | undefined } = {
  protocol: (v) =>
    PROTOCOLS.includes(v as Protocol)
      ? undefined
      : t('must be {0}', PROTOCOLS.map((p) => `"${p}"`).join(` ${t('or')} `)),
  baseUrl: (v) => (isHttpUrl(v) ? undefined : t('must be an http:// or https:// URL')),
  model: (v) => (typeof v === 'string' ? undefined : t('must be a string')),
  temperature: (v) =>
    typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 2 ? undefined : t('must be a number from 0 to 2'),
  extraBody: (v) => (isPlainObject(v) ? undefined : t('must be an object')),
  proxy: (v) => (v === '' || isHttpUrl(v) ? undefined : t('must be empty or an http(s):// URL')),
  idleTimeoutSeconds: (v) =>
    typeof v === 'number' && Number.isFinite(v) && v >= 1 && v <= 3600
      ? undefined
      : t('must be a number of seconds from 1 to 3600'),
  systemPrompt: (v) => (typeof v === 'string' ? undefined : t('must be a string')),
  contextWindowTokens: (v) =>
    Number.isSafeInteger(v) && (v as number) >= 0 ? undefined : t('must be a whole number of tokens, 0 or more'),
};

/**
 * Takes raw values by setting key (as `WorkspaceConfiguration.get` returns them, `undefined` for unset) and returns
 * settings in which every invalid value is replaced by its default, with one problem per replaced value.
 */
export function validateSettings(raw: Partial<Record<SettingKey, unknown>>): {
  settings: Settings;
  problems: SettingProblem[];
} {
  const settings = { ...DEFAULT_SETTINGS, extraBody: { ...DEFAULT_SETTINGS.extraBody } } as Settings;
  const problems: SettingProblem[] = [];
  for (const field of Object.keys(SETTING_KEYS) as (keyof Settings)[]) {
    const key = SETTING_KEYS[field];
    const value = raw[key];
    if (value === undefined) continue;
    const error = validators[field](value);
    if (error) {
      problems.push({
        key,
        message: t(
          '{0} {1}; using the default ({2}).',
          `${SETTINGS_SECTION}.${key}`,
          error,
          JSON.stringify(DEFAULT_SETTINGS[field]),
        ),
      });
    } else {
      (settings as unknown as Record<string, unknown>)[field] =
        field === 'baseUrl' ? normalizeBaseUrl(value as string) : value;
    }
  }
  return { settings, problems };
}
