// The tokenizer's per-word cache gives exactly the ids of encoding the whole text (shipped tokenizer.json).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultEncoderDir } from '../../../src/encoder';
import { readModelFolder } from '../../../src/encoder/model-folder';
import { EncoderTokenizer } from '../../../src/encoder/tokenizer';

const dir = defaultEncoderDir();
const present = fs.existsSync(path.join(dir, 'tokenizer.json'));

test('cached word pieces equal whole-text encoding: accents, punctuation, odd whitespace, CJK, long texts', { skip: !present && 'models/encoder not built' }, () => {
  const f = readModelFolder(dir);
  const cached = new EncoderTokenizer(f.tokenizerJson, f.tokenizerConfig, 128);
  const whole = new EncoderTokenizer(f.tokenizerJson, f.tokenizerConfig, 128);
  (whole as unknown as { wordPieceIds: () => undefined }).wordPieceIds = () => undefined;
  const texts = ['Café au lait  spots', 'naïve\tT-cell (CD4+)\r\nlymphoma, s/p CABGx3; BP 120/80 mmHg.', '', '   ', 'a\u00a0b c\u2003d', 'x\u000by\u200bz',
    '患者 fever 38.5°C', 'hemoglobinopathy'.repeat(12), 'left ventricular hypertrophy '.repeat(60), "patient's 2nd T2DM f/u -- HbA1c=7.2%", 'ÅNGSTRÖM Ⅳ ﬁbrosis'];
  for (const t of [...texts, ...texts]) assert.deepEqual(cached.ids(t), whole.ids(t), JSON.stringify(t));
  assert.equal(cached.ids('left ventricular hypertrophy '.repeat(60)).length, 128, 'truncated as the tokenizer truncates');
});
