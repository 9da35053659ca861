// The `clinicalCoder.*` settings as the server uses them: defaults, and validation that turns bad values into
// a clear message (and the default) instead of an exception. The manifest (package.json) documents each one.
import { globProblem } from './glob';
import type { CareSetting, CodingOptions, CodingPolicy } from '../coder/types';
import { RULE_IDS } from '../coder/rules/registry';
import { ENCODER_ENABLED_BY_DEFAULT } from '../common/encoder-default';

export type Severity = 'error' | 'warning' | 'information' | 'hint';
/** What to do with conditions mentioned only as past history / family history: hide them or show as hints. */
export type ContextPolicy = 'hide' | 'hint';

export interface ServerSettings {
  enabled: boolean;
  languages: string[];
  include: string[];
  exclude: string[];
  /** Minimum confidence; null: the engine's own default for the policy (the CLI's default too). */
  threshold: number | null;
  maxSuggestions: number;
  severity: Severity;
  debounceMs: number;
  policy: CodingPolicy;
  historyPolicy: ContextPolicy;
  familyPolicy: ContextPolicy;
  /** Outpatient codes uncertain diagnoses as their symptoms, inpatient as established (OCG IV.H; II.H, III.C). */
  setting: CareSetting;
  /** Older spelling of setting "inpatient". */
  codeUncertainAsConfirmed: boolean;
  modelPath: string;
  encoderEnabled: boolean;
  encoderThreads: number;
  /** Coding rule ids not to apply (`clinical-coder rules` lists them). */
  rulesDisabled: string[];
}

export const DEFAULT_SETTINGS: Readonly<ServerSettings> = Object.freeze({
  enabled: true,
  languages: ['plaintext', 'markdown', 'clinical-note'],
  include: ['**/*'],
  exclude: ['**/node_modules/**', '**/README.md', '**/CHANGELOG.md'],
  threshold: null,
  maxSuggestions: 50,
  severity: 'information',
  debounceMs: 300,
  policy: 'billing',
  historyPolicy: 'hide',
  familyPolicy: 'hide',
  setting: 'outpatient',
  codeUncertainAsConfirmed: false,
  modelPath: '',
  encoderEnabled: ENCODER_ENABLED_BY_DEFAULT,
  encoderThreads: 2,
  rulesDisabled: [],
});

type Raw = Record<string, unknown>;

