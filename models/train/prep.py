"""Builds the encoder's training data from the raw ICD-10-CM release files and CodiEsp train/background.

Writes models/train/.work/{pairs.jsonl, corpus.txt} and the committed held-out split
models/train/heldout-main-terms.txt + models/train/heldout-queries.tsv.

Held-out evaluation (a): a seeded 5% of Alphabetic Index MAIN TERMS is removed from every training pair and
from the index-synonym part of every code text, so the evaluation queries (their term paths) never leak.
CodiEsp dev is never read here.
"""
import gzip
import json
import os
import random
import re
import sys
import xml.etree.ElementTree as ET

from paths import HERE, SHARED, WORK  # noqa: E402
SEED = 20260
HELDOUT_FRACTION = 0.05
MAX_EVAL_QUERIES = 2000


def dotted(code):
    code = code.strip().upper().replace('.', '')
    return code if len(code) <= 3 else code[:3] + '.' + code[3:]


def load_order():
    codes = {}
    with gzip.open(os.path.join(SHARED, 'icd10cm', 'icd10cm_order_2026.txt.gz'), 'rt', encoding='utf-8') as f:
        for line in f:
            if len(line) < 16:
                continue
            code = dotted(line[6:13])
            billable = line[14] == '1'
            short = line[16:77].strip()
            long = line[77:].strip()
            codes[code] = {'billable': billable, 'short': short, 'long': long}
    return codes


def parent_of(code, codes):
    """Nearest existing ancestor code by prefix (FY2026 hierarchy)."""
    c = code.replace('.', '')
    while len(c) > 3:
        c = c[:-1]
        d = dotted(c)
        if d in codes:
            return d
    return None


def load_tabular():
    """code -> inclusion terms (FY2023 tabular)."""
    with gzip.open(os.path.join(SHARED, 'icd10cm', 'icd10cm_tabular_2023.xml.gz'), 'rb') as f:
        root = ET.parse(f).getroot()
    incl = {}
    for diag in root.iter('diag'):
        name = diag.findtext('name')
        if not name:
            continue
        terms = [n.text.strip() for it in diag.findall('inclusionTerm') for n in it.findall('note') if n.text]
        if terms:
            incl[dotted(name)] = terms
    return incl


def clean_title(el):
    """Title text without nonessential modifiers (nemod)."""
    text = (el.text or '') + ' '.join((c.tail or '') for c in el)
    return re.sub(r'\s+', ' ', text).strip().rstrip(',')


def load_index():
    """Returns (entries, sees): entries = [(path, code)], sees = [(path, target string)]; path[0] is the main term."""
    with gzip.open(os.path.join(SHARED, 'icd10cm', 'icd10cm_index_2023.xml.gz'), 'rb') as f:
        root = ET.parse(f).getroot()
    entries, sees = [], []

    def walk(node, prefix):
        t = node.find('title')
        title = clean_title(t) if t is not None else ''
        path = prefix + [title] if title else prefix
        code = node.findtext('code')
        if code:
            entries.append((path, dotted(code.rstrip('-').rstrip('.'))))
        see = node.findtext('see')
        if see:
            sees.append((path, see.strip()))
        for child in node.findall('term'):
            walk(child, path)

    for mt in root.iter('mainTerm'):
        walk(mt, [])
    return entries, sees


def path_text(path):
    return ', '.join(p for p in path if p)


