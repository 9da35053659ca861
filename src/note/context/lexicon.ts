// ConText trigger lexicon, written for this project from ordinary clinical English.
// Each phrase is tokenized by the same tokenizer as the sentence (see contextTokens.ts), so "s/p"
// means the tokens s / p, and "<num>", "<year>", "<decade>" match any number, a 19xx/20xx year,
// or "20s"/"1960s". Order does not matter: the longest phrase at a position wins, and a pseudo-trigger
// ("no change", "gram negative") wins over the shorter real trigger inside it.

export type TriggerCategory =
  | 'negated' | 'possible'            // negation dimension
  | 'historical' | 'hypothetical' | 'recent' // temporality dimension
  | 'other' | 'self'                  // experiencer dimension
  | 'pseudo'                          // looks like a trigger, is not one
  | 'terminate'                       // ends the scope of triggers before/after it
  | 'breaker';                        // a new clause (verb/subject): ends negation/uncertainty scope once content intervenes

export type Direction = 'forward' | 'backward' | 'both';

export interface TriggerSpec {
  phrase: string;
  category: TriggerCategory;
  direction: Direction;
  /** Scope length in words (forward and backward). */
  window?: number;
  /** Backward scope length when direction is 'both' (defaults to window). */
  backWindow?: number;
  /** Only a trigger when the next token is punctuation or the end of the sentence ("fever - no."). */
  clauseFinal?: boolean;
  /** A section-like lead-in ("PMH:", "Family history:") whose scope runs to the end of the sentence. */
  header?: boolean;
  /** For 'terminate': which dimensions it ends (all when absent). */
  dims?: Dimension[];
  /** History triggers that a directly preceding negation absorbs ("no history of X" is negated, not historical). */
  historyWord?: boolean;
  /** Only a forward trigger at the start of a clause ("(-) fever"), not after a word ("fever (-), cough"). */
  prefixOnly?: boolean;
  /** Only a forward trigger after a word (the subject: "CT ruled out PE"); its scope stops at "and", "but" and commas. */
  afterWordOnly?: boolean;
  /** A bare family noun: not an experiencer trigger when the relative is reporting ("mother reports", "per his wife"). */
  familyWord?: boolean;
}

export type Dimension = 'negation' | 'temporality' | 'experiencer';

/** Uncertainty words that a negation before them turns into negation: "no consolidation to suggest pneumonia". */
export const NEGATABLE_UNCERTAINTY = new Set(['suggest', 'to suggest', 'suggesting', 'suggests', 'suggestive of', 'to indicate',
  'concerning for', 'worrisome for', 'suspicious for', 'suspicious of', 'suspicion for', 'suspicion of', 'concern for',
  'consistent with', 'indicative of', 'may represent', 'could represent', 'likely', 'possible', 'probable', 'evidence of',
  'appear to be', 'appears to be', 'seem to be', 'seems to be', 'thought to be', 'felt to be', 'suggest', 'to represent']);

const specs: TriggerSpec[] = [];
function add(category: TriggerCategory, direction: Direction, phrases: string[], extra: Partial<TriggerSpec> = {}): void {
  for (const phrase of phrases) specs.push({ phrase, category, direction, ...extra });
}
/** Cartesian expansion: cross(['in'], ['his','her']) → ['in his','in her']. '' drops a slot. */
function cross(...parts: string[][]): string[] {
  let out = [''];
  for (const p of parts) out = out.flatMap((a) => p.map((b) => (a && b ? `${a} ${b}` : a || b)));
  return out.filter(Boolean);
}

// ---------------------------------------------------------------- negation: definite
add('negated', 'forward', [
  'no', 'not', 'never', 'nor', 'neither', 'none of', 'without', 'w/o', 'w / o', 'denies', 'denied', 'deny', 'denying',
  'denies any', 'denies having', 'denies ever having', 'denies a history of', 'denies any history of', 'denies history of',
  'denies hx of', 'denies h/o', 'denies past', 'denies prior', 'denies previous', 'denies personal or family history of',
  'negative for', 'neg for', 'negative to', 'neg. for', 'free of', 'free from', 'absence of', 'absent', 'no evidence of',
  'no evidence for', 'no evidence to suggest', 'no sign of', 'no signs of', 'no symptoms of', 'no suggestion of',
  'no findings of', 'no findings to suggest', 'nothing to suggest', 'no clinical evidence of', 'no radiographic evidence of',
  'no imaging evidence of', 'no definite', 'no definite evidence of', 'no convincing evidence of', 'no features of',
  'no history of', 'no hx of', 'no h/o', 'no documented history of', 'no reported history of', 'no recorded history of',
  'no relevant history of', 'no definite history of', 'no confirmed history of', 'no clear history of', 'no prior history of', 'no past history of', 'no previous history of',
  'no personal history of', 'no known history of', 'no significant history of', 'no past medical history of',
  'no prior', 'no previous', 'no known', 'no new', 'no other', 'no further', 'no report of', 'no reports of',
  'no complaints of', 'no c/o', 'no concern for', 'no suspicion of', 'no suspicion for', 'never had', 'has never had',
  'never been diagnosed with', 'never diagnosed with', 'has never been diagnosed with', 'not have', 'does not have',
  'did not have', 'doesn\'t have', 'didn\'t have', 'do not have', 'don\'t have', 'has not had', 'hasn\'t had', 'have not had',
  'haven\'t had', 'had no', 'has no', 'have no', 'with no', 'not had', 'no longer', 'no longer has', 'no longer having',
  'rather than', 'instead of', 'ruled out for', 'rules out', 'rule out for negative', 'fails to reveal', 'failed to reveal',
  'did not reveal', 'does not reveal', 'did not show', 'does not show', 'did not demonstrate', 'does not demonstrate',
  'showed no', 'shows no', 'revealed no', 'reveals no', 'demonstrated no', 'demonstrates no', 'there is no', 'there was no',
  'there are no', 'there were no', 'without evidence of', 'without signs of', 'without any', 'without symptoms of',
  'unremarkable for', 'not consistent with', 'not suggestive of', 'not indicative of', 'not compatible with',
  'not diagnostic of', 'does not endorse', 'did not endorse', 'not endorse', 'does not report', 'did not report',
  'not report', 'not complaining of', 'not experiencing', 'not been diagnosed with', 'never experienced',
  'denies experiencing', 'negative history for', 'negative history of',
  'not currently', 'no current', 'no active', 'no acute', 'no residual', 'no recurrent', 'no recurrence of',
  'no episodes of', 'no further episodes of', 'no significant', 'without significant', 'no obvious', 'no apparent',
  'no frank', 'no gross', 'no overt', 'no focal', 'no clear', 'no clear evidence of', 'no appreciable', 'not any',
], { window: 12 });
// Post-position negation: "pneumonia was ruled out", "chest pain: denied", "HIV negative".
add('negated', 'backward', [
  'ruled out', 'is ruled out', 'was ruled out', 'were ruled out', 'has been ruled out', 'have been ruled out', 'been ruled out',
  'was excluded', 'were excluded', 'has been excluded', 'have been excluded', 'is excluded', 'excluded',
  'is negative', 'was negative', 'were negative', 'are negative', 'came back negative', 'returned negative',
  'tested negative', 'not seen', 'not identified', 'not noted', 'not appreciated', 'not present', 'not found',
  'not visualized', 'not detected', 'not demonstrated', 'not evident', 'not observed', 'not elicited', 'not palpable',
  'not palpated', 'not seen today', 'not demonstrable', 'not confirmed', 'not supported', 'is absent', 'are absent',
  'was absent', 'were absent', 'is not present', 'was not present',
  'has not occurred', 'did not occur', 'never occurred', 'not apparent', 'no longer present', 'no longer seen',
  'no longer visualized', 'no longer identified', 'no longer evident', 'no longer demonstrated', 'no longer noted',
  'no longer appreciated', 'no longer visible', 'no longer detected', 'no longer palpable',
  '(-)', '( - )', '-ve',
], { window: 8 });
add('negated', 'forward', ['no family history of', 'no family hx of', 'no fh of', 'no fhx of', 'no known family history of',
  'no significant family history of', 'denies family history of', 'denies any family history of', 'no family members with',
  'no relatives with', 'no siblings with', 'no one in the family with', 'nobody in the family with', 'no first - degree relatives with',
  'was negative for', 'is negative for', 'were negative for', 'are negative for', 'came back negative for', 'returned negative for',
  'tested negative for', 'was ruled out for', 'been ruled out for', 'is ruled out for', 'were ruled out for',
  'non - smoker', 'nonsmoker', 'non smoker', 'never smoker', 'never - smoker', 'non - drinker', 'nondrinker', 'non drinker',
  'never been told', 'has never been told', 'was never told', 'never told', 'not been told', 'lack of', 'lacks', 'lacking', 'fails to demonstrate', 'failed to demonstrate', 'fails to show', 'failed to show',
  'clear of', 'devoid of', 'no indication of', 'no indications of', 'no longer complains of', 'ruled out for',
  'lifelong nonsmoker', 'abstains from', 'abstains', 'abstinent from', 'never used', 'never smoked', 'never drank',
  'has never used', 'has never smoked', 'quit using', 'no use of', 'no longer uses', 'no longer drinks', 'no longer smokes',
], { window: 12 });
add('negated', 'forward', ['no one else', 'nobody else', 'no one at home', 'no one else at home', 'nobody at home',
  'no other family members', 'no household members', 'none of the family members', 'no other household members'], { window: 12 });
