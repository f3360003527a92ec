#!/usr/bin/env bash
# report.html as a browser sees it: a run against the embedded reference with one
# defect, rendered by headless Chromium. The DOM must hold the thirteen issue rows,
# each with the verdict results.json gives its issue, and a screenshot must come out.
# Usage: html_dom_test.sh HARNESS [DEFECT] [KEEP_SCREENSHOT_AS]
set -euo pipefail
harness="$1"
defect="${2:-API-007}"
keep="${3:-}"

command -v chromium >/dev/null || { echo "chromium is missing (scripts/packages.txt)"; exit 1; }
command -v jq >/dev/null || { echo "jq is missing (scripts/packages.txt)"; exit 1; }

work="$(mktemp -d "${TMPDIR:-/tmp}/rm-html-dom.XXXXXX")"
trap 'rm -rf "$work"' EXIT

rc=0
"$harness" run --target embedded --defect "$defect" --report "$work/out" >"$work/run.log" 2>&1 || rc=$?
# A defect makes some scenario fail (1); 2 would mean the harness could not drive it.
[ "$rc" -le 1 ] || { cat "$work/run.log"; echo "harness exited $rc"; exit 1; }

# --dump-dom and --screenshot end Chromium by themselves; `timeout` stops the one
# process it started (by pid) should it hang, never anything else.
chromium_run() {
  timeout --kill-after=5 120 chromium --headless --no-sandbox --disable-gpu --disable-quic \
    --no-first-run --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$work/profile-$1" "${@:2}" "file://$work/out/report.html"
}
chromium_run dom --dump-dom >"$work/dom.html" 2>"$work/chromium-dom.log"
chromium_run shot --screenshot="$work/report.png" --window-size=1280,2000 2>"$work/chromium-shot.log"

# The issue rows as the browser parsed them: one "ISSUE VERDICT" line each.
grep -o '<tr [^>]*data-issue="[^"]*" data-verdict="[^"]*"' "$work/dom.html" |
  sed -E 's/.*data-issue="([^"]*)" data-verdict="([^"]*)".*/\1 \2/' >"$work/rows.txt"
rows=$(wc -l <"$work/rows.txt")
[ "$rows" -eq 13 ] || { echo "expected 13 issue rows in the DOM, found $rows"; exit 1; }

jq -r '.issues | to_entries[] | "\(.key) \(.value.verdict // "not_run")"' \
  "$work/out/results.json" >"$work/expected.txt"
diff -u "$work/expected.txt" "$work/rows.txt" || { echo "DOM verdicts differ from results.json"; exit 1; }
grep -q "^$defect fail$" "$work/rows.txt" || { echo "$defect is not shown as fail"; exit 1; }

# The failing scenarios' evidence made it into the page.
grep -q 'class="transcript"' "$work/dom.html" || { echo "no transcript in the DOM"; exit 1; }

[ -s "$work/report.png" ] || { echo "no screenshot"; exit 1; }
magic=$(head -c 8 "$work/report.png" | od -An -tx1 | tr -d ' \n')
[ "$magic" = "89504e470d0a1a0a" ] || { echo "screenshot is not a PNG ($magic)"; exit 1; }

[ -z "$keep" ] || cp "$work/report.png" "$keep"
echo "13 issue rows with their verdicts; screenshot $(stat -c %s "$work/report.png") bytes"
