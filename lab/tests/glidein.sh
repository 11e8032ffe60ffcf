#!/usr/bin/env bash
# End-to-end check of HTCondor glideins into Slurm 24.11 (groundwork for WB-3):
#   lab condor up; 2 pilots (workbench/src/main/resources/glidein/pilot.sh, the app's pilot template) as a Slurm array submitted through slurmrestd
#   v0.0.42 as alice; 2 slots with GLIDEIN_SlurmJobId in condor_status; a vanilla HTCondor job of
#   bob runs on one and completes; both pilots exit by themselves after the idle timeout and their
#   Slurm tasks end COMPLETED. Prints the timings. Needs root and a running 24.11 ('lab up --release
#   24.11'); WB_GLIDEIN_LAB_UP=1 runs that first.
# Knobs: WB_GLIDEIN_IDLE (idle timeout, default 30 s), WB_GLIDEIN_PILOTS (default 2),
#        WB_GLIDEIN_KEEP=1 (pilots keep their HTCondor dirs, /tmp/glidein.* in the chroot, and logs).
set -euo pipefail
LAB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LAB=$LAB_DIR/lab
R=24.11
API=v0.0.42
IDLE=${WB_GLIDEIN_IDLE:-30}
UPDATE=10
NPILOTS=${WB_GLIDEIN_PILOTS:-2}
LAB_ROOT=${WB_LAB_ROOT:-/var/lib/slurm-workbench-lab}
T0=${EPOCHREALTIME/./}

say() { printf '[glidein-test %s] %s\n' "$(date +%T)" "$*"; }
fail() {
	printf '[glidein-test] FAILED: %s\n' "$*" >&2
	exit 1
}
# elapsed since epoch-microseconds $1, one decimal
el() {
	local d=$((${EPOCHREALTIME/./} - $1))
	printf '%d.%d' $((d / 1000000)) $((d / 100000 % 10))
}
now() { echo "${EPOCHREALTIME/./}"; }
# dt FROM TO: seconds between two now() values, two decimals
dt() {
	local d=$(($2 - $1))
	printf '%d.%02d' $((d / 1000000)) $((d / 10000 % 100))
}

[[ $EUID -eq 0 ]] || fail "needs root (lab sh, lab token)"
for c in curl jq; do command -v "$c" >/dev/null || fail "needs $c"; done
if [[ ${WB_GLIDEIN_LAB_UP:-0} == 1 ]]; then
	"$LAB" up --release "$R" >/dev/null || fail "lab up --release $R did not succeed"
fi
"$LAB" sh "$R" scontrol ping 2>/dev/null | grep -q 'is UP' ||
	fail "Slurm $R is not up; run 'lab/lab up --release $R' first (or set WB_GLIDEIN_LAB_UP=1)"

# --- the pool -------------------------------------------------------------------------------------
t=$(now)
"$LAB" condor up || fail "lab condor up did not succeed"
say "condor up took $(el "$t") s"
ENVF=$LAB_ROOT/$R/condor.env
[[ -f $ENVF ]] || fail "no $ENVF after condor up"
COLLECTOR=$(sed -n 's/^COLLECTOR=//p' "$ENVF")
CHROOT=$(sed -n 's/^CONDOR_CHROOT=//p' "$ENVF")
PORT_RANGE=$(sed -n 's/^PORT_RANGE=//p' "$ENVF")
SUBMIT_USER=$(sed -n 's/^SUBMIT_USER=//p' "$ENVF")
[[ -n $COLLECTOR && -d $CHROOT ]] || fail "condor.env lacks COLLECTOR or CONDOR_CHROOT"
# A token just for this test: it is stored with the Slurm job, so keep it short-lived.
PILOT_TOKEN=$("$LAB" condor token --lifespan 1800) || fail "lab condor token failed"
REST_TOKEN=$("$LAB" token alice --release "$R" --lifespan 1800) || fail "lab token alice failed"
REST_URL=$(sed -n 's/^REST_URL=//p' "$LAB_ROOT/$R/cluster.env")
[[ -n $REST_URL ]] || fail "no REST_URL in $LAB_ROOT/$R/cluster.env"

