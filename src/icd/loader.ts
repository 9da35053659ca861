// Loads the committed artifact. One instance per models folder: the knowledge base is immutable
// and large, so every caller in a process shares it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { resolveModelsDir } from '../common/paths';
import { ARTIFACT_DIR, ARTIFACT_FILE, ARTIFACT_FORMAT, ARTIFACT_VERSION } from './artifact';
import type { IcdArtifact } from './artifact';
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
  let artifact: IcdArtifact;
  try {
    artifact = JSON.parse(zlib.gunzipSync(fs.readFileSync(file)).toString('utf8')) as IcdArtifact;
  } catch (e) {
    throw new IcdArtifactError(`ICD-10-CM knowledge base at ${file} is corrupt (${(e as Error).message}): ${fix}`);
  }
  if (!artifact || artifact.format !== ARTIFACT_FORMAT || !artifact.nodes || !Array.isArray(artifact.nodes.code)) {
    throw new IcdArtifactError(`${file} is not a Clinical Coder ICD-10-CM knowledge base: ${fix}`);
  }
  if (artifact.version !== ARTIFACT_VERSION) {
    throw new IcdArtifactError(`${file} has layout version ${artifact.version}, this build reads version ${ARTIFACT_VERSION}: ${fix}`);
  }
  const kb = new IcdKnowledgeBase(artifact);
  cache.set(dir, kb);
  return kb;
}
