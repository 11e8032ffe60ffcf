# shellcheck shell=bash
# One release's cluster: prepare its environment, start/stop its daemons by PID file,
# set up accounting, prove it works with a real job. The same code serves host and chroots.

# Start order; "down" stops in reverse.
daemon_names() { echo munged slurmdbd slurmctld "${NODES[@]/#/slurmd-}" slurmrestd; }

# hpath PATH: a path inside the release's environment, seen from the host.
hpath() { if [[ $R_ROOT == / ]]; then echo "$1"; else echo "$R_ROOT$1"; fi; }

# resolve_exe PATH: sets EXE to what /proc/PID/exe shows for a program started as PATH in
# the environment (Debian links e.g. slurmctld -> slurmctld-wlm; links resolve inside the chroot).
declare -A EXE_CACHE=()
resolve_exe() {
	local k="$R_ROOT|$1"
	if [[ -z ${EXE_CACHE[$k]:-} ]]; then
		if [[ -e $(hpath "$1") ]]; then
			EXE_CACHE[$k]=$(hpath "$(chroot "$R_ROOT" readlink -f "$1")")
		else
			EXE_CACHE[$k]=$(hpath "$1") # not installed: no process can match
		fi
	fi
	EXE=${EXE_CACHE[$k]}
}

# daemon_spec NAME: sets D_EXE (path inside the environment), D_USER and D_ARGS.
# All run in the foreground (-D/-F) so that the PID lab records is the daemon itself.
daemon_spec() {
	local d=$R_DIR
	D_USER=root D_PORT=""
	case $1 in
	munged)
		D_EXE=/usr/sbin/munged D_USER=munge
		D_ARGS=(-F --socket="$d/munge/munge.socket" --key-file="$d/munge/munge.key"
			--pid-file="$d/munge/munged.pid" --log-file="$d/log/munged.log" --seed-file="$d/munge/munged.seed")
		;;
	slurmdbd) D_EXE=/usr/sbin/slurmdbd D_ARGS=(-D) D_PORT=$R_PORT_DBD ;;
	slurmctld) D_EXE=/usr/sbin/slurmctld D_ARGS=(-D) D_PORT=$R_PORT_CTLD ;;
	slurmd-*)
		local i
		for i in "${!NODES[@]}"; do [[ ${NODES[$i]} == "${1#slurmd-}" ]] && D_PORT=$((R_PORT_NODE0 + i)); done
		D_EXE=/usr/sbin/slurmd D_ARGS=(-D -N "${1#slurmd-}")
		;;
	slurmrestd)
		# slurmrestd refuses root; SLURM_JWT=daemon makes it forward the clients' tokens. MALLOC_ARENA_MAX=2: with
		# glibc's default arena per thread, each 20,000-job list (24.11: 306 MB of JSON, ~5.5 GB while built) left its
		# memory in its thread's arena until the kernel killed slurmrestd at 22 GB; with two it levels off at 8.3 GB.
		D_EXE=/usr/sbin/slurmrestd D_USER=slurmrest D_PORT=$R_PORT_REST
		D_ARGS=(-a rest_auth/jwt "127.0.0.1:$R_PORT_REST")
		;;
	*) die "unknown daemon $1" ;;
	esac
}

# daemon_pid NAME: true when lab's NAME runs; sets DPID and (via daemon_spec) D_*, EXE.
daemon_pid() {
	daemon_spec "$1"
	resolve_exe "$D_EXE"
	DPID=$(pidfile_pid "$R_PIDS/$1.pid" || true)
	[[ -n $DPID ]] && pid_ok "$DPID" "$EXE" "$R"
}