// "exposed to measles at daycare": the disease belongs to the contacts (coded as exposure, not as the patient's).
add('other', 'forward', ['exposed to', 'exposure to', 'exposures to', 'in contact with', 'close contact with', 'contact with',
  'sick contact with', 'sick contacts with', 'was exposed to', 'known exposure to', 'recent exposure to', 'possible exposure to'],
  { window: 4 });
add('other', 'forward', ['no one else', 'nobody else', 'no one at home', 'no one else at home', 'nobody at home',
  'no other family members', 'no household members', 'none of the family members', 'no other household members', 'anyone else',
  'someone else', 'everyone else', 'others at home', 'other people'], { window: 12 });
add('other', 'forward', ['no family history of', 'no family hx of', 'no fh of', 'no fhx of', 'no known family history of',
  'no significant family history of', 'denies family history of', 'denies any family history of', 'no family members with',
  'no relatives with', 'no siblings with', 'no one in the family with', 'nobody in the family with', 'no first - degree relatives with',
], { window: 14 });
add('negated', 'backward', ['no', 'not', 'none', 'nil', 'denied', 'denies', 'neg', 'negative', 'absent', 'ruled out'],
  { window: 6, clauseFinal: true });
add('negated', 'backward', ['negative', 'neg', 'absent', 'resolved without', '( - )', '(-)'], { window: 3 });
add('negated', 'backward', ['free', 'free of'], { window: 2 });
add('negated', 'forward', ['negative', 'neg', '(-)', '( - )'], { window: 12, prefixOnly: true });
add('negated', 'forward', ['negatives :', 'pertinent negatives :', 'pertinent negatives', 'negative :', 'denies :'], { window: 12 });
add('negated', 'forward', ['not'], { window: 8 });
// "The ultrasound ruled out cholelithiasis": a test as subject, the excluded condition after the verb.
add('negated', 'forward', ['ruled out', 'excluded', 'has ruled out', 'have ruled out', 'effectively ruled out', 'definitively ruled out'],
  { window: 4, afterWordOnly: true });

// Pseudo-negation: contains "no"/"not"/"negative" but negates nothing about the condition that follows.
add('pseudo', 'forward', [
  'not without', 'not unlike', 'not uncommon', 'not unreasonable', 'not impossible',
  'no increase', 'no significant increase', 'no change', 'no significant change', 'no interval change',
  'no significant interval change', 'no appreciable change', 'no substantial change', 'no definite change', 'no major change',
  'no suspicious change', 'not changed', 'no improvement', 'no significant improvement', 'no clear improvement',
  'not improved', 'not improving', 'has not improved', 'did not improve', 'does not improve', 'no relief', 'not relieved',
  'without relief', 'without improvement', 'without resolution', 'without success', 'without difficulty',
  'not resolved', 'not resolving', 'has not resolved', 'no resolution', 'not only', 'not just', 'not necessarily',
  'no decrease', 'not decreased', 'no reduction', 'no response', 'not responding', 'not responded', 'not respond',
  'did not respond', 'has not responded', 'not responsive', 'not well controlled', 'not controlled', 'not adequately controlled',
  'not optimally controlled', 'not at goal', 'not worse', 'no worse', 'no better', 'not better', 'not cause', 'not extend',
  'not drain', 'not otherwise specified', 'not elsewhere classified', 'negative pressure', 'negative pressure wound therapy',
  'gram negative', 'gram - negative', 'gram neg', 'er negative', 'pr negative', 'er / pr negative', 'er - negative',
  'pr - negative', 'her2 negative', 'her2 - negative', 'her - 2 negative', 'her - 2 - negative', 'her2 neg', 'her2neu negative',
  'triple negative', 'triple - negative', 'rh negative', 'rh - negative', 'rh neg', 'coagulase negative', 'coag negative',
  'coag - negative', 'coagulase - negative', 'estrogen receptor negative', 'progesterone receptor negative',
  'hormone receptor negative', 'receptor negative', 'receptor - negative', 'lactose negative', 'oxidase negative',
  'catalase negative', 'seronegative', 'anca negative', 'no longer smokes cigarettes but', 'not compliant', 'non compliant',
  'non - compliant', 'not adherent', 'not taking', 'not been taking', 'no further workup', 'not a candidate', 'no other options',
  'not always', 'not until', 'not sure', 'not tolerating', 'not tolerate', 'does not tolerate', 'did not tolerate',
  'could not tolerate', 'cannot tolerate', 'not able to tolerate', 'unable to tolerate', 'no matter', 'not help',
  'not helped', 'no help', 'did not help', 'does not help', 'has not helped', 'no benefit', 'without benefit',
  'not effective', 'no effect', 'not stopped', 'not go away', 'not gone away', 'not went away', 'not subsided',
  'not completely', 'not fully', 'not entirely', 'not quite', 'not as', 'no more than', 'not more than', 'not exceed',
  'not to exceed', 'no later than', 'nothing by mouth', 'npo', 'no dose', 'not on', 'not currently on',
  'no recent changes', 'no longer responding', 'not well', 'no significant relief', 'without much relief', 'not much relief',
  'no definite relief',
], { window: 1 });

