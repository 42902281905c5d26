#!/usr/bin/env bash
# Submit the nightly job to a running Ray cluster with `ray job submit` (the dashboard's job API,
# port 8265). The job's driver runs on the head node from this folder's parent (the project),
# uploaded as the working directory; the nodes need the project installed with the ray extra and
# the models fetched (summarizer models fetch, on each node, or a shared HF_HOME).
#   RAY_ADDRESS=http://head:8265 jobs/ray-job-submit.sh
# Exit status: the job's (0 done, 3 done with failures, 4 not started, 5 internal error).
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
ray job submit --address "${RAY_ADDRESS:-http://127.0.0.1:8265}" --working-dir "$here/.." \
  --runtime-env-json '{"env_vars": {"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}}' \
  -- summarizer run --config jobs/ray-nightly.toml "$@"
