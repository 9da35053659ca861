# Sourced by run.sh, explorer-ui.sh and vsix.sh. t / since: timestamps and elapsed seconds for their progress lines.
t() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(t)" 'BEGIN{printf "%.1fs", b-a}'; }

# start_code_server: starts code-server on a free loopback port with the run's profile and waits
# until it answers. Needs N24, CS, RUN (with ud/ and exts/) and a log path; sets CS_PID and URL, and an EXIT trap
# that stops the server (and its process group) and removes RUN unless KEEP_RUN is set.
# usage: start_code_server <log file>   (extra environment for the server goes before the call)
start_code_server() {
  local log="$1"
  PATH="$N24/bin:$PATH" setsid "$CS/bin/code-server" --config /dev/null \
    --bind-addr 127.0.0.1:0 --auth none --disable-telemetry --disable-update-check --disable-workspace-trust \
    --disable-getting-started-override --vscode-option enable-smoke-test-driver \
    --user-data-dir "$RUN/ud" --extensions-dir "$RUN/exts" > "$log" 2>&1 &
  CS_PID=$!
  trap 'kill -- -"$CS_PID" 2>/dev/null || true; sleep 1; kill -9 -- -"$CS_PID" 2>/dev/null || true; [ -n "${KEEP_RUN:-}" ] || rm -rf "$RUN"' EXIT
  URL=""
  for _ in $(seq 1 300); do
    URL=$(sed -n 's#.*HTTP server listening on \(http://127.0.0.1:[0-9]*\)/.*#\1#p' "$log" | head -1)
    [ -n "$URL" ] && curl -sf -o /dev/null "$URL/healthz" && break
    kill -0 "$CS_PID" 2>/dev/null || { cat "$log"; exit 1; }
    sleep 0.1
  done
  [ -n "$URL" ] || { echo "code-server did not start"; cat "$log"; exit 1; }
}
