// The webview's side of the protocol: typed requests to the language server (through the extension
// host) and the host's events. acquireVsCodeApi may be called once per page, so it lives here.
import type {
  ExplorerMethod, ExplorerViewState, HostToWebview, ParamsOf, ResultOf, WebviewToHost,
} from '../src/common/explorerProtocol';

interface VsCodeApi {
  postMessage(msg: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const api: VsCodeApi = typeof acquireVsCodeApi === 'function'
  ? acquireVsCodeApi()
  : { postMessage: () => undefined, getState: () => undefined, setState: () => undefined };

const TIMEOUT_MS = 30_000;
let nextId = 1;
const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void; timer: ReturnType<typeof setTimeout> }>();
const listeners: ((m: HostToWebview) => void)[] = [];

export function post(msg: WebviewToHost): void {
  api.postMessage(msg);
}

/** Sends one custom request to the language server; rejects with the server's message on failure. */
export function request<M extends ExplorerMethod>(method: M, params: ParamsOf<M>): Promise<ResultOf<M>> {
  const id = nextId++;
  return new Promise<ResultOf<M>>((resolve, reject) => {
    const timer = setTimeout(() => {
      pending.delete(id);
      reject(new Error(`No answer from the Clinical Coder language server for ${method} after ${TIMEOUT_MS / 1000} s. Check "Clinical Coder: Show Log".`));
    }, TIMEOUT_MS);
    pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer });
    post({ type: 'request', id, method, params });
  });
}

export function onHostMessage(fn: (m: HostToWebview) => void): void {
  listeners.push(fn);
}

window.addEventListener('message', (ev: MessageEvent) => {
  const m = ev.data as HostToWebview | undefined;
  if (!m || typeof m !== 'object' || typeof m.type !== 'string') return;
  if (m.type === 'response') {
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    clearTimeout(p.timer);
    if (m.error !== undefined) p.reject(new Error(String(m.error)));
    else p.resolve(m.result);
    return;
  }
  for (const fn of listeners) fn(m);
});

export function loadState(): ExplorerViewState | undefined {
  const s = api.getState() as ExplorerViewState | undefined;
  return s && s.v === 1 ? s : undefined;
}

export function saveState(s: ExplorerViewState): void {
  api.setState(s);
}
