"""Contrastive training of the clinical concept encoder (CPU, deterministic with fixed seeds).

Pairs (query -> code) come from prep.py: index term paths (and a natural-order variant), "see" synonyms resolved
to codes, inclusion terms, short (abbreviated) titles, long titles. The positive is a knowledge-injected code text
(title ; ancestors ; inclusion terms ; a random subset of OTHER index synonyms, never the query itself).
Batches are built from groups of sibling codes (same parent), so in-batch negatives include hard negatives;
other pairs of the same code in a batch are masked out of the negatives.
"""
import argparse
import json
import math
import os
import random
import sys
import time

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from model import Encoder, pool  # noqa: E402
from wordpiece import WordPiece  # noqa: E402

from paths import HERE, WORK  # noqa: E402


def code_parts(rec, rng=None, exclude=None, max_syn=6):
    """Knowledge-injected code text parts. With rng: a training sample (random synonym subset, `exclude` removed)."""
    parts = [rec['title']]
    anc = rec['ancestors'][:2]
    parts.extend(a for a in anc if a != rec['title'])
    incl = [t for t in rec['inclusion'] if t != exclude]
    syn = [s for s in rec['synonyms'] if s != exclude]
    if rng is not None:
        rng.shuffle(incl)
        k = rng.randint(0, min(max_syn, len(syn)))
        syn = rng.sample(syn, k)
    else:
        syn = syn[:max_syn]
    parts.extend(incl)
    parts.extend(syn)
    return parts


def code_text(rec, rng=None, exclude=None, max_syn=6):
    return ' ; '.join(code_parts(rec, rng, exclude, max_syn))


def batchify(seqs, max_len):
    t = min(max_len, max(len(s) for s in seqs))
    ids = torch.zeros(len(seqs), t, dtype=torch.long)
    mask = torch.zeros(len(seqs), t, dtype=torch.long)
    for i, s in enumerate(seqs):
        s = s[:t]
        ids[i, :len(s)] = torch.tensor(s)
        mask[i, :len(s)] = 1
    return ids, mask


def embed(model, tk, texts, max_len, bs=256):
    out = []
    model.eval()
    with torch.no_grad():
        for i in range(0, len(texts), bs):
            ids, mask = batchify([tk.encode(t, max_len) for t in texts[i:i + bs]], max_len)
            out.append(pool(model(ids, mask, torch.zeros_like(ids)), mask))
    model.train()
    return torch.cat(out)


