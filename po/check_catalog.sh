#!/usr/bin/env bash
# po/check_catalog.sh WORK_DIR — the ctest test po_catalog. Fails when a
# tr()/trf() message of the sources is missing from po/sv.po, when an entry
# of sv.po is untranslated or fuzzy, or when msgfmt finds sv.po malformed.
# ({N} placeholders are compared in tests/core/message_catalog_test.cpp,
# over the catalog the binary embeds.) Prints msgfmt's statistics.
set -euo pipefail
work=${1:?usage: po/check_catalog.sh WORK_DIR}
root="$(cd "$(dirname "$0")/.." && pwd)"
po="$root/po/sv.po"
mkdir -p "$work"
"$root/po/extract.sh" "$work/omvarld.pot" 2>/dev/null

echo "po/sv.po: $(msgfmt --check --statistics -o /dev/null "$po" 2>&1)"
failed=0

for kind in untranslated only-fuzzy; do
  count=$(msgattrib --$kind --no-obsolete "$po" | grep -c '^msgid' || true)
  if [ "$count" -gt 0 ]; then
    count=$((count - 1))  # msgattrib keeps the header entry in what it prints
  fi
  if [ "$count" -gt 0 ]; then
    echo "po/sv.po: $count ${kind#only-} entr$([ "$count" = 1 ] && echo y || echo ies):"
    msgattrib --$kind --no-obsolete --no-wrap "$po" | grep -A1 '^msgid "[^"]' || true
    failed=1
  fi
done

# Every message of the sources in sv.po (untranslated and fuzzy ones were
# counted above; here only the missing ones).
if ! msgcmp --use-untranslated --use-fuzzy "$po" "$work/omvarld.pot" 2>"$work/msgcmp.txt"; then
  echo "po/sv.po lacks messages the sources use (run po/extract.sh and msgmerge, docs/reference.md):"
  cat "$work/msgcmp.txt"
  failed=1
fi
exit $failed
