"""A small WordPiece vocabulary learner and tokenizer, byte-for-byte compatible with the HF `tokenizers`
pipeline we write into tokenizer.json (BertNormalizer lowercase+strip_accents, BertPreTokenizer, WordPiece '##').
"""
import collections
import json
import unicodedata

SPECIALS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]']


def _is_punct(ch):
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith('P')


def _is_control(ch):
    if ch in '\t\n\r':
        return False
    return unicodedata.category(ch) in ('Cc', 'Cf')


def _is_chinese(cp):
    return (0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0x20000 <= cp <= 0x2A6DF or 0x2A700 <= cp <= 0x2B73F
            or 0x2B740 <= cp <= 0x2B81F or 0x2B820 <= cp <= 0x2CEAF or 0xF900 <= cp <= 0xFAFF or 0x2F800 <= cp <= 0x2FA1F)


def normalize(text):
    """BertNormalizer(clean_text, handle_chinese_chars, strip_accents, lowercase)."""
    out = []
    for ch in text:
        cp = ord(ch)
        if cp == 0 or cp == 0xFFFD or _is_control(ch):
            continue
        if ch.isspace() or unicodedata.category(ch) == 'Zs':
            out.append(' ')
        elif _is_chinese(cp):
            out.append(' ' + ch + ' ')
        else:
            out.append(ch)
    text = ''.join(out).lower()
    text = unicodedata.normalize('NFD', text)
    return ''.join(ch for ch in text if unicodedata.category(ch) != 'Mn')


def pre_tokenize(text):
    """BertPreTokenizer: split on whitespace, punctuation becomes its own word."""
    words, cur = [], []
    for ch in text:
        if ch.isspace():
            if cur:
                words.append(''.join(cur))
                cur = []
        elif _is_punct(ch):
            if cur:
                words.append(''.join(cur))
                cur = []
            words.append(ch)
        else:
            cur.append(ch)
    if cur:
        words.append(''.join(cur))
    return words


def learn_vocab(lines, size=12000, whole_words=6500, min_count=3, max_piece=10):
    counts = collections.Counter()
    for line in lines:
        counts.update(pre_tokenize(normalize(line)))
    chars = collections.Counter()
    for w, n in counts.items():
        for i, ch in enumerate(w):
            chars[ch if i == 0 else '##' + ch] += n
    vocab = list(SPECIALS)
    seen = set(vocab)

    def add(tok):
        if tok not in seen:
            seen.add(tok)
            vocab.append(tok)

    for ch, n in sorted(chars.items(), key=lambda x: (-x[1], x[0])):
        if n >= min_count or len(ch) == 1:
            add(ch)
    words = [w for w, n in sorted(counts.items(), key=lambda x: (-x[1], x[0])) if n >= min_count and len(w) > 1]
    for w in words[:whole_words]:
        add(w)
    # sub-word pieces from the remaining (rarer) words: frequent prefixes and ## continuations
    rest = {w: n for w, n in counts.items() if w not in seen and len(w) > 1}
    pieces = collections.Counter()
    for w, n in rest.items():
        for L in range(2, min(max_piece, len(w)) + 1):
            pieces[w[:L]] += n
        for i in range(1, len(w) - 1):
            for L in range(2, min(max_piece, len(w) - i) + 1):
                pieces['##' + w[i:i + L]] += n
    scored = sorted(pieces.items(), key=lambda x: (-x[1] * (len(x[0].lstrip('#')) - 1) ** 0.5, x[0]))
    for p, _ in scored:
        if len(vocab) >= size:
            break
        add(p)
    return vocab


