#!/usr/bin/env bash
# Installs everything omvarld needs to build, test and run its demo on Debian 12.
# Idempotent: packages already present are left as they are.
set -euo pipefail

packages=(
  build-essential cmake pkg-config ninja-build googletest libgtest-dev libgmock-dev
  libcurl4-openssl-dev libpugixml-dev libsqlite3-dev sqlite3 libboost-dev
  libspdlog-dev libfmt-dev libtomlplusplus-dev libcli11-dev nlohmann-json3-dev
  libexpected-dev libhunspell-dev hunspell-sv hunspell-en-us
  libhowardhinnant-date-dev tzdata libsystemd-dev libuchardet-dev
  python3 python3-aiosmtpd ca-certificates zlib1g-dev libssl-dev clang-14 libclang-rt-14-dev systemd dpkg-dev procps
  libxml2-dev  # kind = "html" sources and `source discover`
  libgmime-3.0-dev dovecot-imapd  # kind = "imap" newsletters; dovecot for their tests
  libidn2-dev  # the xn-- form of hosts that mix scripts (core/display_link.h)
  gettext  # msgfmt compiles po/sv.po into the binary; xgettext, msgcmp for the po_catalog test
  chromium chromium-driver python3-selenium  # the web archive's tests in a real browser
  python3-icalendar python3-feedparser  # read back the web's .ics and Atom feeds (tests/web)
)

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi

# axe-core (the accessibility rules the web archive is checked with) comes
# from the npm registry: Debian has no package of it. Pinned.
axe_dir=/opt/omvarld-test-tools
install_axe() {
  [ -f "$axe_dir/node_modules/axe-core/axe.min.js" ] && return 0
  command -v npm >/dev/null || $sudo apt-get install -y -qq --no-install-recommends npm
  $sudo mkdir -p "$axe_dir"
  $sudo npm install --no-audit --no-fund --prefix "$axe_dir" axe-core@4.10.3
}

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#packages[@]} packages present"
  install_axe
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
install_axe
