#!/usr/bin/env bash
# pact-conformance.sh: PACT's own conformance tool (../shared/pact-conformance, or
# $PACT_CONFORMANCE_DIR) against pcf serve on 127.0.0.1, for Technical Specifications V2.3 and
# V3.0. It builds a test store (pcf batch --store over tests/fixtures/serve/catalogue.csv), starts
# pcf serve with the test CA's localhost certificate and a client for the tool, and a receiver
# (tests/serve/pact_receiver.ts) at the event source the tool gives, which checks the two
# asynchronous callbacks (cases 13 and 14.B) against the tool's schemas. Every mandatory case
# must pass: the tool's own report for the synchronous ones (its CLI leaves 13 and 14.B pending)
# and the receiver's for 13 and 14.B.
# Usage: scripts/pact-conformance.sh [BUILD_DIR]   (default build)
# Exit: 0 all mandatory cases pass, 1 some fail, 77 skipped (no tool copy, or the npm registry
# cannot be reached to install it).
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="$(cd "${1:-$root/build}" && pwd)"
pcf="$build/pcf"
tool="${PACT_CONFORMANCE_DIR:-$root/../shared/pact-conformance}"
fix="$root/tests/fixtures/serve"
export PACT_CT_DIR="${PACT_CT_DIR:-${TMPDIR:-/tmp}/pact-conformance}"
skip() { echo "SKIPPED: $*"; exit 77; }
[ -x "$tool/run.sh" ] || skip "no PACT conformance tool at $tool"
command -v node >/dev/null && command -v npm >/dev/null || skip "node and npm are not installed (scripts/setup.sh)"
if [ ! -f "$PACT_CT_DIR/.installed" ] || ! cmp -s "$tool/package-lock.json" "$PACT_CT_DIR/package-lock.json"; then
  timeout 30 npm ping >/dev/null 2>&1 || skip "the npm registry cannot be reached to install the conformance tool"
  # run.sh installs the tool on first use; with nothing listening it then stops at once.
  "$tool/run.sh" https://127.0.0.1:1 x y V3.0 >/dev/null 2>&1
  [ -f "$PACT_CT_DIR/.installed" ] || skip "the conformance tool could not be installed from the npm registry"
fi

work="$(mktemp -d)"
pids=()
# A process that leads its own group (the receiver) is stopped with its group: npx's node child
# would outlive npx otherwise.
cleanup() {
  for p in "${pids[@]}"; do kill -- "-$p" 2>/dev/null || kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
  rm -rf "$work"
}
trap cleanup EXIT

# The test store: three toy cars computed by pcf batch.
"$pcf" batch "$fix/catalogue.csv" --profile "$root/cases/profile.ini" --store "$work/footprints.db" --threads 1 -q \
  -o "$work/batch.csv" || { echo "FAIL: pcf batch --store"; exit 1; }

# The receiver, on a free port.
cp "$root/tests/serve/pact_receiver.ts" "$PACT_CT_DIR/"
: > "$work/callbacks.txt"
(cd "$PACT_CT_DIR" && exec setsid npx ts-node pact_receiver.ts "$fix/localhost.pem" "$fix/localhost.key" \
   "$work/callbacks.txt" "urn:pathfinder:product:customcode:vendor-assigned:TC-100") > "$work/receiver.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 300); do grep -q '^port ' "$work/receiver.log" && break; sleep 0.1; done
rport="$(sed -n 's/^port //p' "$work/receiver.log")"
[ -n "$rport" ] || { cat "$work/receiver.log"; echo "FAIL: the receiver did not start"; exit 1; }

# pcf serve with one client for the tool, which answers requests at the receiver.
secret="conformance-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
hash="$(printf '%s\n' "$secret" | "$pcf" serve hash-secret --iterations 10000)"
cat > "$work/serve.ini" <<INI
[server]
store = footprints.db
cert = $fix/localhost.pem
key = $fix/localhost.key
bind = 127.0.0.1
port = 0
callback_retries = 1, 2, 4
[client conformance]
id = pact-conformance
secret = $hash
events_url = https://localhost:$rport
callback_client_id = test_client_id
callback_client_secret = test_client_secret
callback_ca = $fix/ca.pem
INI
"$pcf" serve --config "$work/serve.ini" 2> "$work/serve.log" &
pids+=($!)
for _ in $(seq 1 100); do grep -q 'listening on' "$work/serve.log" && break; sleep 0.1; done
port="$(sed -n 's/.*listening on https:\/\/127.0.0.1:\([0-9]*\).*/\1/p' "$work/serve.log")"
[ -n "$port" ] || { cat "$work/serve.log"; echo "FAIL: pcf serve did not start"; exit 1; }

export NODE_EXTRA_CA_CERTS="$fix/ca.pem" PACT_WEBHOOK_URL="https://localhost:$rport"
failed=0 passed=0
for version in V2.3 V3.0; do
  echo "== PACT conformance tool, $version, against pcf serve at https://localhost:$port"
  "$tool/run.sh" "https://localhost:$port" pact-conformance "$secret" "$version" > "$work/tool-$version.log" 2>&1
  # Its summary of the mandatory cases, without colours and timestamps.
  sed 's/\x1b\[[0-9;]*m//g; s/^\[[^]]*\] [A-Z]* ([0-9]*): //' "$work/tool-$version.log" |
    awk '/^Mandatory Tests:/{on=1} /^Non-Mandatory Tests:/{on=0} /^STATISTICS/{on=0} on' > "$work/mandatory-$version.txt"
  cat "$work/mandatory-$version.txt"
  n_ok=$(grep -c '^✓' "$work/mandatory-$version.txt"); n_bad=$(grep -c '^✗' "$work/mandatory-$version.txt")
  n_pending=$(grep -c '^⧗' "$work/mandatory-$version.txt")
  [ "$n_ok" -gt 0 ] || { tail -30 "$work/tool-$version.log"; n_bad=$((n_bad + 1)); }
  passed=$((passed + n_ok)); failed=$((failed + n_bad))
  # The two callbacks, checked by the receiver (retries included: wait up to 30 s).
  for _ in $(seq 1 300); do [ "$(grep -c " $version " "$work/callbacks.txt")" -ge 2 ] && break; sleep 0.1; done
  grep " $version " "$work/callbacks.txt"
  got=$(grep -c "^PASS $version " "$work/callbacks.txt")
  passed=$((passed + got)); failed=$((failed + 2 - got))
  if [ "$n_pending" -ne 2 ] || [ "$got" -ne 2 ]; then failed=$((failed + 1)); echo "the callbacks of cases 13 and 14.B were not both received and valid"; fi
done
echo "== pcf serve log"; cat "$work/serve.log"
echo "PACT conformance (mandatory cases, V2.3 and V3.0): $passed passed, $failed failed"
[ "$failed" -eq 0 ]
