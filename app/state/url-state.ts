// The settings form in the page's address, with `npm run train`'s flag names and values, so that a
// link reproduces the settings. Opening one fills the form and trains nothing; a parameter that is
// unknown or a value that is not valid is named in a notice, and that field alone keeps its default.
import { isActivation, parseDecimal } from '../../gpu';
import { APP_DEFAULT_CONFIG, alphaField, configFromDraft, draftFrom, fieldApplies, type ConfigDraft, type DraftField } from '../config-form';
import { BACKEND_PARAM, backendNotice } from './backend-param';
import { LANGUAGES, LANGUAGE_PARAM, isLanguage } from '../i18n/language';
import type { Catalogue } from '../i18n/messages';
import type { Notice } from '../i18n/wording';
import { COMPARE_PRESETS, isComparePreset, type ComparePresetId } from '../runs/presets';

/**
 * Each form field and the `npm run train` flag it is written as, in the order the link lists them.
 * Leaky ReLU's slope and ELU's alpha are both the flag activation-alpha, the parameter of the
 * link's activation.
 */
export const SETTING_PARAMS = {
  activation: 'activation',
  leakySlope: 'activation-alpha',
  eluAlpha: 'activation-alpha',
  loss: 'loss',
  optimizer: 'optimizer',
  momentum: 'momentum',
  lr: 'lr',
  weightDecay: 'weight-decay',
  batchSize: 'batch',
  normalize: 'normalize',
  hidden: 'hidden',
  epochs: 'epochs',
  seed: 'seed',
} as const satisfies Record<DraftField, string>;

const ALPHA_PARAM = SETTING_PARAMS.leakySlope;
export const COMPARE_PARAM = 'compare';
/** The page's own switches (the debug handle, WebGPU's default limits, the backend, the language): kept as they are. */
export const PAGE_PARAMS: ReadonlySet<string> = new Set(['debug', 'limits', BACKEND_PARAM, LANGUAGE_PARAM]);

const OWN_PARAMS: ReadonlySet<string> = new Set([...Object.values(SETTING_PARAMS), COMPARE_PARAM]);
const CHOICE_FIELDS: ReadonlySet<DraftField> = new Set(['activation', 'loss', 'optimizer', 'normalize']);

export interface UrlSettings {
  draft: ConfigDraft;
  compare: ComparePresetId | null;
  /** One sentence per parameter that was not taken, naming it and what is used instead. */
  notices: Notice[];
}

/** The parameters of a query ("?a=1&b" or "a=1&b") as written, in order; a name without "=" has the value "". */
function pairsOf(search: string): { raw: string; name: string; value: string }[] {
  const query = search.startsWith('?') ? search.slice(1) : search;
  return query
    .split('&')
    .filter((raw) => raw !== '')
    .map((raw) => {
      const at = raw.indexOf('=');
      const decode = (text: string) => {
        try {
          return decodeURIComponent(text.replace(/\+/g, ' '));
        } catch {
          return text;
        }
      };
      return { raw, name: decode(at < 0 ? raw : raw.slice(0, at)), value: decode(at < 0 ? '' : raw.slice(at + 1)) };
    });
}

/** Why the text of `field` cannot be used in `draft`, in the words of the notice. */
function problemWith(field: DraftField, text: string, draft: ConfigDraft, t: Catalogue): string {
  const numeric = !CHOICE_FIELDS.has(field) && field !== 'hidden';
  if (numeric && Number.isNaN(parseDecimal(text))) return t.status.link.notANumber;
  return t.status.link.refusedBecause(configFromDraft(draft, undefined, t.problems).errors[field]!);
}

/**
 * The form's settings and the comparison a query names, over the defaults. Only the fields the
 * query names and gets right change; the notices say what was not taken.
 */
export function settingsFromQuery(search: string, defaults: ConfigDraft = draftFrom(APP_DEFAULT_CONFIG)): UrlSettings {
  const fieldOf = new Map<string, DraftField>(Object.entries(SETTING_PARAMS).map(([field, param]) => [param, field as DraftField]));
  const draft: ConfigDraft = { ...defaults };
  const given = new Map<DraftField, string>();
  const notices: Notice[] = [];
  let compare: ComparePresetId | null = null;
  const pairs = pairsOf(search);
  const activation = pairs.findLast(({ name }) => name === SETTING_PARAMS.activation)?.value ?? defaults.activation;

  for (const { name, value } of pairs) {
    const field = name === ALPHA_PARAM ? alphaField(activation) : fieldOf.get(name);
    if (name === ALPHA_PARAM && !field) {
      notices.push((t) => t.status.link.noParameter(name, value, isActivation(activation) ? t.labels.activation[activation] : activation));
    } else if (field) {
      draft[field] = value;
      given.set(field, value);
    } else if (name === COMPARE_PARAM) {
      if (isComparePreset(value)) compare = value;
      else notices.push((t) => t.status.link.notAComparison(name, value, COMPARE_PRESETS.map((preset) => preset.id).join(', ')));
    } else if (name === BACKEND_PARAM) {
      const notice = backendNotice(value);
      if (notice) notices.push(notice);
    } else if (name === LANGUAGE_PARAM) {
      if (!isLanguage(value)) notices.push((t) => t.common.notALanguage(value, LANGUAGES.join(', ')));
    } else if (!PAGE_PARAMS.has(name)) {
      notices.push((t) => t.status.link.notASetting(name));
    }
  }

  // A field's check may depend on another's (a layer's size on the batch): checked again until every field the link set is valid.
  for (let round = 0; round <= given.size; round++) {
    const { errors } = configFromDraft(draft);
    const refused = [...given.keys()].filter((field) => errors[field]);
    if (refused.length === 0) break;
    // Worded when shown, from the draft as it was refused.
    const checked = { ...draft };
    for (const field of refused) {
      const text = given.get(field)!;
      notices.push((t) => t.status.link.refused(SETTING_PARAMS[field], text, problemWith(field, text, checked, t), defaults[field]));
      draft[field] = defaults[field];
      given.delete(field);
    }
  }
  // A copied link names the momentum only for SGD with momentum: one that names it for another optimizer was written by hand.
  if (given.has('momentum') && !fieldApplies('momentum', draft)) {
    const momentum = given.get('momentum')!;
    notices.push((t) => t.status.link.momentumUnused(SETTING_PARAMS.momentum, momentum));
    draft.momentum = defaults.momentum;
  }
  return { draft, compare, notices };
}

/** A value as the link writes it: commas in a layer list stay commas. */
const encoded = (text: string) => encodeURIComponent(text).replace(/%2C/gi, ',');

/**
 * `search` with the form's settings and comparison in place of any it had: the page's other
 * parameters stay as they were written, in their order, and the settings follow them.
 */
export function queryWithSettings(search: string, draft: ConfigDraft, compare: ComparePresetId | null): string {
  const kept = pairsOf(search)
    .filter(({ name }) => !OWN_PARAMS.has(name))
    .map(({ raw }) => raw);
  const settings = (Object.entries(SETTING_PARAMS) as [DraftField, string][])
    .filter(([field]) => fieldApplies(field, draft))
    .map(([field, param]) => `${param}=${encoded(draft[field])}`);
  if (compare !== null) settings.push(`${COMPARE_PARAM}=${compare}`);
  return `?${[...kept, ...settings].join('&')}`;
}