daemon_start() {
	local name=$1 pid logf i
	daemon_pid "$name" && return 0
	if [[ -n $D_PORT ]] && tcp_open "$D_PORT"; then
		die "$R: cannot start $name: 127.0.0.1:$D_PORT is already in use by another program (see: ss -ltnp 'sport = :$D_PORT')"
	fi
	logf=$R_HDIR/log/$name.out
	local -a argv=(chroot)
	if [[ $D_USER != root ]]; then
		env_ids "$D_USER" || die "$R: no user $D_USER in the environment"
		argv+=(--userspec="$U_UID:$U_GID" --groups="$U_GID")
	fi
	# shellcheck disable=SC2207
	argv+=("$R_ROOT" $(rel_env))
	[[ $name == slurmrestd ]] && argv+=(SLURM_JWT=daemon MALLOC_ARENA_MAX=2)
	launch "$R_PIDS/$name.pid" "$logf" "${argv[@]}" "$D_EXE" "${D_ARGS[@]}"
	pid=$(<"$R_PIDS/$name.pid")
	for ((i = 0; i < 50; i++)); do
		if pid_ok "$pid" "$EXE" "$R"; then
			log "$R: started $name (PID $pid)"
			return 0
		fi
		[[ -d /proc/$pid ]] || break
		sleep 0.1
	done
	die "$R: $name exited at once; see $logf and $R_HDIR/log/"
}

daemon_alive_or_die() {
	daemon_pid "$1" || die "$R: $1 died; see $R_HDIR/log/$1.out (and $1.log there)"
}

