import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EncoderLoadError } from './errors';

/** What an HF-layout encoder folder must hold, read and checked up front so failures name the bad file. */
export interface ModelFolder {
  dir: string;
  config: Record<string, unknown>;
  tokenizerJson: Record<string, unknown>;
  tokenizerConfig: Record<string, unknown>;
  onnxPath: string;
  /** Content hash of the weights (survives copies and clones): keys caches of embeddings built with this model. */
  fingerprint: string;
}

const HINT = 'Reinstall the extension (shipped model) or point clinicalCoder.model.path at a folder with config.json, tokenizer.json, tokenizer_config.json and onnx/model.onnx; until then suggestions are lexical-only.';

function readJson(dir: string, name: string, required: boolean): Record<string, unknown> {
  const file = path.join(dir, name);
  if (!fs.existsSync(file)) {
    if (!required) return {};
    throw new EncoderLoadError(`Encoder model file missing: ${file}. ${HINT}`, dir);
  }
  try {
    const v = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (!v || typeof v !== 'object') throw new Error('not a JSON object');
    return v as Record<string, unknown>;
  } catch (e) {
    throw new EncoderLoadError(`Encoder model file is corrupt: ${file} is not valid JSON (${(e as Error).message}). ${HINT}`, dir, { cause: e });
  }
}

/** Checks the folder layout; throws EncoderLoadError naming the missing/corrupt file and the next step. */
export function readModelFolder(dir: string, onnxFile = 'model.onnx'): ModelFolder {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new EncoderLoadError(`Encoder model folder not found: ${dir}. ${HINT}`, dir);
  }
  const config = readJson(dir, 'config.json', true);
  const tokenizerJson = readJson(dir, 'tokenizer.json', true);
  const tokenizerConfig = readJson(dir, 'tokenizer_config.json', false);
  if (!tokenizerJson.model || typeof tokenizerJson.model !== 'object') {
    throw new EncoderLoadError(`Encoder tokenizer is corrupt: ${path.join(dir, 'tokenizer.json')} has no "model" section. ${HINT}`, dir);
  }
  const onnxPath = path.join(dir, 'onnx', onnxFile);
  if (!fs.existsSync(onnxPath)) throw new EncoderLoadError(`Encoder weights missing: ${onnxPath}. ${HINT}`, dir);
  const st = fs.statSync(onnxPath);
  if (st.size < 1024) throw new EncoderLoadError(`Encoder weights are corrupt: ${onnxPath} is only ${st.size} bytes. ${HINT}`, dir);
  return { dir, config, tokenizerJson, tokenizerConfig, onnxPath, fingerprint: crypto.createHash('sha1').update(fs.readFileSync(onnxPath)).digest('hex').slice(0, 12) };
}

export { HINT as MODEL_FOLDER_HINT };