// ---------------------------------------------------------------- negation: possible (uncertain)
add('possible', 'forward', [
  'possible', 'possibly', 'probable', 'probably', 'likely', 'most likely', 'more likely', 'very likely', 'likely due to',
  'suspected', 'suspect', 'suspects', 'suspicion for', 'suspicion of', 'suspicious for', 'suspicious of', 'high suspicion for',
  'concern for', 'concerns for', 'concerning for', 'concerned for', 'concern of', 'worrisome for',
  'worry for', 'question of', 'questionable', 'query', '?', 'r/o', 'r / o', 'ro', 'rule out', 'rule - out',
  'to rule out', 'ruling out', 'rule him out for', 'rule her out for', 'evaluate for', 'evaluation for', 'eval for',
  'to evaluate for', 'evaluated for', 'being evaluated for', 'assess for', 'to assess for', 'to exclude', 'workup for',
  // A referral names what the specialist is to look for, not a finding: "referred to ophthalmology for retinopathy".
  'referred for', 'referral for', 'refer for', 'to ophthalmology for', 'to optometry for', 'eye exam for', 'retinal exam for',
  'work up for', 'work - up for', 'w/u for', 'cannot exclude', 'can not exclude', 'can\'t exclude', 'could not exclude',
  'cannot rule out', 'can not rule out', 'can\'t rule out', 'could not rule out', 'unable to rule out', 'unable to exclude',
  'not able to rule out', 'not able to exclude', 'difficult to exclude', 'cannot be excluded', 'differential includes',
  'differential diagnosis includes', 'differential diagnosis of', 'differential diagnoses include', 'differential',
  'differential diagnosis', 'ddx', 'ddx includes', 'ddx :', 'consider', 'considering', 'considered', 'to be considered',
  'suggestive of', 'suggests', 'suggesting', 'suggest', 'may be', 'may have', 'may represent', 'may reflect', 'may indicate',
  'may be due to', 'might be', 'might have', 'might represent', 'could be', 'could represent', 'could reflect',
  'could indicate', 'can represent', 'presumed', 'presumably', 'presumptive', 'perhaps', 'maybe', 'uncertain',
  'uncertain if', 'uncertain whether', 'unclear if', 'unclear whether', 'not clear if', 'not clear whether', 'not sure if',
  'not sure whether', 'unsure if', 'unsure whether', 'not certain if', 'not certain whether', 'not certain', 'uncertain for',
  'whether', 'whether or not', 'equivocal for', 'equivocal', 'indeterminate for', 'borderline', 'raises the possibility of',
  'raising the possibility of', 'raising concern for', 'raises concern for', 'possibility of', 'the possibility of',
  'thought to be', 'believed to be', 'felt to be', 'felt likely', 'appears to be', 'appear to be', 'seems to be', 'favor',
  'favored', 'favoring', 'favors', 'in favor of', 'versus', 'vs', 'vs.', 'question', 'questionably', 'doubt', 'doubtful',
  'unlikely', 'less likely', 'not likely', 'low suspicion for', 'low suspicion of', 'low probability of', 'low probability for',
  'low likelihood of', 'low concern for', 'low clinical suspicion for', 'would be concerned for', 'presumed to be',
  'presumed secondary to', 'suspicious', 'vs .',
  'possible that', 'likely that', 'probable that', 'concern that', 'concerned that', 'possibility that', 'suspected that',
  'suspect that', 'suspicion that', 'doubtful that', 'unlikely that', 'worried that', 'worry that', 'feared that',
  'not excluded', 'not ruled out', 'has not been ruled out', 'not yet ruled out', 'need to exclude', 'needs to exclude',
  'must exclude', 'must rule out', 'need to rule out', 'needs to rule out', 'should rule out', 'want to rule out', 'to suggest', 'to indicate', 'felt to represent', 'thought to represent',
  'believed to represent', 'likely represents', 'probably represents', 'most likely represents', 'likely representing',
  'possibly representing', 'may be related to', 'suggestion of', 'a suggestion of', 'slight suggestion of', 'concerning for possible', 'not clear', 'unclear', 'unknown if',
  'unknown whether', 'question if', 'questioning', 'cannot be certain', 'versus possible',
  // The Official Guidelines' own uncertain terms (II.H, IV.H): "consistent with", "compatible with".
  'consistent with', 'most consistent with', 'compatible with', 'clinically consistent with',
], { window: 10 });
// "His symptoms are likely a mild heart attack": before a noun phrase the hedge reaches forward, past its subject.
add('possible', 'forward', cross(['is', 'are', 'was', 'were'], ['likely', 'most likely', 'probably', 'possibly'], ['a', 'an', 'the', 'from', 'due to', 'related to', 'caused by']),
  { window: 10 });
// "cannot be entirely excluded", "could not definitively rule out": hedged exclusion is uncertainty.
const CANNOT = ['cannot', 'can not', 'could not', 'can\'t', 'couldn\'t', 'may not', 'unable to', 'not able to', 'difficult to',
  'hard to', 'impossible to'];
const FULLY = ['', 'entirely', 'completely', 'definitively', 'definitely', 'fully', 'totally', 'absolutely', 'confidently', 'reliably'];
add('possible', 'forward', cross(CANNOT, FULLY, ['exclude', 'rule out', 'r/o', 'be sure of', 'distinguish from']), { window: 10 });
add('possible', 'backward', [...cross(CANNOT, ['be'], FULLY, ['excluded', 'ruled out']), ...cross(['not'], FULLY, ['excluded', 'ruled out'])],
  { window: 6 });
