"""Exports a trained checkpoint to the HF folder layout in models/encoder/ (ONNX opset 14, dynamic batch/seq).

config.json says model_type "bert" so transformers.js builds a feature-extraction model from onnx/model.onnx;
`last_hidden_state` is already projected to the embedding size (mean-pool + L2-normalise outside the graph).
"""
import argparse
import json
import os
import sys

import onnx
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from model import Encoder  # noqa: E402
from wordpiece import WordPiece, tokenizer_config, tokenizer_json  # noqa: E402

from paths import HERE, WORK  # noqa: E402
MAX_LEN = 128


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--ckpt', default=os.path.join(WORK, 'model.pt'))
    ap.add_argument('--out', default=os.path.join(HERE, '..', 'encoder'))
    args = ap.parse_args()
    ck = torch.load(args.ckpt)
    cfg = ck['config']
    model = Encoder(cfg['vocab'], cfg['hidden'], cfg['layers'], cfg['heads'], cfg['ffn'], cfg['out_dim'], cfg['max_pos'])
    model.load_state_dict(ck['state'])
    model.eval()
    vocab = json.load(open(os.path.join(WORK, 'vocab.json')))
    os.makedirs(os.path.join(args.out, 'onnx'), exist_ok=True)

    tk = WordPiece(vocab)
    ids = torch.tensor([tk.encode('acute myocardial infarction of anterior wall', MAX_LEN)])
    mask = torch.ones_like(ids)
    types = torch.zeros_like(ids)
    path = os.path.join(args.out, 'onnx', 'model.onnx')
    torch.onnx.export(
        model, (ids, mask, types), path, opset_version=14, do_constant_folding=True,
        input_names=['input_ids', 'attention_mask', 'token_type_ids'], output_names=['last_hidden_state'],
        dynamic_axes={'input_ids': {0: 'batch', 1: 'sequence'}, 'attention_mask': {0: 'batch', 1: 'sequence'},
                      'token_type_ids': {0: 'batch', 1: 'sequence'}, 'last_hidden_state': {0: 'batch', 1: 'sequence'}})
    m = onnx.load(path)
    onnx.checker.check_model(m)
    # reference embeddings for the TS parity test (torch vs onnxruntime)
    with torch.no_grad():
        h = model(ids, mask, types)
    ref = (h.mean(1) / h.mean(1).norm(dim=-1, keepdim=True))[0].tolist()

    config = {
        'architectures': ['BertModel'], 'model_type': 'bert', 'vocab_size': cfg['vocab'],
        'hidden_size': cfg['out_dim'], 'encoder_hidden_size': cfg['hidden'], 'num_hidden_layers': cfg['layers'],
        'num_attention_heads': cfg['heads'], 'intermediate_size': cfg['ffn'], 'hidden_act': 'gelu',
        'max_position_embeddings': cfg['max_pos'], 'type_vocab_size': 2, 'pad_token_id': 0,
        'embedding_size': cfg['out_dim'], 'pooling': 'mean', 'normalize': True,
        'clinical_coder': {'name': 'clinical-concept-encoder', 'params': ck['params'], 'train_steps': ck['steps'],
                           'train_seconds': round(ck['train_seconds']), 'train_args': {k: (os.path.basename(v) if k == 'out' and isinstance(v, str) else v) for k, v in ck['args'].items()},
                           'reference': {'text': 'acute myocardial infarction of anterior wall', 'embedding': [round(x, 6) for x in ref]}},
    }
    json.dump(config, open(os.path.join(args.out, 'config.json'), 'w'), indent=1)
    json.dump(tokenizer_json(vocab, MAX_LEN), open(os.path.join(args.out, 'tokenizer.json'), 'w'), ensure_ascii=False)
    json.dump(tokenizer_config(MAX_LEN), open(os.path.join(args.out, 'tokenizer_config.json'), 'w'), indent=1)
    print(f'exported {path} ({os.path.getsize(path) / 1e6:.1f} MB)')


if __name__ == '__main__':
    main()
