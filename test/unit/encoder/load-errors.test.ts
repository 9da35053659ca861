// Missing or corrupt model files: EncoderLoadError naming the file and the next step; openEncoder falls back to
// lexical-only with a warning instead of throwing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createOnnxEncoder, createTransformersEncoder, defaultEncoderDir, EncoderLoadError, nativeRuntimeMessage, openEncoder } from '../../../src/encoder';

const shipped = defaultEncoderDir();
const present = fs.existsSync(path.join(shipped, 'onnx', 'model.onnx'));

function copyModel(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-encoder-'));
  fs.cpSync(shipped, dir, { recursive: true });
  return dir;
}

test('a corrupted model.onnx gives EncoderLoadError with the file and what to do', { skip: !present && 'models/encoder not built' }, async () => {
  const dir = copyModel();
  try {
    const onnx = path.join(dir, 'onnx', 'model.onnx');
    const bytes = fs.readFileSync(onnx);
    bytes.fill(0x5a, 0, 4096); // clobber the protobuf header
    fs.writeFileSync(onnx, bytes);
    await assert.rejects(createOnnxEncoder({ modelDir: dir }), (e: unknown) => {
      assert.ok(e instanceof EncoderLoadError);
      assert.match(e.message, /corrupt/);
      assert.ok(e.message.includes(onnx), 'names the file');
      assert.match(e.message, /lexical-only/);
      return true;
    });
    await assert.rejects(createTransformersEncoder(dir), EncoderLoadError);
    const choice = await openEncoder(dir);
    assert.equal(choice.encoder, undefined);
    assert.equal(choice.source, 'custom');
    assert.match(choice.warning ?? '', /Semantic matching is off.*model\.onnx/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a truncated model.onnx is rejected before onnxruntime sees it', { skip: !present && 'models/encoder not built' }, async () => {
  const dir = copyModel();
  try {
    fs.writeFileSync(path.join(dir, 'onnx', 'model.onnx'), 'not a model');
    await assert.rejects(createOnnxEncoder({ modelDir: dir }), /Encoder weights are corrupt: .*only 11 bytes/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('missing or corrupt JSON files are named in the error', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-encoder-'));
  try {
    await assert.rejects(createOnnxEncoder({ modelDir: path.join(dir, 'nope') }), /model folder not found/);
    await assert.rejects(createOnnxEncoder({ modelDir: dir }), (e: unknown) => e instanceof EncoderLoadError && e.message.includes('config.json') && /missing/.test(e.message));
    fs.writeFileSync(path.join(dir, 'config.json'), '{"model_type": "bert"');
    await assert.rejects(createOnnxEncoder({ modelDir: dir }), /config\.json is not valid JSON/);
    fs.writeFileSync(path.join(dir, 'config.json'), '{"model_type": "bert"}');
    fs.writeFileSync(path.join(dir, 'tokenizer.json'), '{}');
    await assert.rejects(createOnnxEncoder({ modelDir: dir }), /tokenizer\.json has no "model" section/);
    fs.writeFileSync(path.join(dir, 'tokenizer.json'), '{"model": {"type": "WordPiece", "vocab": {}}}');
    await assert.rejects(createOnnxEncoder({ modelDir: dir }), /weights missing: .*model\.onnx/);
    const choice = await openEncoder(dir);
    assert.equal(choice.encoder, undefined);
    assert.match(choice.warning ?? '', /lexical-only/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('openEncoder without a custom path opens the shipped model', { skip: !present && 'models/encoder not built' }, async () => {
  const choice = await openEncoder('  ');
  assert.equal(choice.source, 'shipped');
  assert.ok(choice.encoder);
  assert.equal(choice.warning, undefined);
  await choice.encoder!.dispose();
});

test('a custom model folder (clinicalCoder.model.path) runs on onnxruntime-node, not transformers.js', { skip: !present && 'models/encoder not built' }, async () => {
  const dir = copyModel();
  try {
    const choice = await openEncoder(dir);
    assert.equal(choice.source, 'custom');
    assert.equal(choice.warning, undefined);
    assert.ok(choice.encoder!.id.startsWith('onnx:'), choice.encoder!.id);
    const shippedChoice = await openEncoder('');
    const [a] = await choice.encoder!.embed(['type 2 diabetes mellitus with hyperglycemia']);
    const [b] = await shippedChoice.encoder!.embed(['type 2 diabetes mellitus with hyperglycemia']);
    assert.deepEqual(Array.from(a), Array.from(b), 'same weights, same vectors');
    await choice.encoder!.dispose();
    await shippedChoice.encoder!.dispose();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a missing native runtime is reported with the platform VSIX to install', () => {
  const missing = nativeRuntimeMessage(new Error("Cannot find module '../bin/napi-v6/darwin/x64/onnxruntime_binding.node'"), 'darwin', 'x64');
  assert.match(missing, /ONNX runtime for darwin-x64 is not part of this installation/);
  assert.match(missing, /clinical-coder-darwin-x64\.vsix/);
  assert.match(missing, /lexical-only/);
  const broken = nativeRuntimeMessage(new Error('GLIBC_2.38 not found\nmore'), 'linux', 'x64');
  assert.match(broken, /could not be loaded \(GLIBC_2\.38 not found\)/);
});
