# bench/bench_packages.sh: sourced by bench/run-parse.sh and bench/run-poll.sh.
#
# install_bench_packages PACKAGE...: apt-gets those of the Debian packages
# that are not installed (with sudo when not root), quietly, naming them
# through the caller's say(). What a benchmark needs beyond
# scripts/install-deps.sh; CI never calls it.
install_bench_packages() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  ((${#missing[@]} == 0)) && return 0
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  say "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}