def dev_eval(model, tk, codes, args, rows=None, n_distract=6000):
    """Quick check: held-out index queries (or CodiEsp-val sentences) vs gold codes + seeded billable distractors."""
    if rows is None:
        rows = [l.split('\t') for l in open(os.path.join(HERE, 'heldout-queries.tsv')).read().splitlines()[1:]][:600]
    rng = random.Random(7)
    billable = sorted(c for c, r in codes.items() if r['billable'])
    cand = sorted(set(rng.sample(billable, n_distract)) | {c for _, c in rows})
    cidx = {c: i for i, c in enumerate(cand)}
    ce = embed(model, tk, [code_text(codes[c]) for c in cand], args.code_len)
    qe = embed(model, tk, [q for q, _ in rows], args.sentence_len)
    sims = qe @ ce.T
    gold = torch.tensor([cidx[c] for _, c in rows])
    gs = sims[torch.arange(len(rows)), gold]
    rank = (sims > gs[:, None]).sum(1)
    return {'R@1': (rank < 1).float().mean().item(), 'R@10': (rank < 10).float().mean().item(),
            'MRR': (1.0 / (rank.float() + 1)).mean().item(), 'cands': len(cand)}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--layers', type=int, default=2)
    ap.add_argument('--hidden', type=int, default=128)
    ap.add_argument('--heads', type=int, default=4)
    ap.add_argument('--ffn', type=int, default=512)
    ap.add_argument('--out-dim', type=int, default=128)
    ap.add_argument('--batch', type=int, default=256)
    ap.add_argument('--group', type=int, default=4, help='pairs per sibling group in a batch')
    ap.add_argument('--steps', type=int, default=800)
    ap.add_argument('--lr', type=float, default=2e-3)
    ap.add_argument('--warmup', type=int, default=50)
    ap.add_argument('--query-len', type=int, default=32)
    ap.add_argument('--code-len', type=int, default=64)
    ap.add_argument('--title-keep', type=float, default=0.3)
    ap.add_argument('--sentence-len', type=int, default=64, help='token limit for CodiEsp sentences / context queries')
    ap.add_argument('--codiesp-repeat', type=int, default=3, help='times each CodiEsp train sentence pair is used per epoch')
    ap.add_argument('--context-prob', type=float, default=0.25, help='share of term queries wrapped in a clinical sentence')
    ap.add_argument('--threads', type=int, default=2)
    ap.add_argument('--seed', type=int, default=13)
    ap.add_argument('--eval-every', type=int, default=200)
    ap.add_argument('--out', default=os.path.join(WORK, 'model.pt'))
    args = ap.parse_args()

    torch.manual_seed(args.seed)
    random.seed(args.seed)
    torch.set_num_threads(args.threads)
    rng = random.Random(args.seed)

    vocab = json.load(open(os.path.join(WORK, 'vocab.json')))
    tk = WordPiece(vocab)
    codes = json.load(open(os.path.join(WORK, 'codes.json')))
    pairs = [json.loads(l) for l in open(os.path.join(WORK, 'pairs.jsonl'))]
    pairs = [p for p in pairs if p['k'] != 'title' or rng.random() < args.title_keep]
    cpath = os.path.join(WORK, 'codiesp-pairs.jsonl')
    if os.path.exists(cpath) and args.codiesp_repeat > 0:
        cp = [json.loads(l) for l in open(cpath)]
        pairs += [p for p in cp if p['c'] in codes] * args.codiesp_repeat
    cval = [(p['q'], p['c']) for p in map(json.loads, open(os.path.join(WORK, 'codiesp-val.jsonl')))
            if codes.get(p['c'], {}).get('billable')] if os.path.exists(os.path.join(WORK, 'codiesp-val.jsonl')) else []
    context = open(os.path.join(WORK, 'context.txt')).read().splitlines() if os.path.exists(os.path.join(WORK, 'context.txt')) else []

    def query_text(p):
        # wrap a term in a generic clinical sentence so pooling learns to ignore context words
        if context and p['k'] != 'codiesp' and rng.random() < args.context_prob:
            words = context[rng.randrange(len(context))].split()
            at = rng.randint(0, len(words))
            return ' '.join(words[:at] + [p['q']] + words[at:])
        return p['q']
    print(f'pairs {len(pairs)}  args {vars(args)}', flush=True)

    # sibling groups: pairs sorted by parent, chunked into groups of `group`
    def epoch_batches():
        by_parent = {}
        for p in pairs:
            by_parent.setdefault(codes[p['c']]['parent'] or p['c'], []).append(p)
        groups = []
        for key in sorted(by_parent):
            lst = by_parent[key]
            rng.shuffle(lst)
            for i in range(0, len(lst), args.group):
                groups.append(lst[i:i + args.group])
        rng.shuffle(groups)
        per = args.batch // args.group
        for i in range(0, len(groups) - per + 1, per):
            yield [p for g in groups[i:i + per] for p in g]

    model = Encoder(len(vocab), args.hidden, args.layers, args.heads, args.ffn, args.out_dim)
    n_params = sum(p.numel() for p in model.parameters())
    print(f'params {n_params}', flush=True)
    logit_scale = torch.nn.Parameter(torch.tensor(math.log(1 / 0.05)))
    opt = torch.optim.AdamW(list(model.parameters()) + [logit_scale], lr=args.lr, weight_decay=0.01)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min(1.0, (s + 1) / args.warmup) * 0.5 * (1 + math.cos(math.pi * min(1.0, s / args.steps))))

    step, t0, losses = 0, time.time(), []
    gen = epoch_batches()
    while step < args.steps:
        try:
            batch = next(gen)
        except StopIteration:
            gen = epoch_batches()
            continue
        q_ids = [tk.encode(query_text(p), args.sentence_len) for p in batch]
        c_ids = [tk.encode_parts(code_parts(codes[p['c']], rng, exclude=p['q']), max_len=args.code_len) for p in batch]
        qi, qm = batchify(q_ids, args.sentence_len)
        ci, cm = batchify(c_ids, args.code_len)
        qe = pool(model(qi, qm, torch.zeros_like(qi)), qm)
        ce = pool(model(ci, cm, torch.zeros_like(ci)), cm)
        logits = qe @ ce.T * logit_scale.exp().clamp(max=100)
        labels = [p['c'] for p in batch]
        same = torch.tensor([[a == b for b in labels] for a in labels])
        eye = torch.eye(len(batch), dtype=torch.bool)
        logits = logits.masked_fill(same & ~eye, -1e4)
        target = torch.arange(len(batch))
        loss = 0.5 * (F.cross_entropy(logits, target) + F.cross_entropy(logits.T, target))
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        sched.step()
        step += 1
        losses.append(loss.item())
        if step % 20 == 0:
            el = time.time() - t0
            print(f'step {step}/{args.steps} loss {sum(losses[-20:]) / 20:.4f} scale {logit_scale.exp().item():.1f} '
                  f'{el:.0f}s ({el / step:.2f}s/step)', flush=True)
        if step % args.eval_every == 0 or step == args.steps:
            print(f'dev-eval step {step}: index {dev_eval(model, tk, codes, args)}', flush=True)
            if cval:
                print(f'dev-eval step {step}: codiesp-val {dev_eval(model, tk, codes, args, rows=cval)}', flush=True)
            torch.save({'state': model.state_dict(), 'config': model.config, 'args': vars(args), 'params': n_params,
                        'train_seconds': time.time() - t0, 'steps': step}, args.out + f'.step{step}')
    el = time.time() - t0
    torch.save({'state': model.state_dict(), 'config': model.config, 'args': vars(args), 'params': n_params,
                'train_seconds': el, 'steps': step}, args.out)
    print(f'done {step} steps in {el:.0f}s -> {args.out}', flush=True)


if __name__ == '__main__':
    main()