// "Uncertain etiology of the anemia": the cause is uncertain, not the condition.
add('pseudo', 'forward', ['uncertain etiology', 'unclear etiology', 'unknown etiology', 'etiology unclear', 'etiology uncertain',
  'etiology unknown', 'unclear cause', 'uncertain cause', 'unknown cause', 'cause unclear', 'cause unknown', 'unclear origin',
  'unknown origin', 'of unclear significance', 'of uncertain significance', 'of undetermined significance', 'unclear source',
  'not clear why', 'unclear why', 'unsure why', 'likely to benefit', 'unlikely to benefit', 'possible side effects',
  'as soon as possible', 'if possible', 'when possible', 'where possible', 'whenever possible', 'possible discharge',
  'possible discharge tomorrow', 'likely discharge', 'likely home', 'probable discharge', 'will likely', 'most likely will',
], { window: 1 });
add('possible', 'backward', [
  'cannot be excluded', 'can not be excluded', 'can\'t be excluded', 'could not be excluded', 'not excluded',
  'cannot be ruled out', 'can not be ruled out', 'can\'t be ruled out', 'could not be ruled out', 'not ruled out',
  'not been ruled out', 'not yet ruled out', 'must be excluded', 'needs to be excluded', 'should be excluded', 'to be excluded',
  'must be ruled out', 'needs to be ruled out', 'should be ruled out', 'to be ruled out', 'needs exclusion', 'will be ruled out',
  'will be excluded', 'remains possible', 'is possible', 'are possible', 'possible', 'is suspected',
  'was suspected', 'suspected', 'is likely', 'was likely', 'are likely', 'seems likely', 'is probable', 'probable',
  'is questioned', 'in question', 'is a concern', 'is a consideration', 'a consideration', 'is considered', 'considered',
  'is on the differential', 'on the differential', 'remains on the differential', 'in the differential',
  'is in the differential', 'remains in the differential', 'on the ddx', 'in the ddx', 'on our differential', 'in our differential',
  'on the differential diagnosis', 'in the differential diagnosis', 'also considered', 'being considered', 'is being considered', 'versus', 'vs', 'vs.', 'is unlikely',
  'unlikely', 'less likely', 'seems unlikely', 'doubtful', 'is doubtful', 'not likely', 'is not likely', 'questionable',
  'is questionable', '?', 'is favored', 'favored', 'is a possibility', 'a possibility', 'is not excluded',
  'is uncertain', 'uncertain', 'unclear', 'is unclear', 'remains unclear', 'equivocal', 'indeterminate', 'is suggested',
  'suggested', 'not definite', 'not definitive',
], { window: 6 });

// ---------------------------------------------------------------- temporality: historical
const NUMWORD = ['<num>', 'a', 'an', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven',
  'twelve', 'fifteen', 'twenty', 'thirty', 'forty', 'fifty', 'several', 'many', 'few', 'a few', 'couple', 'a couple of',
  'couple of', 'multiple', 'some', 'numerous'];
const LONG_UNITS = ['year', 'years', 'yr', 'yrs', 'y', 'month', 'months', 'mo', 'mos', 'decade', 'decades'];
const SHORT_UNITS = ['day', 'days', 'hour', 'hours', 'hr', 'hrs', 'h', 'minute', 'minutes', 'min', 'mins', 'd'];

add('historical', 'forward', [
  'history of', 'hx of', 'h/o', 'h / o', 'hx', 'history significant for', 'history notable for', 'history remarkable for',
  'history includes', 'history is significant for', 'history is notable for', 'history positive for', 'history was significant for',
  'past history of', 'past history', 'prior history of', 'previous history of', 'personal history of', 'known history of',
  'significant history of', 'remote history of', 'long history of', 'long - standing history of', 'longstanding history of',
  'extensive history of', 'a history of', 'medical history of', 'medical history significant for', 'medical history notable for',
  'used to', 'used to have', 'in the past had', 'past medical history of', 'past medical history significant for', 'past medical history notable for', 'pmh of',
  'pmh significant for', 'pmh notable for', 'pmhx of', 'past surgical history of', 'previously', 'prior',
  'former', 'formerly', 'post - surgical',
  'in the past', 'past episode of', 'past episodes of', 'prior episode of', 'prior episodes of',
  'previously treated', 'successfully treated', 'completed treatment for', 'survivor', 'survivor of',
  'recovered from', 'had been treated for',
  'as a child', 'as an infant', 'as a teenager', 'as a teen', 'in childhood', 'in infancy', 'in adolescence',
  'years ago', 'last year', 'in <year>', 'since <year>', 'during <year>', 'back in <year>', 'at age <num>', 'at the age of <num>',
  'at <num> years of age', 'in his <decade>', 'in her <decade>', 'in their <decade>', 'in the <decade>',
  'in his early <decade>', 'in her early <decade>', 'in his late <decade>', 'in her late <decade>', 'in his mid <decade>',
  'in her mid <decade>', 'in their early <decade>', 'in their late <decade>', 'remission', 'in remission',
  'last pregnancy', 'prior pregnancy', 'previous pregnancy', 'in her last pregnancy', 'during her last pregnancy', 'last winter',
  'last summer', 'last spring', 'last fall', 'last month', 'a year ago', 'the year before', 'in college', 'in high school',
  'while in the military', 'during his military service', 'in his youth', 'in her youth', 'as a young adult', 'history :', 'hx :', 'then',
  ...cross(NUMWORD, LONG_UNITS, ['ago']), ...cross(['over', 'more than'], NUMWORD, LONG_UNITS, ['ago']),
  ...cross(['in'], ['<month>'], ['<year>', '']), ...cross(['<month>'], ['<year>']), ...cross(['<num>', 'several', 'many', 'three',
    'four', 'five', 'six', 'eight', 'ten'], ['weeks', 'wks'], ['ago']),
], { window: 12, historyWord: true });
add('historical', 'forward', ['old', 'ex', 'ex -', 'quit', 'resolved', 'healed', 'childhood', 'post', 'past'],
  { window: 3, historyWord: true });
add('historical', 'forward', ['previous', 'prior', 'remote'], { window: 6, historyWord: true });
// "adjusting since having his heart attack", "ever since her stroke": the event lies behind the visit.
add('historical', 'forward', ['since having', 'since having had', 'ever since', 'since his', 'since her', 'since their'], { window: 5 });
add('historical', 'forward', ['resolution of', 'complete resolution of', 'interval resolution of', 'resolved', 'recovered from'],
  { window: 4 });
// "s/p CABG x3", but not the complaint after it: "s/p MVC with neck pain".
add('historical', 'forward', ['status post', 's/p', 's / p', 'sp', 'status - post'], { window: 4, historyWord: true });
add('historical', 'backward', ['survivor', 'survivors'], { window: 4 });
// "removed when she was a teenager", "when he was in the military".
const LIFE_STAGE = ['a child', 'a kid', 'a teenager', 'a teen', 'young', 'younger', 'a baby', 'an infant', 'a toddler', 'in college',
  'in high school', 'in school', 'in the military', 'in the army', 'in the navy', 'a young adult', 'a young man', 'a young woman',
  'little', 'small', 'in his 20s', 'in her 20s', 'in his twenties', 'in her twenties'];
add('historical', 'both', cross(['when', 'while', 'since'], ['he', 'she', 'they', 'i', 'the patient', 'patient'], ['was', 'were'], LIFE_STAGE),
  { window: 8, backWindow: 8 });
// Social history shorthand: "Tobacco: quit 2010", "Smoking - former", "EtOH: remote".
add('historical', 'backward', ['quit', 'quit in', 'former', 'formerly', 'remote', 'previously', 'in the past', 'ex'],
  { window: 3 });