rest() { # METHOD PATH [JSON]
	curl -sS --max-time 20 -X "$1" -H "X-SLURM-USER-NAME: alice" -H "X-SLURM-USER-TOKEN: $REST_TOKEN" \
		-H 'Content-Type: application/json' ${3:+--data-binary "$3"} "$REST_URL$2"
}
cstatus() { "$LAB" sh "$R" condor_status "$@"; }

TAG=wbglidein$$
ARRAY_ID=""
CONDOR_JOB=""
WORK=/tmp/$TAG # inside the chroot, for bob's HTCondor job
cleanup() {
	local rc=$?
	if ((rc != 0)); then
		if [[ -n $ARRAY_ID ]]; then rest DELETE "/slurm/$API/job/$ARRAY_ID" >/dev/null 2>&1 || true; fi
		if [[ -n $CONDOR_JOB ]]; then "$LAB" sh "$R" condor_rm "$CONDOR_JOB" >/dev/null 2>&1 || true; fi
		echo "[glidein-test] pilot output: $CHROOT/tmp/$TAG-*.out; HTCondor logs: $(sed -n 's/^CONDOR_LOG_DIR=//p' "$ENVF")" >&2
	else
		rm -rf "${CHROOT:?}$WORK" "$CHROOT/tmp/$TAG"-*.out
	fi
}
trap cleanup EXIT

# --- pilots through slurmrestd ---------------------------------------------------------------------
body=$(jq -n --rawfile script "$LAB_DIR/../workbench/src/main/resources/glidein/pilot.sh" --arg token "$PILOT_TOKEN" --arg coll "$COLLECTOR" \
	--arg idle "$IDLE" --arg upd "$UPDATE" --arg ports "${PORT_RANGE/9618-/9619-}" --arg tag "$TAG" --arg keep "${WB_GLIDEIN_KEEP:-0}" \
	--arg array "0-$((NPILOTS - 1))" '{job: {
		script: $script, name: $tag, array: $array, partition: "cpu",
		cpus_per_task: 2, memory_per_node: {set: true, number: 2000}, time_limit: {set: true, number: 10},
		current_working_directory: "/tmp", standard_output: ("/tmp/" + $tag + "-%A_%a.out"),
		environment: ["PATH=/usr/sbin:/usr/bin:/sbin:/bin", "LANG=C.UTF-8",
			"GLIDEIN_COLLECTOR=" + $coll, "GLIDEIN_TOKEN=" + $token,
			"GLIDEIN_IDLE_TIMEOUT=" + $idle, "GLIDEIN_UPDATE_INTERVAL=" + $upd,
			"GLIDEIN_RETIRE_MARGIN=120", "GLIDEIN_DIE_MARGIN=60",
			"GLIDEIN_SITE=WB_LAB", "GLIDEIN_KEEP_DIR=" + $keep, "GLIDEIN_NETWORK_INTERFACE=127.0.0.1", "GLIDEIN_PORT_RANGE=" + $ports,
			"GLIDEIN_EXTRA_ATTRS=GLIDEIN_ResourceName=\"lab2411-cpu\";WB_Test=\"" + $tag + "\""]}}')
T_SUBMIT=$(now)
resp=$(rest POST "/slurm/$API/job/submit" "$body") || fail "POST job/submit failed: $resp"
ARRAY_ID=$(jq -r '.job_id // empty' <<<"$resp")
[[ $ARRAY_ID =~ ^[0-9]+$ ]] || fail "no job id from job/submit: $(jq -c '.errors' <<<"$resp" 2>/dev/null || echo "$resp")"
[[ $(jq '.errors | length' <<<"$resp") == 0 ]] || fail "job/submit answered errors: $(jq -c .errors <<<"$resp")"
say "submitted pilot array $ARRAY_ID ($NPILOTS tasks) through $REST_URL/slurm/$API/job/submit as alice"

# tasks: "task_id job_id state exit_code" per started task (pending arrays are one record)
tasks() {
	rest GET "/slurm/$API/job/$ARRAY_ID" |
		jq -r '.jobs[] | select(.array_task_id.set) | "\(.array_task_id.number) \(.job_id) \(.job_state | join(",")) \(.exit_code.return_code.number // "-")"' 2>/dev/null
}
count_state() { tasks | awk -v s="$1" '$3 == s' | wc -l; }

