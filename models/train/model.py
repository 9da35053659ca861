"""The clinical concept encoder: a small BERT-style transformer with a per-token output projection.

Output `last_hidden_state` is already projected to the embedding size, so masked mean pooling + L2 normalisation
(what transformers.js' feature-extraction pipeline does) gives the sentence embedding; projection commutes with the
mean, so nothing is lost by projecting before pooling. Written with plain ops so torch.onnx.export (opset 14) works.
"""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F


class Layer(nn.Module):
    def __init__(self, hidden, heads, ffn, dropout):
        super().__init__()
        self.heads = heads
        self.qkv = nn.Linear(hidden, 3 * hidden)
        self.out = nn.Linear(hidden, hidden)
        self.ln1 = nn.LayerNorm(hidden, eps=1e-12)
        self.ff1 = nn.Linear(hidden, ffn)
        self.ff2 = nn.Linear(ffn, hidden)
        self.ln2 = nn.LayerNorm(hidden, eps=1e-12)
        self.drop = nn.Dropout(dropout)

    def forward(self, x, bias):
        b, t, h = x.shape
        d = h // self.heads
        qkv = self.qkv(x).view(b, t, 3, self.heads, d).permute(2, 0, 3, 1, 4)
        q, k, v = qkv[0], qkv[1], qkv[2]
        att = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(d) + bias
        att = torch.softmax(att, dim=-1)
        y = torch.matmul(att, v).transpose(1, 2).reshape(b, t, h)
        x = self.ln1(x + self.drop(self.out(y)))
        x = self.ln2(x + self.drop(self.ff2(F.gelu(self.ff1(x)))))
        return x


class Encoder(nn.Module):
    def __init__(self, vocab, hidden=128, layers=2, heads=4, ffn=512, out_dim=128, max_pos=128, dropout=0.1):
        super().__init__()
        self.tok = nn.Embedding(vocab, hidden, padding_idx=0)
        self.pos = nn.Embedding(max_pos, hidden)
        self.typ = nn.Embedding(2, hidden)
        self.ln = nn.LayerNorm(hidden, eps=1e-12)
        self.drop = nn.Dropout(dropout)
        self.layers = nn.ModuleList([Layer(hidden, heads, ffn, dropout) for _ in range(layers)])
        self.proj = nn.Linear(hidden, out_dim)
        self.config = dict(vocab=vocab, hidden=hidden, layers=layers, heads=heads, ffn=ffn, out_dim=out_dim,
                           max_pos=max_pos)

    def forward(self, input_ids, attention_mask, token_type_ids):
        t = input_ids.shape[1]
        pos = torch.arange(t, device=input_ids.device).unsqueeze(0)
        x = self.tok(input_ids) + self.pos(pos) + self.typ(token_type_ids)
        x = self.drop(self.ln(x))
        bias = (1.0 - attention_mask.to(x.dtype))[:, None, None, :] * -10000.0
        for layer in self.layers:
            x = layer(x, bias)
        return self.proj(x)  # last_hidden_state [B, T, out_dim]


def pool(hidden, mask):
    m = mask.unsqueeze(-1).to(hidden.dtype)
    v = (hidden * m).sum(1) / m.sum(1).clamp(min=1.0)
    return F.normalize(v, dim=-1)
