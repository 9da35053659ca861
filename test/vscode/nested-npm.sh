# Sourced by setup.sh: nested npm installs that never inherit the outer npm's environment. Under `npm start` or
# `npm test` the outer npm exports npm_config_* (its user agent names Node 20, its prefix, its cache...),
# npm_lifecycle_* and npm_package_*; code-server's postinstall reads the user agent to check for Node 24 and fails.
# usage: nested_npm_global_install <prefix> <node bin dir> <log file> <package spec>...   (extra env before the call)
# usage: nested_npm <npm arguments>...   (the same, for any other npm command)
outer_npm_env_unset_args() {
  local v
  UNSET_ARGS=()
  for v in $(compgen -e); do
    case "$v" in npm_config_nodedir) ;; npm_*|NPM_*|INIT_CWD|NODE|NODE_ENV|NODE_OPTIONS) UNSET_ARGS+=(-u "$v") ;; esac
  done
}
nested_npm() {
  outer_npm_env_unset_args
  env "${UNSET_ARGS[@]}" npm "$@"
}
nested_npm_global_install() {
  local prefix="$1" nodebin="$2" log="$3"; shift 3
  outer_npm_env_unset_args
  # npm 11 blocks dependency install scripts by default; these are the packages we chose to install, whose scripts
  # build their native modules (and code-server's runs a nested `npm install` that must be allowed too).
  env "${UNSET_ARGS[@]}" PATH="$nodebin:$PATH" \
    npm install -g --prefix "$prefix" --no-audit --no-fund --dangerously-allow-all-scripts "$@" > "$log" 2>&1
}
