#!/usr/bin/env bash
# Wrapper for schedulers: offline, logged, and the job's exit status passed on.
#   0 all done · 3 finished with failures (see the log and the digests)
#   4 nothing done (could not start, or no digest written) · 5 internal error (traceback in run-report.json)
# On a non-zero status it prints one line to stdout, so cron mails it to MAILTO.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
config="${SUMMARIZER_CONFIG:-$here/nightly.toml}"
log_dir="${SUMMARIZER_LOG_DIR:-$here/../out/logs}"
mkdir -p "$log_dir"
log="$log_dir/nightly-$(date +%Y-%m-%d).log"

export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1
echo "== $(date -Is) start" >>"$log"
"${SUMMARIZER_BIN:-summarizer}" run --config "$config" "$@" >>"$log" 2>&1
status=$?
echo "== $(date -Is) exit $status" >>"$log"
case "$status" in
  0) ;;
  3) echo "summarizer nightly: finished with failures; see $log" ;;
  4) echo "summarizer nightly: nothing done (could not start or no digest written); see $log" ;;
  5) echo "summarizer nightly: internal error; traceback in the output folder's run-report.json; see $log" ;;
  *) echo "summarizer nightly: exit $status; see $log" ;;
esac
exit "$status"