add('historical', 'backward', ['<year>'], { window: 3 });
add('historical', 'backward', [
  'in remission', 'remission', 'resolved', 'has resolved', 'have resolved', 'since resolved', 'now resolved', 'healed',
  'is gone', 'are gone', 'has gone away', 'went away', 'has subsided', 'have subsided', 'subsided', 'has cleared', 'cleared',
  'has since resolved', 'resolved spontaneously', 'completely resolved', 'fully resolved', 'since cleared',
  'has healed', 'years ago', 'last year', 'in <year>', 'in the past', 'as a child', 'in childhood', 'during childhood',
  'as an infant', 'as a teenager', 'in adolescence', 'at age <num>', 'at the age of <num>', 'age <num>', 'in his <decade>',
  'in her <decade>', 'in the <decade>', 'in his early <decade>', 'in her early <decade>', 'in his late <decade>',
  'in her late <decade>', 'in their <decade>', 'in their early <decade>', 'in their late <decade>', '( <year> )', 'previously',
  'in the distant past', 'in the remote past', 'remotely', 'long ago', 'many years ago', 'years earlier', 'in his past',
  'in her past', 'last pregnancy', 'prior pregnancy', 'previous pregnancy', 'in her last pregnancy',
  'during her last pregnancy', 'with her last pregnancy', 'with prior pregnancies', 'last winter', 'last summer', 'last spring',
  'last fall', 'last month', 'a year ago', 'in college', 'in high school', 'in his youth', 'in her youth', 'in the military',
  'while in the military', 'as a young adult', 'as a young man', 'as a young woman', 'in her teens', 'in his teens', ...cross(NUMWORD, LONG_UNITS, ['ago']), ...cross(['over', 'more than'], NUMWORD, LONG_UNITS, ['ago']),
  ...cross(['in'], ['<month>'], ['<year>', '']), ...cross(['<month>'], ['<year>']), 'back in <year>', 'since <year>',
  ...cross(['<num>', 'several', 'many', 'three', 'four', 'five', 'six', 'eight', 'ten'], ['weeks', 'wks'], ['ago']),
], { window: 7 });
// Section-like lead-ins inside a sentence: the scope runs to the sentence end.
add('historical', 'forward', [
  'past medical history :', 'pmh :', 'pmhx :', 'medical history :', 'past history :', 'psh :', 'pshx :',
  'past surgical history :', 'surgical history :', 'past medical / surgical history :', 'past medical and surgical history :',
  'pmh / psh :', 'medical / surgical history :', 'prior history :', 'history :', 'hx :', 'past medical history',
  'past surgical history', 'pmh', 'pmhx', 'psh', 'pshx', 'medical history', 'surgical history',
], { window: 40, header: true, historyWord: true });
// Pseudo-historical: "history" that is not about the past of a condition.
add('pseudo', 'forward', [
  'history of present illness', 'history of the present illness', 'history and physical', 'history & physical', 'h & p', 'h&p',
  'history obtained', 'history was obtained', 'history is obtained', 'history provided', 'history was provided', 'history from',
  'history given', 'history limited', 'history is limited', 'limited history', 'per history', 'clinical history',
  'social history', 'history taking', 'history per', 'poor historian', 'good historian', 'history unobtainable',
  'history obtained from', 'brief history', 'the history', 'history of the illness', 'medication history', 'prior to',
  'previously scheduled', 'previous visit', 'prior visit', 'previous note', 'prior note', 'previous notes', 'prior notes',
  'previous records', 'prior records', 'prior imaging', 'prior study', 'prior studies', 'previous study', 'prior exam',
  'previous exam', 'prior examination', 'compared to prior', 'compared with prior', 'compared to previous', 'comparison to prior',
  'since prior', 'since the prior', 'from prior', 'than prior', 'than previous', 'as previously', 'as previously described',
  'as previously noted', 'as previously mentioned', 'previously mentioned', 'previously noted', 'previously described',
  'year old', 'years old', 'yr old', 'yrs old', 'y old', 'y / o', 'y/o', 'yo', 'month old', 'months old', 'week old',
  'weeks old', 'day old', 'days old', 'year - old', 'years - old', 'month - old', 'day - old', 'week - old',
  'post op', 'post - op', 'post operative', 'post - operative', 'post procedure', 'post - procedure', 'post procedural',
  'post - procedural', 'post partum', 'post - partum', 'post nasal', 'post - nasal', 'post void', 'post - void', 'post prandial',
  'post - prandial', 'post ictal', 'post - ictal', 'post traumatic', 'post - traumatic', 'post viral', 'post - viral',
  'post - infectious', 'post infectious', 'post obstructive', 'post - obstructive', 'post menopausal', 'post - menopausal',
  'post - herpetic', 'post herpetic', 'post - thrombotic', 'post thrombotic', 'post - hemorrhagic', 'post - tussive',
  'post tussive', 'post - renal', 'post renal', 'post - concussive', 'post concussive', 'post - stroke', 'post stroke',
  'post - covid', 'post covid', 'past few days', 'past several days', 'past <num> days', 'past week', 'past <num> weeks',
  'past few weeks', 'past couple of days', 'past couple days', 'past day', 'past 24 hours', 'past <num> hours',
  'past two days', 'past three days', 'past two weeks', 'past hour', 'past night', 'since then', 'by then',
  'old age', 'treated with', 'treated for', 'being treated',
  // Conditions named for the age they occur at: the patient has them now.
  'childhood obesity', 'childhood asthma', 'childhood absence epilepsy', 'childhood onset', 'childhood - onset',
  'being treated for', 'to be treated', 'will be treated', 'currently treated', 'treated today', 'was treated today',
  'untreated', 'not treated', 'treated in the ed', 'treated in the emergency department', 'quit date', 'sp02', 'spo2',
  'diagnosed in the ed', 'diagnosed today', 'diagnosed yesterday', 'remission induction', 'old infarct is', 'years of age',
  'age <num> years', 'age <num> yo', 'age <num> y/o', 'aged <num> years', 'pack - years', 'pack years', 'pack - year',
  'pack year', 'pack - yr', 'year history of', 'year hx of', 'years history of', '- year history of', '- year hx of',
  // "a three-day history of sore throat": the duration of a current complaint, not past history.
  ...cross(['', '-'], ['day', 'days', 'week', 'weeks', 'hour', 'hours', 'month', 'months', 'wk', 'hr', 'd', 'mo'],
    ['history of', 'hx of', 'h/o', 'history', 'hx']),
], { window: 1 });

