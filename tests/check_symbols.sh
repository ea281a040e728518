#!/bin/sh
# check_symbols.sh SOURCE_DIR LIBILCD LIBPCF: the libraries can ship.
#  1. every global symbol they define carries its library's prefix (ilcd_ / pcf_), so a static
#     link never collides with a program's own names (internals shared between files: ilcd__x);
#  2. default visibility is for the API alone: a symbol is visible exactly when a public header
#     declares it, marked ILCD_EXTERN / PCF_EXTERN (the libraries compile with hidden
#     visibility), so a shared build exports the API and nothing else.
# Exit 0, or 1 listing each offending symbol.
src=$1
api=$(mktemp)
trap 'rm -f "$api"' EXIT
# The API: every function the public headers name (a prototype left unmarked is then "in the API,
# yet hidden").
cat "$src"/ilcd/include/ilcd/*.h "$src"/pcf/include/pcf/*.h | grep -oE '\b(ilcd|pcf)_[a-z0-9_]+ *\(' |
  tr -d ' (' | sort -u >"$api"
status=0
check() { # check ARCHIVE PREFIX
  # readelf -s columns: Num Value Size Type Bind Vis Ndx Name (Ndx UND: used, not defined here)
  readelf -sW "$1" | awk -v lib="$(basename "$1")" -v pre="$2" -v apifile="$api" '
    BEGIN { while ((getline s < apifile) > 0) api[s] = 1 }
    $8 ~ /^__(odr_asan|asan|ubsan|sanitizer|sancov)/ { next } # a sanitizer build'"'"'s own symbols
    $5 == "GLOBAL" && $7 != "UND" && ($4 == "FUNC" || $4 == "OBJECT") {
      if (index($8, pre) != 1) { print lib ": " $8 ": no " pre " prefix"; bad = 1 }
      else if ($6 == "DEFAULT" && !($8 in api)) { print lib ": " $8 ": visible, yet not in the API"; bad = 1 }
      else if ($6 != "DEFAULT" && ($8 in api)) { print lib ": " $8 ": in the API, yet hidden"; bad = 1 }
      n++
    }
    END { if (n < 10) { print lib ": only " n " symbols read"; bad = 1 } exit bad }' || status=1
}
check "$2" ilcd_
check "$3" pcf_
exit $status
