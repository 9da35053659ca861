# Sourced by setup.sh, run.sh, explorer-ui.sh and vsix.sh (and read by scripts/start.mjs): the pinned code-server and
# Node 24 versions and the install cache, outside the clone so that every clone and CI run reuses one install
# (override any of them in the environment). Needs ROOT.
CS_VERSION="${CS_VERSION:-4.139.1}"
NODE24="${NODE24:-24.21.0}"
CACHE="${CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/clinical-coder/vscode-test}"
