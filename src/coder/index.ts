// The coding engine's public entry point, shared by the language server, the CLI and the webview.
export { CodingEngine, type EngineCreateOptions } from './engine';
export type { CareSetting, CodingOptions, CodingPolicy, CodingResult, Evidence, MatchReason, Suggestion, SuggestionStatus, Alternative } from './types';
