"""Sentence-level training signal from CodiEsp TRAIN notes (never dev), and context sentences for augmentation.

CodiEsp gold codes are per note, not per sentence: each diagnosis code is aligned to the note sentence most similar
to its code text (character-trigram TF-IDF cosine), kept when the similarity is at least MIN_SIM. A seeded 10% of
the train notes is kept apart (codiesp-val) to select models on sentence queries without touching dev.
Background notes (unlabelled) give short generic sentences used to wrap index terms in clinical context.
Writes .work/codiesp-pairs.jsonl, .work/codiesp-val.jsonl, .work/context.txt.
"""
import collections
import json
import math
import os
import random
import re

from paths import SHARED, WORK  # noqa: E402
SEED = 20261
MIN_SIM = 0.12


def grams(text):
    s = ' ' + re.sub(r'[^a-z0-9]+', ' ', text.lower()).strip() + ' '
    return collections.Counter(s[i:i + 3] for i in range(len(s) - 2))


def main():
    codes = json.load(open(os.path.join(WORK, 'codes.json')))
    notes_dir = os.path.join(SHARED, 'codiesp', 'train', 'notes')
    gold = collections.defaultdict(set)
    for line in open(os.path.join(SHARED, 'codiesp', 'train', 'trainD.tsv')):
        parts = line.strip().split('\t')
        if len(parts) == 2:
            c = parts[1].upper()
            if c in codes:
                gold[parts[0]].add(c)
    ids = sorted(gold)
    rng = random.Random(SEED)
    val_ids = set(rng.sample(ids, len(ids) // 10))
    sents = {i: [s.strip() for s in open(os.path.join(notes_dir, i + '.txt'), encoding='utf-8') if len(s.strip()) > 2] for i in ids}
    df = collections.Counter()
    docs = 0
    for i in ids:
        for s in sents[i]:
            df.update(set(grams(s)))
            docs += 1
    for c in {c for i in ids for c in gold[i]}:
        df.update(set(grams(code_side(codes[c]))))
        docs += 1

    def vec(text):
        g = grams(text)
        v = {k: (1 + math.log(n)) * math.log((1 + docs) / (1 + df.get(k, 0))) for k, n in g.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1
        return {k: x / norm for k, x in v.items()}

    train, val, sims = [], [], []
    for i in ids:
        svecs = [vec(s) for s in sents[i]]
        for c in sorted(gold[i]):
            cv = vec(code_side(codes[c]))
            scored = sorted(((sum(w * sv.get(k, 0) for k, w in cv.items()), j) for j, sv in enumerate(svecs)), reverse=True)
            if not scored:
                continue
            sim, j = scored[0]
            sims.append(sim)
            if sim >= MIN_SIM:
                (val if i in val_ids else train).append({'q': sents[i][j], 'c': c, 'k': 'codiesp'})
    with open(os.path.join(WORK, 'codiesp-pairs.jsonl'), 'w') as f:
        for p in train:
            f.write(json.dumps(p) + '\n')
    with open(os.path.join(WORK, 'codiesp-val.jsonl'), 'w') as f:
        for p in val:
            f.write(json.dumps(p) + '\n')
    # generic context: short background sentences
    bg = os.path.join(SHARED, 'codiesp', 'background', 'notes')
    ctx = []
    for name in sorted(os.listdir(bg)):
        for s in open(os.path.join(bg, name), encoding='utf-8'):
            s = s.strip()
            if 4 <= len(s.split()) <= 16:
                ctx.append(s)
    rng.shuffle(ctx)
    with open(os.path.join(WORK, 'context.txt'), 'w') as f:
        f.write('\n'.join(ctx[:60000]) + '\n')
    kept = sum(1 for x in sims if x >= MIN_SIM)
    print(f'codiesp: {len(ids)} notes ({len(val_ids)} val), {len(sims)} note-codes, {kept} aligned (sim >= {MIN_SIM}); '
          f'train pairs {len(train)}, val pairs {len(val)}; context sentences {min(len(ctx), 60000)}')


def code_side(rec):
    return ' ; '.join([rec['title']] + rec['inclusion'] + rec['synonyms'][:6])


if __name__ == '__main__':
    main()