def main():
    os.makedirs(WORK, exist_ok=True)
    rng = random.Random(SEED)
    codes = load_order()
    incl = load_tabular()
    entries, sees = load_index()
    entries = [(p, c) for p, c in entries if c in codes]
    print(f'codes {len(codes)}  index entries with a FY2026 code {len(entries)}  see refs {len(sees)}', file=sys.stderr)

    # Held-out split by whole main term (only main terms that lead to at least one code count).
    main_terms = sorted({p[0] for p, _ in entries})
    rng_split = random.Random(SEED)
    heldout = set(rng_split.sample(main_terms, int(round(len(main_terms) * HELDOUT_FRACTION))))
    key = lambda s: s.lower()
    heldout_keys = {key(m) for m in heldout}
    with open(os.path.join(HERE, 'heldout-main-terms.txt'), 'w') as f:
        f.write('\n'.join(sorted(heldout)) + '\n')

    # Evaluation queries: held-out term paths -> billable code.
    evalq = sorted({(path_text(p), c) for p, c in entries if key(p[0]) in heldout_keys and codes[c]['billable']})
    rng_eval = random.Random(SEED + 1)
    if len(evalq) > MAX_EVAL_QUERIES:
        evalq = sorted(rng_eval.sample(evalq, MAX_EVAL_QUERIES))
    with open(os.path.join(HERE, 'heldout-queries.tsv'), 'w') as f:
        f.write('query\tcode\n')
        for q, c in evalq:
            f.write(f'{q}\t{c}\n')
    print(f'held-out main terms {len(heldout)}  eval queries {len(evalq)}', file=sys.stderr)

    train_entries = [(p, c) for p, c in entries if key(p[0]) not in heldout_keys]

    # Index synonyms per code (training side only: from non-held-out main terms).
    synonyms = {}
    for p, c in train_entries:
        synonyms.setdefault(c, []).append(path_text(p))

    # Resolve "see" references to codes via the (non-held-out) index.
    by_path = {}
    for p, c in train_entries:
        by_path.setdefault(tuple(x.lower() for x in p), c)
    see_pairs = []
    for p, target in sees:
        if key(p[0]) in heldout_keys:
            continue
        parts = [x.strip().lower() for x in re.split(r',\s*', target) if x.strip()]
        # main terms may contain commas: try every split point
        for i in range(len(parts), 0, -1):
            cand = tuple([', '.join(parts[:i])] + parts[i:])
            if cand in by_path:
                see_pairs.append((path_text(p), by_path[cand]))
                break

    # Code records: title, short title, hierarchy, inclusion terms, synonyms.
    code_rec = {}
    for c, r in codes.items():
        anc = []
        pa = parent_of(c, codes)
        while pa:
            anc.append(codes[pa]['long'])
            pa = parent_of(pa, codes)
        code_rec[c] = {
            'title': r['long'], 'short': r['short'], 'billable': r['billable'],
            'parent': parent_of(c, codes), 'ancestors': anc, 'inclusion': incl.get(c, []),
            'synonyms': sorted(set(synonyms.get(c, [])), key=lambda s: (len(s), s))[:12],
        }
    # (codes.json, the code-text side, is written by export-codes.ts from the knowledge base)

    # Training pairs (query text, code, kind).
    pairs = []
    for p, c in train_entries:
        pairs.append((path_text(p), c, 'index'))
        if len(p) > 1:  # natural order variant: "aspiration pneumonia"
            pairs.append((' '.join([p[1], p[0]] + p[2:]), c, 'index_rev'))
    for q, c in see_pairs:
        pairs.append((q, c, 'see'))
    for c, r in code_rec.items():
        for t in r['inclusion']:
            pairs.append((t, c, 'inclusion'))
        if r['short'] and r['short'] != r['title']:
            pairs.append((r['short'], c, 'short'))
        pairs.append((r['title'], c, 'title'))
    rng.shuffle(pairs)
    with open(os.path.join(WORK, 'pairs.jsonl'), 'w') as f:
        for q, c, k in pairs:
            f.write(json.dumps({'q': q, 'c': c, 'k': k}) + '\n')
    kinds = {}
    for _, _, k in pairs:
        kinds[k] = kinds.get(k, 0) + 1
    print(f'pairs {len(pairs)} {kinds}  see resolved {len(see_pairs)}', file=sys.stderr)

    # Vocabulary corpus: ICD texts (all, titles are not held-out material) + CodiEsp train + background notes.
    with open(os.path.join(WORK, 'corpus.txt'), 'w') as f:
        for r in code_rec.values():
            f.write(r['title'] + '\n' + r['short'] + '\n')
            for t in r['inclusion']:
                f.write(t + '\n')
        for p, _ in train_entries:
            f.write(path_text(p) + '\n')
        for split in ('train', 'background'):
            d = os.path.join(SHARED, 'codiesp', split, 'notes')
            for name in sorted(os.listdir(d)):
                with open(os.path.join(d, name), encoding='utf-8') as g:
                    f.write(g.read().strip() + '\n')


if __name__ == '__main__':
    main()
