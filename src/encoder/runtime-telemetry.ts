// onnxruntime-node's native library ships Microsoft telemetry: once a session runs it records device id, CPU, OS,
// RAM, model file name and run statistics under ~/.cache/Microsoft/DeveloperTools/.onnxruntime and uploads them
// (mobile.events.data.microsoft.com). The library reads ORT_DISABLE_TELEMETRY from the process environment when it
// starts its telemetry, so this must be set in the main thread before any thread loads the runtime: a worker
// thread's process.env is its own copy, invisible to native code. Every entry point imports this module first.
export function disableRuntimeTelemetry(): void {
  process.env.ORT_DISABLE_TELEMETRY = '1';
}

disableRuntimeTelemetry();
