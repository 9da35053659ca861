#!/usr/bin/env bash
# `npm run train:encoder`: the full, deterministic CPU recipe for the clinical concept encoder (see models/README.md).
#   1. prep.py           pairs from the ICD-10-CM index/tabular + held-out split (heldout-*.txt/tsv, committed)
#   2. wordpiece.py      12k WordPiece vocabulary from ICD texts + CodiEsp train/background notes
#   3. export-codes.ts   code texts from the knowledge base (same pieces as buildCodeText), held-out synonyms removed
#   4. codiesp_pairs.py  CodiEsp train sentences aligned to their gold codes; background context sentences
#   5. train.py          contrastive training (fixed seeds)
#   6. export.py         models/encoder/{config.json,tokenizer.json,tokenizer_config.json,onnx/model.onnx}
#   7. build:embeddings  models/embeddings/ (code index over all billable codes)
# Needs ../shared/data, Debian python3-torch + python3-onnx (/usr/bin/python3). TRAIN_ARGS overrides train.py flags.
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=${PYTHON:-/usr/bin/python3}
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-2}
export PYTHONHASHSEED=0
mkdir -p models/train/.work
t0=$(date +%s)
$PY models/train/prep.py
$PY -c "import sys; sys.path.insert(0, 'models/train'); import json, wordpiece as w; v = w.learn_vocab(open('models/train/.work/corpus.txt', encoding='utf-8').read().splitlines()); json.dump(v, open('models/train/.work/vocab.json', 'w')); print('vocab', len(v))"
npx tsx models/train/export-codes.ts
$PY models/train/codiesp_pairs.py
# shellcheck disable=SC2086
$PY models/train/train.py --layers 0 --hidden 256 --out-dim 128 --steps 12000 --batch 256 --lr 2e-3 --eval-every 3000 --threads 1 ${TRAIN_ARGS:-}
$PY models/train/export.py
npm run --silent build:embeddings
echo "train:encoder finished in $(( $(date +%s) - t0 )) s"