# bounded wait: wait_until SECONDS WHAT CMD... (CMD true when done)
wait_until() {
	local limit=$1 what=$2 end
	shift 2
	end=$((SECONDS + limit))
	until "$@"; do
		((SECONDS < end)) || fail "$what: not reached within $limit s"
		sleep 0.2
	done
}

all_running() { (($(tasks | awk '$3 ~ /RUNNING|COMPLETED/' | wc -l) >= NPILOTS)); }
wait_until 60 "all $NPILOTS pilot tasks RUNNING" all_running
T_RUNNING=$(now)
say "all pilots RUNNING after $(el "$T_SUBMIT") s: $(tasks | awk '{printf "%s_%s=%s(job %s) ", a, $1, $3, $2}' a="$ARRAY_ID")"

slots() { cstatus -constraint "GLIDEIN_SlurmArrayJobId == $ARRAY_ID" -af Name GLIDEIN_SlurmJobId GLIDEIN_SlurmArrayTaskId GLIDEIN_Site GLIDEIN_SlurmNode Cpus Memory 2>/dev/null; }
enough_slots() { (($(slots | grep -c .) >= NPILOTS)); }
wait_until 60 "$NPILOTS glidein slots in condor_status (see the pilots' output $CHROOT/tmp/$TAG-*.out)" enough_slots
T_SLOTS=$(now)
say "$NPILOTS slots in condor_status after $(el "$T_SUBMIT") s from submit ($(el "$T_RUNNING") s after RUNNING):"
slots | sed 's/^/    /'
# Every slot names a Slurm job of this array.
while read -r _name jid task _rest; do
	tasks | awk -v j="$jid" -v t="$task" '$2 == j && $1 == t' | grep -q . || fail "slot $_name advertises Slurm job $jid task $task, not one of array $ARRAY_ID"
done < <(slots)

# --- a vanilla HTCondor job of bob -----------------------------------------------------------------
mkdir -p "$CHROOT$WORK"
chown "$(stat -c %u:%g "$CHROOT/home/$SUBMIT_USER" 2>/dev/null || echo 5002:5002)" "$CHROOT$WORK"
cat >"$CHROOT$WORK/job.sub" <<EOF
universe = vanilla
executable = /bin/hostname
transfer_executable = false
should_transfer_files = YES
output = $WORK/out
error = $WORK/err
log = $WORK/log
request_cpus = 1
request_memory = 100
requirements = (TARGET.WB_Test =?= "$TAG")
job_machine_attrs = GLIDEIN_SlurmJobId GLIDEIN_SlurmArrayTaskId GLIDEIN_Site
+WantDelayedUpdates = false
queue
EOF
T_CSUBMIT=$(now)
out=$("$LAB" sh "$R" --user "$SUBMIT_USER" condor_submit -terse "$WORK/job.sub" 2>&1) || fail "condor_submit as $SUBMIT_USER failed: $out"
CONDOR_JOB=$(awk '{print $1; exit}' <<<"$out")
CONDOR_JOB=${CONDOR_JOB%.*}
[[ $CONDOR_JOB =~ ^[0-9]+$ ]] || fail "condor_submit said: $out"
# Ask for a negotiation cycle now, as a submit front end would (else up to NEGOTIATOR_INTERVAL).
"$LAB" sh "$R" --user "$SUBMIT_USER" condor_reschedule >/dev/null 2>&1 || say "condor_reschedule as $SUBMIT_USER failed (the next negotiation cycle will match)"
say "submitted HTCondor job $CONDOR_JOB as $SUBMIT_USER (and condor_reschedule)"
job_started() { grep -q '^001 ' "$CHROOT$WORK/log" 2>/dev/null; }
job_done() { grep -q '^005 ' "$CHROOT$WORK/log" 2>/dev/null; }
wait_until 90 "HTCondor job $CONDOR_JOB starting on a glidein (condor_q -better-analyze $CONDOR_JOB)" job_started
T_CSTART=$(now)
wait_until 60 "HTCondor job $CONDOR_JOB completing" job_done
T_CDONE=$(now)
hist=""
for _ in $(seq 1 50); do
	hist=$("$LAB" sh "$R" condor_history -limit 1 "$CONDOR_JOB" -af Owner ExitCode MachineAttrGLIDEIN_SlurmJobId0 MachineAttrGLIDEIN_SlurmArrayTaskId0 LastRemoteHost 2>/dev/null || true)
	[[ -n $hist ]] && break
	sleep 0.2
