/**
 * The encoder could not be loaded (missing or corrupt files, wrong layout). The message says what is wrong and
 * what to do; callers catch it and run lexical-only with a visible warning.
 */
export class EncoderLoadError extends Error {
  constructor(message: string, readonly modelDir?: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EncoderLoadError';
  }
}

/** The code embedding index is missing, corrupt, or was built by another model. */
export class CodeIndexError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CodeIndexError';
  }
}