class WordPiece:
    def __init__(self, vocab, max_chars=100):
        self.vocab = {t: i for i, t in enumerate(vocab)}
        self.max_chars = max_chars
        self.unk = self.vocab['[UNK]']
        self.cls = self.vocab['[CLS]']
        self.sep = self.vocab['[SEP]']
        self.cache = {}
        self.text_cache = {}

    def word_ids(self, word):
        hit = self.cache.get(word)
        if hit is not None:
            return hit
        if len(word) > self.max_chars:
            return [self.unk]
        ids, start = [], 0
        while start < len(word):
            end, cur = len(word), None
            while start < end:
                sub = word[start:end] if start == 0 else '##' + word[start:end]
                if sub in self.vocab:
                    cur = self.vocab[sub]
                    break
                end -= 1
            if cur is None:
                ids = [self.unk]
                break
            ids.append(cur)
            start = end
        if len(self.cache) < 500000:
            self.cache[word] = ids
        return ids

    def text_ids(self, text):
        """Ids without [CLS]/[SEP], memoised (training re-tokenises the same titles and terms many times)."""
        hit = self.text_cache.get(text)
        if hit is None:
            hit = []
            for w in pre_tokenize(normalize(text)):
                hit.extend(self.word_ids(w))
            if len(self.text_cache) < 2000000:
                self.text_cache[text] = hit
        return hit

    def encode(self, text, max_len=64):
        ids = [self.cls] + self.text_ids(text)[:max_len - 2]
        ids.append(self.sep)
        return ids

    def encode_parts(self, parts, sep=' ; ', max_len=64):
        """Same ids as encode(sep.join(parts)): normalisation and pre-tokenisation never cross the separator."""
        sep_ids = self.text_ids(sep)
        ids = [self.cls]
        for i, p in enumerate(parts):
            if i:
                ids.extend(sep_ids)
            ids.extend(self.text_ids(p))
            if len(ids) >= max_len:
                break
        ids = ids[:max_len - 1]
        ids.append(self.sep)
        return ids


def tokenizer_json(vocab, max_len):
    """HF tokenizers JSON (BERT-style pipeline), loadable by @huggingface/tokenizers and transformers.js."""
    ids = {t: i for i, t in enumerate(vocab)}
    return {
        'version': '1.0',
        'truncation': {'direction': 'Right', 'max_length': max_len, 'strategy': 'LongestFirst', 'stride': 0},
        'padding': None,
        'added_tokens': [
            {'id': ids[t], 'content': t, 'single_word': False, 'lstrip': False, 'rstrip': False,
             'normalized': False, 'special': True} for t in SPECIALS],
        'normalizer': {'type': 'BertNormalizer', 'clean_text': True, 'handle_chinese_chars': True,
                       'strip_accents': True, 'lowercase': True},
        'pre_tokenizer': {'type': 'BertPreTokenizer'},
        'post_processor': {
            'type': 'TemplateProcessing',
            'single': [{'SpecialToken': {'id': '[CLS]', 'type_id': 0}}, {'Sequence': {'id': 'A', 'type_id': 0}},
                       {'SpecialToken': {'id': '[SEP]', 'type_id': 0}}],
            'pair': [{'SpecialToken': {'id': '[CLS]', 'type_id': 0}}, {'Sequence': {'id': 'A', 'type_id': 0}},
                     {'SpecialToken': {'id': '[SEP]', 'type_id': 0}}, {'Sequence': {'id': 'B', 'type_id': 1}},
                     {'SpecialToken': {'id': '[SEP]', 'type_id': 1}}],
            'special_tokens': {
                '[CLS]': {'id': '[CLS]', 'ids': [ids['[CLS]']], 'tokens': ['[CLS]']},
                '[SEP]': {'id': '[SEP]', 'ids': [ids['[SEP]']], 'tokens': ['[SEP]']},
            },
        },
        'decoder': {'type': 'WordPiece', 'prefix': '##', 'cleanup': True},
        'model': {'type': 'WordPiece', 'unk_token': '[UNK]', 'continuing_subword_prefix': '##',
                  'max_input_chars_per_word': 100, 'vocab': ids},
    }


def tokenizer_config(max_len):
    return {
        'tokenizer_class': 'BertTokenizer', 'do_lower_case': True, 'strip_accents': True,
        'model_max_length': max_len, 'cls_token': '[CLS]', 'sep_token': '[SEP]', 'pad_token': '[PAD]',
        'unk_token': '[UNK]', 'mask_token': '[MASK]', 'clean_up_tokenization_spaces': True,
    }


if __name__ == '__main__':
    import sys
    lines = open(sys.argv[1], encoding='utf-8').read().splitlines()
    v = learn_vocab(lines)
    json.dump(v, open(sys.argv[2], 'w'))
    print(len(v))