// ---------------------------------------------------------------- temporality: recent (overrides a section's "historical")
add('recent', 'both', [
  'currently', 'current', 'now', 'presently', 'at present', 'at this time', 'today', 'tonight', 'this morning', 'this evening',
  'this afternoon', 'yesterday', 'last night', 'overnight', 'this admission', 'on admission', 'new onset',
  'new - onset', 'newly', 'newly diagnosed', 'worsening', 'ongoing', 'recent',
  'recently', 'presents', 'presents with', 'presented', 'presented with', 'presenting', 'presenting with', 'admitted',
  'admitted with', 'admitted for', 'still', 'continues to have', 'since yesterday',
  'since this morning', 'since last night', 'this week', 'last week', 'past few days', 'past several days',
  'past <num> days', 'past week', 'past <num> weeks', 'past few weeks', 'past two weeks', 'past 24 hours', 'past <num> hours',
  'for the past', 'for the last', 'x <num> days', 'x <num> weeks', 'x <num> d', 'x <num> wks', 'for <num> days',
  'for <num> weeks', 'for a week', 'for a few days', 'for several days', 'for two days', 'for three days',
  ...cross(NUMWORD, SHORT_UNITS, ['ago']), ...cross(['a', 'one', '1', '2', 'two', 'a couple of', 'couple of', 'couple', 'few', 'a few'],
    ['week', 'weeks', 'wk', 'wks'], ['ago']), 'earlier today',
  'now with', 'now has', 'this visit', 'at this visit', 'since last week', 'over the past', 'within the past', 'in the past week',
  'in the past month', 'in the past few', 'in the past <num>', 'in the past several', 'in the last', 'over the last', 'past month',
  'the past month', 'the past week', 'the last month', 'the last week', 'at baseline', 'at her baseline', 'at his baseline',
  'at their baseline', 'residual', 'sequelae', 'sequela', 'lingering', 'this pregnancy', 'current pregnancy',
  'during this pregnancy', 'this hospitalization', 'during this admission', 'this episode', 'this encounter',
], { window: 8, backWindow: 4 });

// ---------------------------------------------------------------- temporality: hypothetical
add('hypothetical', 'forward', [
  'if', 'if any', 'if there is', 'if there are', 'if he develops', 'if she develops', 'if patient develops', 'if he has',
  'if she has', 'should', 'should there be', 'should he', 'should she', 'should the patient', 'should they', 'in case',
  'in case of', 'in the event of', 'in the event', 'return if', 'return for', 'return to ed if', 'return to the ed if',
  'return to er if', 'return to clinic if', 'return with', 'return for any', 'call if', 'call for', 'call with',
  'come back if', 'seek care if', 'seek medical attention if', 'seek medical attention for', 'go to the ed if',
  'go to the er if', 'unless', 'as needed for', 'prn', 'p.r.n.', 'p . r . n .', 'prn for', 'as needed', 'to prevent',
  'prevent', 'prevents', 'prevention of', 'preventing', 'for prevention of', 'prophylaxis', 'prophylaxis for',
  'prophylaxis against', 'prophylactic', 'ppx', 'ppx for', 'risk of', 'risk for', 'risks of', 'risks for', 'at risk',
  'at risk for', 'at risk of', 'at high risk for', 'at increased risk for', 'at increased risk of', 'increased risk of',
  'increased risk for', 'high risk for', 'high risk of', 'risk factors for', 'risk factor for', 'reduce the risk of',
  'reduce risk of', 'lower risk of', 'to reduce', 'to decrease the risk of', 'to avoid', 'avoid', 'avoiding', 'monitor for',
  'monitoring for', 'watch for', 'look for', 'watch out for', 'observe for', 'signs and symptoms of', 'warning signs of', 'red flags for', 'screening', 'screening for', 'screen for', 'screened for',
  'to screen for', 'vaccine', 'vaccination', 'vaccinated', 'vaccinated against', 'vaccine for', 'vaccination against',
  'immunization', 'immunized against', 'could develop', 'may develop', 'might develop', 'can develop',
  'could lead to', 'can cause', 'can lead to', 'may cause', 'may lead to', 'could cause', 'might cause',
  'potential for', 'possibility of developing', 'side effects', 'side effect', 'side effects of', 'adverse effects',
  'complications such as', 'there can be', 'there could be', 'there may be', 'counseled on', 'counseled regarding', 'counseled about', 'counselled on',
  'educated on', 'educated about', 'educated regarding', 'education on', 'education regarding', 'education about',
  'instructed', 'instructed to', 'precautions', 'precautions for', 'in order to prevent', 'in the future', 'future',
  'plan to', 'planning to', 'wants to', 'would like to', 'interested in', 'to decrease', 'goal of', 'concerned about developing',
  'worried about developing', 'afraid of', 'fear of', 'fears', 'discussed risk of', 'discussed risks of',
  'reviewed signs of', 'possibility of needing', 'the possibility of needing', 'possibility of developing',
  'the possibility of developing', 'chance of developing', 'anxious about developing', 'afraid of developing',
  'fear of developing', 'scared of developing', 'nervous about developing', 'likelihood of developing', 'may eventually need', 'may need',
  'might need', 'will eventually need',
  // Counselling on what conditions do in general: "studies link high cholesterol to premature heart attacks".
  'studies link', 'studies show', 'studies have shown', 'research shows', 'linked to', 'is linked to', 'are linked to',
], { window: 10 });
add('hypothetical', 'backward', ['in the future', 'in future', 'down the road', 'later in life', 'if it happens', 'if this happens'],
  { window: 5 });
// "... kidney dysfunction and eye problems that we want to avoid": what the plan guards against.
add('hypothetical', 'backward', ['that we want to avoid', 'we want to avoid', 'want to avoid', 'to avoid', 'we hope to prevent', 'to prevent'], { window: 10 });
add('hypothetical', 'backward', [
  'prophylaxis', 'ppx', 'precautions', 'screening', 'vaccine', 'vaccination', 'vaccines', 'shot', 'immunization',
  'booster', 'prevention', 'risk', 'risk reduction', 'risk factors', 'if needed', 'if it occurs',
  'if present', 'if worse', 'if worsening', 'if it recurs', 'if recurs', 'if develops',
  'as needed', 'prn', 'p.r.n.', 'precaution', 'warning signs', 'risk assessment',
  'should it occur', 'should they occur', 'is suspected in the future',
], { window: 4 });
add('pseudo', 'forward', [
  'if necessary', 'if possible', 'if indicated', 'if tolerated', 'should be noted', 'it should be noted', 'risk factors include',
  'shot of', 'as needed basis', 'screening colonoscopy in', 'would like', 'ppd', 'risk stratification', 'risk score',
  'gunshot', 'gun shot', 'shot wound', 'not necessary', 'vaccination status', 'discussed with', 'reviewed with',
  'were reviewed', 'was reviewed', 'reviewed and', 'reviewed today', 'advised to continue',
], { window: 1 });

