#!/usr/bin/env bash
# po/fold.sh po/new-BRANCH.po ... — folds translations that a branch kept
# in a file of its own (entries only, no header) into po/sv.po, brings
# sv.po up to date with the sources and removes the folded files. For a
# message in both, sv.po's translation is kept. Then run ctest -R po_catalog.
set -euo pipefail
(($# > 0)) || { echo "usage: po/fold.sh po/new-BRANCH.po ..." >&2; exit 2; }
root="$(cd "$(dirname "$0")/.." && pwd)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
inputs=()
for file in "$@"; do
  # A file without a header is read as ASCII by msgcat: give it one.
  with_header="$work/$(basename "$file")"
  { printf 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'; cat "$file"; } >"$with_header"
  inputs+=("$with_header")
done
msgcat --use-first "$root/po/sv.po" "${inputs[@]}" -o "$work/sv.po"
"$root/po/extract.sh" "$root/po/omvarld.pot" 2>/dev/null
msgmerge --quiet --no-fuzzy-matching --no-wrap "$work/sv.po" "$root/po/omvarld.pot" -o "$root/po/sv.po"
rm -f -- "$@"
msgfmt --check --statistics -o /dev/null "$root/po/sv.po"
