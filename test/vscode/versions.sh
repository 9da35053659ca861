# Sourced by setup.sh, run.sh and explorer-ui.sh: the pinned code-server and Node 24 versions and the install cache
# (override any of them in the environment). Needs ROOT.
CS_VERSION="${CS_VERSION:-4.139.1}"
NODE24="${NODE24:-24.21.0}"
CACHE="${CACHE:-$ROOT/.vscode-test}"
