# shellcheck shell=bash
# Demo load: a background loop per release that keeps a few jobs of alice, bob and carol
# queued and running, so dashboards never look empty. Bounded by DEMO_MAX jobs (array tasks
# count one each).

DEMO_MAX=${WB_LAB_DEMO_MAX:-15}
BASH_EXE=$(readlink -f "$BASH")

demo_pid() {
	local pid
	pid=$(pidfile_pid "$R_PIDS/demo.pid" || true)
	[[ -n $pid ]] && pid_ok "$pid" "$BASH_EXE" "$R" && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q ' _demo-loop ' && echo "$pid"
}

demo_start() {
	local pid
	if pid=$(demo_pid); then
		log "$R: demo already running (PID $pid)"
		return 0
	fi
	ctld_up || die "$R: cluster is not up; run 'lab up --release $R' first"
	mkdir -p "$R_PIDS" "$R_HOME/logs"
	launch "$R_PIDS/demo.pid" "$R_HOME/logs/demo.log" env WB_LAB_RELEASE="$R" "$BASH_EXE" "$LAB_DIR/lab" _demo-loop "$R"
	log "$R: demo started (PID $(cat "$R_PIDS/demo.pid"), log: $R_HOME/logs/demo.log)"
}

demo_stop() {
	local pid
	if pid=$(demo_pid); then
		log "$R: stopping demo (PID $pid)"
		kill_checked "$pid" "$BASH_EXE" "$R" 10
	fi
	rm -f "$R_PIDS/demo.pid"
}

demo_submit_one() {
	local u=${DEMO_USERS[RANDOM % ${#DEMO_USERS[@]}]} kind=$((RANDOM % 10)) s=$((20 + RANDOM % 101))
	local -a a=(--parsable --chdir=/tmp -o /dev/null -t 5)
	if ((kind < 6)); then
		a+=(-J demo-cpu -p cpu -n $((1 + RANDOM % 8)))
	elif ((kind < 8)); then
		a+=(-J demo-array -p cpu --array=0-$((2 + RANDOM % 5))%3)
	else
		a+=(-J demo-gpu -p gpu --qos=gpu --gres=gpu:1)
	fi
	echo "$(date +%T) $u ${a[*]:6} sleep $s: $(rx_as "$u" sbatch "${a[@]}" --wrap "sleep $s" 2>&1)"
}

# Runs until stopped; tolerates a cluster that is briefly away.
demo_loop() {
	local n out sfd
	trap 'exit 0' TERM INT
	# read -t on an idle pipe sleeps without a child process, so SIGTERM ends the loop at once.
	exec {sfd}<> <(:)
	while :; do
		if out=$(rx squeue -h -r -o %j 2>/dev/null); then
			n=$(grep -c '^demo-' <<<"$out" || true)
			if ((n < DEMO_MAX)); then demo_submit_one || true; fi
		fi
		read -rt $((3 + RANDOM % 6)) -u "$sfd" || true
	done
}