/** Reads the `clinicalCoder` section (nested as VS Code sends it: `model.path` -> {model: {path}}). */
export function normalizeSettings(raw: unknown): { settings: ServerSettings; problems: string[] } {
  const r: Raw = raw && typeof raw === 'object' ? (raw as Raw) : {};
  const problems: string[] = [];
  const d = DEFAULT_SETTINGS;
  const nested = (key: string): Raw => (r[key] && typeof r[key] === 'object' ? (r[key] as Raw) : {});
  const bool = (name: string, v: unknown, def: boolean): boolean => {
    if (v === undefined) return def;
    if (typeof v === 'boolean') return v;
    problems.push(`clinicalCoder.${name} must be true or false; using ${def}.`);
    return def;
  };
  const num = (name: string, v: unknown, def: number, min: number, max: number): number => {
    if (v === undefined) return def;
    if (typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max) return v;
    problems.push(`clinicalCoder.${name} must be a number from ${min} to ${max}; using ${def}.`);
    return def;
  };
  const numOrDefault = (name: string, v: unknown, min: number, max: number): number | null => {
    if (v === undefined) return null;
    if (typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max) return v;
    problems.push(`clinicalCoder.${name} must be a number from ${min} to ${max}; using the engine's default.`);
    return null;
  };
  const oneOf = <T extends string>(name: string, v: unknown, allowed: readonly T[], def: T): T => {
    if (v === undefined) return def;
    if (typeof v === 'string' && (allowed as readonly string[]).includes(v)) return v as T;
    problems.push(`clinicalCoder.${name} must be one of ${allowed.join(', ')}; using "${def}".`);
    return def;
  };
  const strings = (name: string, v: unknown, def: readonly string[]): string[] => {
    if (v === undefined) return [...def];
    if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
    problems.push(`clinicalCoder.${name} must be a list of strings; using the default.`);
    return [...def];
  };
  // A glob that could cost time (too long, too many alternatives) is dropped with a message.
  const globs = (name: string, v: unknown, def: readonly string[]): string[] => strings(name, v, def).filter((g) => {
    const problem = globProblem(g);
    if (problem) problems.push(`clinicalCoder.${name}: ${problem}; that pattern is ignored.`);
    return !problem;
  });
  const str = (name: string, v: unknown, def: string): string => {
    if (v === undefined || v === null) return def;
    if (typeof v === 'string') return v;
    problems.push(`clinicalCoder.${name} must be a string; using the default.`);
    return def;
  };
  const model = nested('model');
  const encoder = nested('encoder');
  const rulesDisabled = strings('rules.disabled', nested('rules').disabled, d.rulesDisabled);
  const unknownRules = rulesDisabled.filter((id) => !RULE_IDS.has(id));
  if (unknownRules.length) problems.push(`clinicalCoder.rules.disabled: unknown rule id ${unknownRules.map((u) => `"${u}"`).join(', ')} (ignored; "clinical-coder rules" lists them).`);
  const settings: ServerSettings = {
    enabled: bool('enabled', r.enabled, d.enabled),
    languages: strings('languages', r.languages, d.languages),
    include: globs('include', r.include, d.include),
    exclude: globs('exclude', r.exclude, d.exclude),
    threshold: r.threshold === null ? null : numOrDefault('threshold', r.threshold, 0, 1),
    maxSuggestions: Math.round(num('maxSuggestions', r.maxSuggestions, d.maxSuggestions, 1, 500)),
    severity: oneOf('severity', r.severity, ['error', 'warning', 'information', 'hint'] as const, d.severity),
    debounceMs: Math.round(num('debounceMs', r.debounceMs, d.debounceMs, 0, 10000)),
    policy: oneOf('policy', r.policy, ['billing', 'mentions'] as const, d.policy),
    historyPolicy: oneOf('historyPolicy', r.historyPolicy, ['hide', 'hint'] as const, d.historyPolicy),
    familyPolicy: oneOf('familyPolicy', r.familyPolicy, ['hide', 'hint'] as const, d.familyPolicy),
    setting: oneOf('setting', r.setting, ['outpatient', 'inpatient'] as const, d.setting),
    codeUncertainAsConfirmed: bool('codeUncertainAsConfirmed', r.codeUncertainAsConfirmed, d.codeUncertainAsConfirmed),
    modelPath: str('model.path', model.path, d.modelPath),
    encoderEnabled: bool('encoder.enabled', encoder.enabled, d.encoderEnabled),
    encoderThreads: Math.round(num('encoder.threads', encoder.threads, d.encoderThreads, 1, 64)),
    rulesDisabled: rulesDisabled.filter((id) => RULE_IDS.has(id)),
  };
  return { settings, problems };
}

/** The engine options these settings ask for. Non-active mentions are requested when a policy shows them. */
export function codingOptions(s: ServerSettings): CodingOptions {
  return {
    policy: s.policy,
    ...(s.threshold === null ? {} : { threshold: s.threshold }),
    maxSuggestions: s.maxSuggestions,
    useEncoder: s.encoderEnabled,
    all: s.policy === 'mentions' || s.historyPolicy === 'hint' || s.familyPolicy === 'hint',
    setting: s.setting === 'inpatient' || s.codeUncertainAsConfirmed ? 'inpatient' : 'outpatient',
    ...(s.rulesDisabled.length ? { disabledRules: s.rulesDisabled } : {}),
  };
}