// ---------------------------------------------------------------- experiencer: someone other than the patient
const FAMILY = ['mother', 'father', 'mom', 'dad', 'mum', 'mommy', 'daddy', 'parent', 'parents', 'sister', 'brother',
  'sisters', 'brothers', 'sibling', 'siblings', 'son', 'sons', 'daughter', 'daughters', 'child', 'children', 'kids', 'kid',
  'twin', 'aunt', 'aunts', 'uncle', 'uncles', 'cousin', 'cousins', 'niece', 'nieces', 'nephew', 'nephews', 'grandmother',
  'grandfather', 'grandmothers', 'grandfathers', 'grandma', 'grandpa', 'grandparent', 'grandparents', 'grandson',
  'granddaughter', 'grandchild', 'grandchildren', 'stepmother', 'stepfather', 'stepbrother', 'stepsister', 'half - brother',
  'half - sister', 'half brother', 'half sister', 'wife', 'husband', 'spouse', 'partner', 'boyfriend', 'girlfriend', 'fiance',
  'fiancee', 'relative', 'relatives', 'family member', 'family members', 'mgm', 'mgf', 'pgm', 'pgf', 'great - grandmother',
  'great - grandfather', 'great grandmother', 'great grandfather', 'great - aunt', 'great - uncle', 'grandaunt', 'granduncle',
  'first - degree relative', 'first - degree relatives', 'first degree relative', 'first degree relatives',
  'second - degree relative', 'roommate', 'roommates', 'coworker', 'coworkers', 'co - worker', 'co - workers', 'colleague',
  'friend', 'friends', 'classmate', 'classmates', 'neighbor', 'neighbors', 'caregiver', 'household contact',
  'household contacts', 'sick contact', 'sick contacts', 'contacts', 'close contact', 'close contacts', 'donor', 'the donor',
  'mother - in - law', 'father - in - law', 'sister - in - law', 'brother - in - law', 'daughter - in - law', 'son - in - law',
  'baby', 'infant', 'newborn', 'fetus', 'twins', 'offspring', 'ancestors', 'other family', 'maternal side', 'paternal side',
  'ex - wife', 'ex - husband', 'ex wife', 'ex husband', 'ex - boyfriend', 'ex - girlfriend', 'ex - partner', 'ex - spouse',
  'significant other', 'stepdaughter', 'stepson', 'foster mother', 'foster father', 'adoptive mother', 'adoptive father',
  'birth mother', 'birth father', 'biological mother', 'biological father',
  'family'];
const DET = ['', 'his', 'her', 'their', 'the', 'a', 'patient \' s', 'both', 'two', 'several', 'multiple', 'maternal', 'paternal',
  'his maternal', 'her maternal', 'his paternal', 'her paternal', 'older', 'younger'];
const NOT_BARE = new Set(['family', 'baby', 'infant', 'newborn', 'fetus', 'child', 'children', 'kid', 'kids', 'twin', 'twins']);
const famNouns = FAMILY.filter((f) => !NOT_BARE.has(f));
add('other', 'forward', [
  ...cross(['maternal', 'paternal'], famNouns), ...famNouns.map((f) => `${f} ' s`),
  'family history', 'family history of', 'family history significant for', 'family history notable for',
  'family history positive for', 'family history is significant for', 'family history is positive for', 'family hx',
  'family hx of', 'fam hx', 'fhx', 'fhx of', 'fh', 'fh of', 'fh :', 'fhx :', 'family history :', 'family medical history',
  'maternal', 'paternal', 'family', 'in the family', 'runs in the family', 'runs in family', 'familial history', 'positive family history of',
  'strong family history of', 'no family history of', 'family members with', 'other family members', 'mother and father',
  'fetus', 'her baby', 'her infant', 'her fetus', 'her newborn', 'the kids', 'the children', 'other children', 'other kids',
  'siblings at home', 'kids at home', 'children at home', 'everyone at home', 'others at home', 'people at home',
  ...cross(['his', 'her', 'their', 'patient \' s', 'pt \' s', 'both', 'all', 'two', 'three', 'several', 'one of her',
    'one of his', 'her twin', 'his twin'], ['child', 'children', 'kid', 'kids', 'twin', 'sons', 'daughters']),
], { window: 14 });
// Bare family nouns: an experiencer trigger unless the relative is only reporting or accompanying (see REPORTER_* below).
add('other', 'forward', cross(DET, famNouns), { window: 14, familyWord: true });
add('other', 'forward', ['family history :', 'fh :', 'fhx :', 'family hx :', 'fam hx :', 'family history', 'fhx', 'fh'],
  { window: 40, header: true });
// Trailing family words: "colon cancer in his father", "breast cancer (mother)", "DM - mother".
add('other', 'backward', [
  ...cross(['in', 'affecting', 'among'], DET, FAMILY), ...cross(['(', '-', ':'], DET, famNouns),
  'runs in the family', 'runs in family', 'run in the family', 'in the family', 'in family', 'in multiple family members',
  'on his mother \' s side', 'on her mother \' s side', 'on his father \' s side', 'on her father \' s side',
  'on the maternal side', 'on the paternal side', 'on maternal side', 'on paternal side', 'maternal side', 'paternal side',
  'family history', 'familial',
], { window: 8 });
add('other', 'backward', cross(['', ','], DET, famNouns), { window: 5, clauseFinal: true });
// Family member as a reporter or companion, not as the one with the condition ("mother reports", "per his wife").
// Applied as a rule in the detector to bare family nouns, so the lexicon does not multiply out every combination.
export const REPORTER_VERBS = new Set(['reports', 'reported', 'report', 'states', 'stated', 'says', 'said', 'notes', 'noted', 'noticed',
  'notices', 'observed', 'observes', 'describes', 'described', 'endorses', 'denies', 'denied', 'brought', 'brings', 'called',
  'calls', 'witnessed', 'witnesses', 'found', 'finds', 'concerned', 'worried', 'thinks', 'believes', 'feels', 'requested',
  'requests', 'provided', 'provides', 'gave', 'gives', 'confirms', 'confirmed', 'tells', 'told', 'answered', 'helps', 'assists',
  'drove', 'accompanies', 'accompanied', 'relates', 'related', 'explains', 'explained', 'adds', 'added', 'mentions', 'mentioned',
  'expresses', 'expressed', 'agrees', 'agreed', 'consents', 'consented', 'declined', 'declines', 'wants', 'wishes', 'asks', 'asked']);
/** "(is|was) ___" after a family noun that marks a reporter/companion. */
export const REPORTER_STATES = new Set(['concerned', 'worried', 'present', 'here', 'at', 'available', 'aware', 'updated', 'reachable']);
export const REPORTER_PREPS = new Set(['per', 'by', 'from', 'via', 'informed', 'updated', 'called', 'contacted', 'paged', 'like', 'unlike']);
export const REPORTER_PREP_PAIRS = new Set(['according to', 'spoke with', 'spoke to', 'talked to', 'talked with', 'discussed with',
  'reviewed with', 'consent from', 'obtained from', 'history from', 'accompanied by', 'here with', 'presents with',
  'presented with', 'is with', 'came with', 'arrived with', 'present with', 'along with', 'together with', 'discussion with',
  'conversation with', 'meeting with', 'call to', 'call with', 'called by', 'phone with', 'conference with', 'updated the',
  'similar to', 'as did', 'as does', 'as has', 'just like', 'same as']);
