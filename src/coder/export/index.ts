// Output writers shared by the CLI and the editor (export commands).
export * from './records';
export * from './jsonl';
export * from './json';
export * from './csv';
export * from './fhir';
