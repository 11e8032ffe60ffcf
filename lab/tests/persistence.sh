#!/usr/bin/env bash
# Checks what `lab down` / `lab up` promise, on one release (default 22.05):
# a queued job and the accounting history survive, and down stops no process that lab did not start.
set -euo pipefail
LAB=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/lab
R=${1:-22.05}
fail() { echo "persistence check FAILED on $R: $*" >&2; exit 1; }

"$LAB" up --release "$R" >/dev/null 2>&1 || fail "lab up did not succeed"
job=$("$LAB" sh "$R" --user alice sbatch --parsable --hold -D /tmp -J lab-persistence-check --wrap 'sleep 1')
history_before=$("$LAB" sh "$R" sacct -n -X -a -S now-30days -E now -o JobID | wc -l)

# A decoy that looks like one of lab's daemons and even carries lab's marker, but lab did not start it.
WB_LAB_RELEASE=$R bash -c 'exec -a slurmctld sleep 600' &
decoy=$!
trap 'kill "$decoy" 2>/dev/null || true' EXIT

"$LAB" down --release "$R" >/dev/null 2>&1 || fail "lab down did not succeed"
kill -0 "$decoy" 2>/dev/null || fail "lab down stopped a process it did not start (PID $decoy)"
for pidfile in "${WB_LAB_ROOT:-/var/lib/slurm-workbench-lab}/$R"/pids/*.pid; do
  [[ -e $pidfile ]] || continue
  pid=$(cat "$pidfile")
  ! kill -0 "$pid" 2>/dev/null || fail "$(basename "$pidfile" .pid) (PID $pid) still runs after down"
done

"$LAB" up --release "$R" >/dev/null 2>&1 || fail "lab up after down did not succeed"
state=$("$LAB" sh "$R" squeue -h -j "$job" -o '%T %r')
[[ $state == "PENDING JobHeldUser" ]] || fail "held job $job is '$state' after down/up, expected PENDING JobHeldUser"
history_after=$("$LAB" sh "$R" sacct -n -X -a -S now-30days -E now -o JobID | wc -l)
((history_after >= history_before)) || fail "accounting shrank from $history_before to $history_after jobs"
"$LAB" sh "$R" scancel "$job"
echo "persistence check passed on $R: held job $job kept, $history_after jobs in accounting (was $history_before), decoy PID $decoy untouched"
