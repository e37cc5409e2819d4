#!/usr/bin/env bash
# po/extract.sh OUTPUT.pot — every tr()/trf() message of the program's
# sources (not the tests'), as xgettext finds them. Used by the po_catalog
# test and by a translator bringing po/sv.po up to date (docs/reference.md).
set -euo pipefail
out=${1:?usage: po/extract.sh OUTPUT.pot}
cd "$(dirname "$0")/.."
find app cli config core digest feeds filters markup net service sources storage web \
    -name '*.cpp' -o -name '*.h' | LC_ALL=C sort >"$out.files"
xgettext --language=C++ --from-code=UTF-8 --keyword= --keyword=tr --keyword=trf:1 \
  --package-name=omvarld --msgid-bugs-address= --sort-by-file --add-comments=TRANSLATORS: --add-location=file \
  --files-from="$out.files" -o "$out"
rm -f "$out.files"