export const REPORTER_SKIP = new Set(['his', 'her', 'their', 'the', 'patient', 'pt', "'", 's', 'a', 'maternal', 'paternal', 'older', 'younger']);
add('pseudo', 'forward', [
  'per family', 'per the family', 'according to family', 'according to the family', 'family reports', 'family states',
  'family notes', 'family members report', 'family member reports', 'family is concerned', 'family concerned', 'family noticed',
  'family noted', 'family says', 'family denies', 'by family', 'from family', 'by the family', 'family brought',
  'as a child', 'as children', 'child - pugh', 'child pugh', 'child abuse', 'childbearing', 'child bearing', 'family medicine',
  'family practice', 'family physician', 'family doctor', 'family planning', 'family meeting', 'family conference',
  'family at bedside', 'family is at bedside', 'family was updated', 'family updated', 'updated family', 'spoke with family',
  'discussed with family', 'with family', 'family support', 'supportive family', 'lives with', 'lives alone', 'married',
  'lives with family', 'family aware', 'family is aware', 'partner status', 'partners', 'sexual partners',
  'contact information', 'contacted', 'contact', 'friendly', 'friend \' s house', 'friends \' house',
  // A pronoun inside a relative's clause is the relative, not the patient: "his father had a stroke when he was 60".
  ...cross(['he', 'she', 'patient', 'pt', 'the patient'], ['says', 'said', 'states', 'stated', 'reports', 'reported', 'thinks',
    'believes', 'recalls', 'remembers', 'notes', 'knows', 'was told', 'has been told', 'heard', 'understands']),
  'when he was', 'when she was', 'when he', 'when she', 'told she', 'told he', 'was told she', 'was told he', 'before he',
  'before she', 'after he', 'after she', 'until he', 'until she',
], { window: 1 });
add('negated', 'forward', ['family denies', 'family denied'], { window: 12 });
// The patient named as subject ("patient has", "she herself"): ends a family scope, wins when nearer.
add('self', 'forward', ['patient', 'the patient', 'pt', 'pt.', 'he', 'she', 'himself', 'herself', 'personal history',
  'personal history of', 'personally', 'patient \' s own', 'he himself', 'she herself', 'the pt'], { window: 14 });

// ---------------------------------------------------------------- scope terminators
add('terminate', 'forward', [
  'but', 'however', 'although', 'though', 'even though', 'yet', 'except', 'except for', 'excepting', 'apart from',
  'aside from', 'other than', 'besides', 'nevertheless', 'nonetheless', 'whereas', 'while', 'which', 'with the exception of',
  ';', 'because', 'because of', 'since', 'presents', 'presented', 'presenting', 'presents with', 'complains', 'complains of',
  'complaining', 'complaining of', 'c/o', 'c / o', 'reports', 'reported', 'reporting', 'endorses', 'endorsed', 'endorsing',
  'admits', 'admits to', 'admitted to', 'notes', 'noted', 'states', 'describes', 'positive for', 'pos for', 'significant for',
  'remarkable for', 'notable for', '+ for', 'is positive for', 'which is', 'which was', 'otherwise', 'aside', 'still has',
  'still', 'instead', 'now', 'now with', 'now has', 'currently', 'today', 'who', 'whose', 'where', 'then', 'after which',
  'thus', 'therefore', 'hence', 'likely secondary to', 'secondary to', 'due to', 'caused by', 'resulting in',
  'leading to', 'yes', 'present', '(+)', '( + )', '+', 'pos', 'positive',
], { dims: ['negation', 'temporality'] });
// "Without known allergies, with a history of hypertension": what the patient has begins after the negation.
add('terminate', 'forward', [
  ...cross(['with', 'who has'], ['a', ''], ['', 'past', 'personal', 'prior', 'known', 'significant'], ['', 'medical'], ['history of', 'background of']),
  ...cross(['and a', 'but a', 'but with a'], ['', 'past', 'personal', 'prior', 'known'], ['', 'medical'], ['history of']),
  'with pmh of', 'with a pmh of', 'with pmh significant for',
],
{ dims: ['negation'] });
add('terminate', 'forward', ['but', 'however', 'although', 'though', 'whereas', 'while', ';', 'except', 'except for',
  'unlike', 'as opposed to', 'as well as the patient', 'in contrast', 'and he', 'and she', 'and the patient', 'and patient',
  'and pt', 'while he', 'while she'], { dims: ['experiencer'] });

// ---------------------------------------------------------------- clause breakers (a new assertion begins)
add('breaker', 'forward', ['consulted', 'consults', 'came', 'comes', 'arrived', 'went', 'visited', 'sought', 'attended', 'referred',
  'complained', 'experienced', 'suffered', 'received', 'required', 'requires', 'needed', 'needs', 'began', 'started',
  'has', 'have', 'had', 'is', 'was', 'are', 'were', 'shows', 'showed', 'reveals', 'revealed',
  'demonstrates', 'demonstrated', 'developed', 'develops', 'underwent', 'takes', 'uses', 'he', 'she', 'they', 'we',
  'patient', 'pt', 'positive', 'present', 'found', 'there is', 'there are', 'appreciated', 'seen', 'noted',
  'and has', 'and is', 'and was', 'and had', 'and reports', 'and complains', 'and endorses', 'and notes', 'and states',
  'did have', 'does have', 'do have', 'did', 'does']);

export const TRIGGER_SPECS: readonly TriggerSpec[] = specs;

/** Tokens that count as "content" for the breaker rule (anything that is not a function word). */
/** Terminators that only end a scope once a word separates them from the trigger ("denies currently having"). */
export const SOFT_TERMINATORS = new Set(['currently', 'now', 'today', 'still', 'then', 'reports', 'reported', 'reporting', 'notes', 'noted',
  'states', 'describes', 'endorses', 'endorsed', 'endorsing', 'admits', 'since', 'when', 'where', 'who', 'whose', 'which', 'so',
  'present', 'positive', 'yes', 'pos', 'due to', 'secondary to', 'likely secondary to', 'caused by', 'because', 'because of',
  'resulting in', 'leading to', 'thus', 'therefore', 'hence', 'after which', 'significant for', 'notable for', 'remarkable for']);

export const FUNCTION_WORDS = new Set(['you', 'your', 'yourself', 'i', 'we', 'my', 'our', 'us', 'me', 'child', 'baby', 'infant', 'boy', 'girl', 'man', 'woman', 'gentleman', 'lady', 'a', 'an', 'the', 'any', 'ever', 'having', 'been', 'be', 'that', 'of', 'for', 'to',
  'in', 'on', 'at', 'or', 'and', 'nor', 'she', 'he', 'they', 'her', 'his', 'their', 'him', 'them', 'it', 'its', 'patient',
  'pt', 'does', 'did', 'do', 'has', 'have', 'had', 'is', 'was', 'are', 'were', 'with', 'signs', 'sign', 'symptoms', 'evidence',
  'history', 'hx', 'recent', 'current', 'new', 'significant', 'acute', 'definite', 'obvious', 'known', 'further', 'other',
  'complaints', 'episodes', 'episode', 'findings', 'report', 'reports', 'also', 'either', 'currently', 'previously',
  'there', 'being', 'such', 'as', 'like', 'by', 'from', 'into', 'specifically', 'particularly', 'especially', 'including',
  'all', 'these', 'those', 'this', 'previous', 'personal', 'family', 'experiencing', 'feeling', 'felt', 'getting',
  'developing', 'noticed', 'noticing', 'observed', 'appreciable', 'appreciated', 'focal', 'gross', 'frank', 'overt',
  'clinical', 'radiographic', 'imaging', 'apparent', 'clear']);