done
read -r owner exitcode ran_jid ran_task ran_host <<<"$hist"
[[ $owner == "$SUBMIT_USER" && $exitcode == 0 ]] || fail "HTCondor job $CONDOR_JOB: owner '$owner' exit code '$exitcode' (history: $hist)"
[[ -s $CHROOT$WORK/out ]] || fail "HTCondor job $CONDOR_JOB wrote no output ($CHROOT$WORK/err: $(cat "$CHROOT$WORK/err" 2>/dev/null))"
say "HTCondor job $CONDOR_JOB of $SUBMIT_USER started $(dt "$T_CSUBMIT" "$T_CSTART") s after condor_submit, done $(dt "$T_CSTART" "$T_CDONE") s later; ran on $ran_host = Slurm job $ran_jid (task ${ARRAY_ID}_$ran_task), output: $(<"$CHROOT$WORK/out")"
CONDOR_JOB=""

# --- the pilots leave by themselves -------------------------------------------------------------------
no_slots() { [[ -z $(slots) ]]; }
wait_until $((IDLE + 3 * UPDATE + 60)) "pilots leaving condor_status after the ${IDLE} s idle timeout" no_slots
T_NOSLOTS=$(now)
all_ended() { (($(tasks | awk '$3 !~ /PENDING|RUNNING|COMPLETING|CONFIGURING/' | wc -l) >= NPILOTS)); }
wait_until 60 "pilot tasks ending in Slurm" all_ended
T_ENDED=$(now)
bad=$(tasks | awk '$3 != "COMPLETED" || $4 != 0')
[[ -z $bad ]] || fail "pilot tasks did not end COMPLETED with exit 0: $bad (output: $CHROOT/tmp/$TAG-*.out)"
ARRAY_ID_DONE=$ARRAY_ID
ARRAY_ID=""
say "pilots gone from condor_status $(el "$T_CDONE") s after the HTCondor job ended; Slurm tasks: $(tasks_end=$(rest GET "/slurm/$API/job/$ARRAY_ID_DONE" | jq -r '.jobs[] | select(.array_task_id.set) | "\(.array_task_id.number)=\(.job_state|join(",")) exit \(.exit_code.return_code.number) (\(.end_time.number - .start_time.number) s)"' | paste -sd' '); echo "$tasks_end")"
for f in "$CHROOT/tmp/$TAG-${ARRAY_ID_DONE}"_*.out; do
	grep -q 'HTCondor stopped (idle for' "$f" || fail "pilot output $f does not show an idle shutdown: $(tail -n 3 "$f")"
done

printf '\nglidein check passed on %s (array %s, HTCondor job of %s ran on Slurm job %s):\n' "$R" "$ARRAY_ID_DONE" "$SUBMIT_USER" "$ran_jid"
printf '  REST submit -> all %s pilots RUNNING      %6s s\n' "$NPILOTS" "$(dt "$T_SUBMIT" "$T_RUNNING")"
printf '  REST submit -> %s slots in condor_status  %6s s\n' "$NPILOTS" "$(dt "$T_SUBMIT" "$T_SLOTS")"
printf '  condor_submit -> HTCondor job started    %6s s\n' "$(dt "$T_CSUBMIT" "$T_CSTART")"
printf '  HTCondor job started -> completed        %6s s\n' "$(dt "$T_CSTART" "$T_CDONE")"
printf '  job completed -> pilots gone from pool   %6s s  (idle timeout %s s, update interval %s s)\n' "$(dt "$T_CDONE" "$T_NOSLOTS")" "$IDLE" "$UPDATE"
printf '  slots -> pilots gone (idle pilot life)   %6s s\n' "$(dt "$T_SLOTS" "$T_NOSLOTS")"
printf '  pilots gone -> Slurm tasks COMPLETED     %6s s\n' "$(dt "$T_NOSLOTS" "$T_ENDED")"
printf '  whole check                              %6s s\n' "$(el "$T0")"
