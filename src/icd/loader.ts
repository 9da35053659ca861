// Loads the committed artifact. One instance per models folder: the knowledge base is immutable
// and large, so every caller in a process shares it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { resolveModelsDir } from '../common/paths';
import { ArtifactReader, ARTIFACT_DIR, ARTIFACT_FILE, ARTIFACT_FORMAT, ARTIFACT_VERSION } from './artifact';
import { IcdKnowledgeBase } from './knowledge-base';

/** The artifact is missing, unreadable or from another version; the message says what to do. */
export class IcdArtifactError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IcdArtifactError';
  }
}

const cache = new Map<string, IcdKnowledgeBase>();

export function artifactPath(modelsDir = resolveModelsDir()): string {
  return path.join(modelsDir, ARTIFACT_DIR, ARTIFACT_FILE);
}

export function loadKnowledgeBase(modelsDir = resolveModelsDir()): IcdKnowledgeBase {
  const dir = path.resolve(modelsDir);
  const hit = cache.get(dir);
  if (hit) return hit;
  const file = artifactPath(dir);
  const fix = 'run "npm run build:icd" (needs ../shared/data/icd10cm) or restore the committed models/icd10cm/ folder';
  if (!fs.existsSync(file)) throw new IcdArtifactError(`ICD-10-CM knowledge base not found at ${file}: ${fix}`);
  let reader: ArtifactReader;
  try {
    const gz = fs.readFileSync(file);
    // One output chunk of the exact unpacked size (gzip's trailer holds it): no concatenation copy.
    const size = gz.length >= 18 ? gz.readUInt32LE(gz.length - 4) : 0;
    const raw = zlib.gunzipSync(gz, { chunkSize: Math.max(64 * 1024, size + 1024) });
    reader = new ArtifactReader(raw);
  } catch (e) {
    throw new IcdArtifactError(`ICD-10-CM knowledge base at ${file} is unreadable (${(e as Error).message}): ${fix}`);
  }
  const h = reader.header;
  if (h.format !== ARTIFACT_FORMAT) throw new IcdArtifactError(`${file} is not a Clinical Coder ICD-10-CM knowledge base: ${fix}`);
  if (h.version !== ARTIFACT_VERSION) throw new IcdArtifactError(`${file} has layout version ${h.version}, this build reads version ${ARTIFACT_VERSION}: ${fix}`);
  let kb: IcdKnowledgeBase;
  try {
    kb = new IcdKnowledgeBase(reader);
  } catch (e) {
    throw new IcdArtifactError(`ICD-10-CM knowledge base at ${file} is corrupt (${(e as Error).message}): ${fix}`);
  }
  cache.set(dir, kb);
  return kb;
}