# --- preparation -------------------------------------------------------------------------
ensure_users() {
	local spec u id name _pw uid _rest
	for spec in "${LAB_USERS[@]}"; do
		u=${spec%%:*} id=${spec##*:}
		while IFS=: read -r name _pw uid _rest; do
			[[ $uid == "$id" && $name != "$u" ]] && die "$R: uid $id is taken by '$name' in ${R_ROOT%/}/etc/passwd; lab needs it for $u"
		done <"${R_ROOT%/}/etc/passwd"
		if env_ids "$u"; then
			[[ $U_UID == "$id" ]] || die "$R: user $u exists in ${R_ROOT%/}/etc/passwd with uid $U_UID, lab needs $id"
			continue
		fi
		grep -q "^$u:" "${R_ROOT%/}/etc/group" || rx groupadd -g "$id" "$u"
		if [[ $u == slurmrest ]]; then
			rx useradd -u "$id" -g "$id" -d /nonexistent -M -s /usr/sbin/nologin "$u"
		else
			rx useradd -u "$id" -g "$id" -m -s /bin/bash "$u"
		fi
	done
}

rel_prepare() {
	local h=$R_HDIR n
	mkdir -p "$R_PIDS" "$R_HOME/logs" "$h"/{etc,state,spool,log,run,munge,dev}
	ensure_users
	env_chown slurm "$h/state" "$h/log" "$h/run"
	chmod 0700 "$h/state"
	chmod 0755 "$h/log" "$h/run" "$h/spool" "$h/dev" "$h/munge"
	[[ -s $h/munge/munge.key ]] || (umask 077 && head -c 1024 /dev/urandom >"$h/munge/munge.key")
	# JWT key: 32 random bytes, SlurmUser only (the web app runs as root and reads it in place).
	[[ -s $h/etc/jwt.key ]] || (umask 077 && head -c 32 /dev/urandom >"$h/etc/jwt.key")
	# munged insists on owning its key and log.
	touch "$h/log/munged.log"
	env_chown munge "$h/munge" "$h/munge/munge.key" "$h/log/munged.log"
	env_chown slurm "$h/etc/jwt.key"
	chmod 0600 "$h/munge/munge.key" "$h/etc/jwt.key"
	for n in 0 1 2 3; do
		[[ -c $h/dev/nvidia$n ]] || mknod -m 0666 "$h/dev/nvidia$n" c 1 3
	done
	db_prepare
	if conf_write && daemon_pid slurmctld; then
		warn "$R: configuration changed while running; 'lab down --release $R' and 'lab up --release $R' apply it"
	fi
	# A log link on the host side for chroot releases, so every release has $R_HOME/log.
	[[ $R_MODE == chroot && ! -e $R_HOME/log ]] && ln -s "$h/log" "$R_HOME/log"
	return 0
}

# --- start ----------------------------------------------------------------------------------
ctld_up() { rx scontrol ping 2>/dev/null | grep -q 'is UP'; }

rel_start() {
	local n
	daemon_start munged
	wait_for 15 test -S "$R_HDIR/munge/munge.socket" || die "$R: munged did not create its socket; see $R_HDIR/log/munged.log"
	daemon_start slurmdbd
	wait_for 60 tcp_open "$R_PORT_DBD" || {
		daemon_alive_or_die slurmdbd
		die "$R: slurmdbd not listening on 127.0.0.1:$R_PORT_DBD after 60 s; see $R_HDIR/log/slurmdbd.log"
	}
	# The cluster must exist in slurmdbd before slurmctld registers with it.
	if ! rx sacctmgr -nP show cluster format=cluster | grep -qx "$R_CLUSTER"; then
		rx sacctmgr -i add cluster "$R_CLUSTER" >/dev/null || die "$R: sacctmgr add cluster failed; see $R_HDIR/log/slurmdbd.log"
	fi
	local fresh=""
	daemon_pid slurmctld || fresh=1
	daemon_start slurmctld
	wait_for 60 ctld_up || {
		daemon_alive_or_die slurmctld
		die "$R: slurmctld does not answer 'scontrol ping' after 60 s; see $R_HDIR/log/slurmctld.log"
	}
	# After "down" (or a reboot) the job processes are gone, but a freshly started slurmctld
	# recovers their jobs as RUNNING and keeps them so (the node boot time predates them).
	# Noted now, before any slurmd runs, and requeued by rel_requeue_lost.
	LOST_JOBS=""
	if [[ -n $fresh && -z $(job_pids) ]]; then
		LOST_JOBS=$(rx squeue -h -t RUNNING -o %i | paste -sd, -)
	fi
	for n in "${NODES[@]}"; do daemon_start "slurmd-$n"; done
	daemon_start slurmrestd
	wait_for 30 tcp_open "$R_PORT_REST" || {
		daemon_alive_or_die slurmrestd
		die "$R: slurmrestd not listening on 127.0.0.1:$R_PORT_REST; see $R_HDIR/log/slurmrestd.out"
	}
}

# rel_accounts: accounts, users and QOS; only what is missing is added, so limits that
# someone changed (e.g. through the REST API) survive "up".
rel_accounts() {
	local assoc qos
	qos=$(rx sacctmgr -nP show qos format=name)
	if ! grep -qx gpu <<<"$qos"; then
		rx sacctmgr -i add qos gpu MaxTRESPerUser=gres/gpu=2 GrpTRES=gres/gpu=6 >/dev/null ||
			die "$R: sacctmgr add qos gpu failed"
	fi
	assoc=$(rx sacctmgr -nP show assoc cluster="$R_CLUSTER" format=account,user)
	local acct missing=()
	for acct in physics chemistry ops; do grep -qx "$acct|" <<<"$assoc" || missing+=("$acct"); done
	if ((${#missing[@]})); then
		rx sacctmgr -i add account "$(
			IFS=,
			echo "${missing[*]}"
		)" cluster="$R_CLUSTER" >/dev/null || die "$R: sacctmgr add account failed"
	fi
	_user() { # ACCOUNT USER [extra sacctmgr args]
		grep -qx "$1|$2" <<<"$assoc" && return 0
		rx sacctmgr -i add user "$2" account="$1" cluster="$R_CLUSTER" qos=normal,gpu defaultqos=normal "${@:3}" >/dev/null ||
			die "$R: sacctmgr add user $2 failed"
	}
	_user physics alice
	_user physics bob
	_user chemistry carol
	_user ops wbadmin adminlevel=Administrator
}

# rel_nodes_ready: all four slurmd registered; nodes that came up DOWN or INVAL resumed
# (a DRAIN someone set is kept).
nodes_registered() {
	local states
	states=$(rx sinfo -h -N -o '%N %T' | sort -u)
	[[ $(wc -l <<<"$states") -ge ${#NODES[@]} ]] || return 1
	! grep -qE 'unknown|\*|not_responding' <<<"$states"
}

rel_nodes_ready() {
	local line node state
	wait_for 60 nodes_registered || die "$R: not all nodes registered after 60 s: $(rx sinfo -h -N -o '%N=%T' | tr '\n' ' '); see $R_HDIR/log/slurmd-*.log"
	while read -r node state; do
		case $state in
		down* | inval*)
			log "$R: resuming node $node ($state)"
			rx scontrol update nodename="$node" state=resume || warn "$R: cannot resume $node"
			;;
		esac
	done < <(rx sinfo -h -N -o '%N %T' | sort -u)
}

# rel_requeue_lost: requeue (or, when that is refused, cancel) the jobs rel_start found
# RUNNING without processes, so that they run again.
rel_requeue_lost() {
	local id
	[[ -n $LOST_JOBS ]] || return 0
	log "$R: requeueing jobs whose processes ended with the last 'down': $LOST_JOBS"
	rx scontrol requeue "$LOST_JOBS" 2>/dev/null && return 0
	for id in ${LOST_JOBS//,/ }; do
		rx scontrol requeue "$id" 2>/dev/null || rx scancel "$id" || warn "$R: cannot requeue or cancel job $id"
	done
}

# rel_probe: a real job as alice, through sbatch, must reach COMPLETED.
rel_probe() {
	local jid state
	jid=$(rx_as alice sbatch --parsable -J lab-probe --chdir=/tmp -o /dev/null -t 1 --wrap 'hostname') ||
		die "$R: sbatch as alice failed; see $R_HDIR/log/slurmctld.log"
	jid=${jid%%;*}
	local out end=$((SECONDS + 60))
	while ((SECONDS < end)); do
		state=""
		out=$(rx scontrol show job -o "$jid" 2>/dev/null || true)
		[[ $out =~ JobState=([A-Z_]+) ]] && state=${BASH_REMATCH[1]}
		case $state in
		COMPLETED) return 0 ;;
		FAILED | CANCELLED* | TIMEOUT | NODE_FAIL | OUT_OF_MEMORY | BOOT_FAIL | DEADLINE)
			die "$R: probe job $jid ended $state; see $R_HDIR/log/slurmctld.log and $R_HDIR/log/slurmd-*.log"
			;;
		esac
		sleep 0.1
	done
	die "$R: probe job $jid not COMPLETED after 60 s (state: ${state:-unknown}); see $R_HDIR/log/slurmctld.log"
}

rel_token() { # USER LIFESPAN
	local out
	out=$(rx scontrol token username="$1" lifespan="$2") || die "$R: scontrol token failed (is the cluster up?)"
	echo "${out#SLURM_JWT=}"
}

rest_code() { # PATH: HTTP status of a GET as wbadmin
	curl -s -o /dev/null -w '%{http_code}' --max-time 10 \
		-H "X-SLURM-USER-NAME: wbadmin" -H "X-SLURM-USER-TOKEN: $REST_TOKEN" "http://127.0.0.1:$R_PORT_REST$1"
}

rel_rest_check() {
	local p code
	daemon_alive_or_die slurmrestd
	REST_TOKEN=$(rel_token wbadmin 300)
	for p in "/slurm/$R_API/ping" "/slurmdb/$R_API/qos"; do
		wait_for 20 test "$(rest_code "$p")" = 200 ||
			die "$R: slurmrestd answers $(rest_code "$p") on $p; see $R_HDIR/log/slurmrestd.out"
	done
}

rel_version() { rx sinfo --version | awk '{print $NF}'; }

rel_write_env() {
	local chroot_dir=""
	[[ $R_MODE == chroot ]] && chroot_dir=$R_ROOT
	# Shell KEY=VALUE that java.util.Properties reads the same way: ';' is escaped as '\;'.
	write_if_changed "$R_HOME/cluster.env" 0644 root "# Written by lab/lab up; describes the local Slurm $R cluster.
CLUSTER_NAME=$R_CLUSTER
RELEASE=$(rel_version)
REST_URL=http://127.0.0.1:$R_PORT_REST
REST_API_VERSION=$R_API
SLURMDB_API_VERSION=$R_API
JWT_KEY=$(hpath "$R_DIR/etc/jwt.key")
ADMIN_USER=wbadmin
USERS=alice,bob,carol
ACCOUNTS=physics:alice,bob\\;chemistry:carol\\;ops:wbadmin
PARTITIONS=cpu,gpu
DEFAULT_PARTITION=cpu
NODES=$NODES_CSV
GPU_NODES=g1,g2
GPUS_PER_NODE=4
GPU_QOS=gpu
DEFAULT_QOS=normal
SLURMCTLD_PORT=$R_PORT_CTLD
SLURMDBD_PORT=$R_PORT_DBD
SLURM_CONF=$(hpath "$R_CONF")
CHROOT=$chroot_dir
LOG_DIR=$R_HDIR/log
" || true
}

# --- stop -----------------------------------------------------------------------------------
# job_pids: job processes of this release: its slurmstepds (they keep the release's slurmd
# log open; their environment is overwritten by their process title) and all below them.
job_pids() {
	local pid ppid all frontier next stepds=()
	resolve_exe /usr/sbin/slurmstepd
	while read -r pid; do
		pid_ok "$pid" "$EXE" && stepds+=("$pid")
	done < <(find /proc/[0-9]*/fd -maxdepth 1 -lname "$R_HDIR/log/slurmd-*" -printf '%h\n' 2>/dev/null | cut -d/ -f3 | sort -u)
	((${#stepds[@]})) || return 0
	printf '%s\n' "${stepds[@]}"
	all=$(ps -e -o pid=,ppid=)
	frontier=("${stepds[@]}")
	while ((${#frontier[@]})); do
		next=()
		for ppid in "${frontier[@]}"; do
			while read -r pid; do next+=("$pid"); done < <(awk -v p="$ppid" '$2 == p {print $1}' <<<"$all")
		done
		((${#next[@]})) && printf '%s\n' "${next[@]}"
		frontier=("${next[@]}")
	done
}

rel_running() {
	local n
	for n in $(daemon_names); do daemon_pid "$n" && return 0; done
	return 1
}

_stop() {
	if daemon_pid "$1"; then
		log "$R: stopping $1 (PID $DPID)"
		kill_checked "$DPID" "$EXE" "$R" 30
	fi
	rm -f "$R_PIDS/$1.pid"
}

# rel_down: the controller first (it saves its state and starts nothing more), then the
# nodes and their job processes. Jobs that were running are requeued by the next "up"
# (rel_requeue_lost).
rel_down() {
	local n jobs
	demo_stop
	_stop slurmrestd
	_stop slurmctld
	for n in "${NODES[@]}"; do _stop "slurmd-$n"; done
	mapfile -t jobs < <(job_pids)
	if ((${#jobs[@]})); then
		log "$R: killing job processes left by its slurmd: ${jobs[*]}"
		kill -KILL "${jobs[@]}" 2>/dev/null || true
	fi
	_stop slurmdbd
	_stop munged
	chroot_umount
}

rel_status() {
	local n pid line code
	printf '%s (%s, %s):\n' "$R" "$R_CLUSTER" "$([[ $R_MODE == host ]] && echo host || echo "chroot $R_ROOT")"
	line=""
	for n in $(daemon_names); do
		if daemon_pid "$n"; then line+=" $n=$DPID"; else line+=" $n=-"; fi
	done
	echo "  daemons:$line"
	if daemon_pid slurmctld; then
		echo "  ping:    $(rx timeout 10 scontrol ping 2>&1 | tr '\n' ' ')"
		if daemon_pid slurmrestd && REST_TOKEN=$(rel_token wbadmin 60 2>/dev/null); then
			code=$(rest_code "/slurm/$R_API/ping")
			echo "  rest:    http://127.0.0.1:$R_PORT_REST/slurm/$R_API/ping -> HTTP $code"
		fi
		echo "  nodes:   $(rx timeout 10 sinfo -h -N -o '%N=%T' 2>/dev/null | sort -u | tr '\n' ' ')"
		echo "  jobs:    $(rx timeout 10 squeue -h -o %T 2>/dev/null | sort | uniq -c | awk '{printf "%s=%s ", $2, $1}')"
	fi
	pid=$(demo_pid || true)
	echo "  demo:    ${pid:+running (PID $pid)}${pid:-off}"
}
