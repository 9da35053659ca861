// Whether coding uses the neural encoder when nothing says otherwise: the one default for the editor (the
// `clinicalCoder.encoder.enabled` setting, whose manifest default test/unit/server/settings-manifest.test.ts holds
// equal to this) and the CLI (`code` and `eval`; --encoder / --no-encoder override it).
// Off until the encoder's quality gain is measured to be worth it (models/README.md, bench:quality, bench:lsp).
export const ENCODER_ENABLED_BY_DEFAULT = false;
