#!/usr/bin/env bash
# Wrapper for schedulers (cron, systemd): offline, logged, and the job's exit status passed on.
#   0 all done · 3 finished with failures (see the log and the digests)
#   4 nothing done (could not start, no digest written, every article failed, or this wrapper
#     could not find summarizer or write its log) · 5 internal error (traceback in run-report.json)
#   130/143 stopped by SIGINT/SIGTERM at a batch boundary (run-report.json says interrupted)
# On a non-zero status it prints one line to stdout, so cron mails it to MAILTO.
#
# cron and systemd start with a bare PATH: summarizer is found by an absolute path, set here once.
# SUMMARIZER_BIN overrides it; the default is the checkout's virtual environment.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
summarizer="${SUMMARIZER_BIN:-$here/../.venv/bin/summarizer}"
config="${SUMMARIZER_CONFIG:-$here/nightly.toml}"
log_dir="${SUMMARIZER_LOG_DIR:-$here/../out/logs}"

if [ ! -x "$summarizer" ]; then
  echo "summarizer nightly: $summarizer is not an executable; install into $here/../.venv (see README) or set SUMMARIZER_BIN"
  exit 4
fi
if ! mkdir -p "$log_dir" 2>/dev/null || [ ! -w "$log_dir" ]; then
  echo "summarizer nightly: log folder $log_dir cannot be created or written; set SUMMARIZER_LOG_DIR"
  exit 4
fi
log="$log_dir/nightly-$(date +%Y-%m-%d).log"

export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1
echo "== $(date -Is) start" >>"$log"
"$summarizer" run --config "$config" "$@" >>"$log" 2>&1
status=$?
echo "== $(date -Is) exit $status" >>"$log"
case "$status" in
  0) ;;
  3) echo "summarizer nightly: finished with failures; see $log" ;;
  4) echo "summarizer nightly: nothing done (could not start, no digest written, or every article failed); see $log" ;;
  5) echo "summarizer nightly: internal error; traceback in the output folder's run-report.json; see $log" ;;
  130|143) echo "summarizer nightly: stopped by a signal at a batch boundary; the next run goes on; see $log" ;;
  *) echo "summarizer nightly: exit $status; see $log" ;;
esac
exit "$status"
