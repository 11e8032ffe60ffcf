# shellcheck shell=bash
# Shared helpers: release table, paths, logging, apt, PID-file process control.

LAB_ROOT=${WB_LAB_ROOT:-/var/lib/slurm-workbench-lab}
LAB_CACHE=${WB_LAB_CACHE:-/var/cache/slurm-workbench-lab}
ALL_RELEASES=(22.05 24.11 26.05)

# Unix users made on the host and in every chroot with the same ids, so files and
# JWT user names mean the same everywhere.
LAB_USERS=(alice:5001 bob:5002 carol:5003 wbadmin:5004 slurmrest:5010)
DEMO_USERS=(alice bob carol)
NODES=(c1 c2 g1 g2)
printf -v NODES_CSV '%s,' "${NODES[@]}"
NODES_CSV=${NODES_CSV%,}

# Slurm packages; the host (22.05) and the chroots install the same set.
SLURM_PKGS=(munge slurmctld slurmd slurmdbd slurmrestd slurm-client slurm-wlm-jwt-plugin slurm-wlm-mysql-plugin)

log() { printf '[lab %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
warn() { printf '[lab %s] WARNING: %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() {
	printf '[lab] ERROR: %s\n' "$*" >&2
	exit 1
}

# rel_load R: sets the R_* variables that describe one release.
#   R_MODE host|chroot, R_SUITE, R_ROOT (filesystem root of its environment),
#   R_DIR (its state dir as the daemons see it), R_HDIR (same dir seen from the host),
#   R_PIDS (host dir with lab's PID files), ports, cluster and database names.
rel_load() {
	R=$1
	local base
	case $R in
	22.05) R_MODE=host R_SUITE=host base=6817 R_API=v0.0.38 ;;
	24.11) R_MODE=chroot R_SUITE=trixie base=7817 R_API=v0.0.42 ;;
	26.05) R_MODE=chroot R_SUITE=sid base=8817 R_API=v0.0.45 ;;
	*) die "unknown release '$R' (use 22.05, 24.11, 26.05 or all)" ;;
	esac
	R_TAG=${R/./}
	R_CLUSTER=lab$R_TAG
	R_DB=slurm_acct_$R_TAG
	R_DBUSER=slurm$R_TAG
	R_PORT_CTLD=$base
	R_PORT_DBD=$((base + 2))
	R_PORT_REST=$((base + 3))
	R_PORT_NODE0=$((base + 14)) # c1=base+14 .. g2=base+17
	R_HOME=$LAB_ROOT/$R
	R_PIDS=$R_HOME/pids
	if [[ $R_MODE == host ]]; then
		R_ROOT=/
		R_DIR=$R_HOME
		R_HDIR=$R_HOME
	else
		R_ROOT=$LAB_CACHE/chroots/$R_SUITE
		R_DIR=/var/lib/slurm-workbench-lab/$R
		R_HDIR=$R_ROOT$R_DIR
	fi
	R_CONF=$R_DIR/etc/slurm.conf
}

# parse_releases SPEC: sets RELEASES from "22.05", "24.11,26.05" or "all" (dies on others;
# no subshell, so that the error stops lab).
parse_releases() {
	local r parts
	RELEASES=()
	[[ $1 == all ]] && parts=("${ALL_RELEASES[@]}") || IFS=, read -ra parts <<<"$1"
	for r in "${parts[@]}"; do
		case $r in
		22.05 | 24.11 | 26.05) RELEASES+=("$r") ;;
		*) die "unknown release '$r' (use 22.05, 24.11, 26.05, a comma list or all)" ;;
		esac
	done
	((${#RELEASES[@]})) || die "no release given"
}

# --- running commands in a release's environment ------------------------------------
# The host release uses "chroot /" too, so host and chroots share one code path.
# env -i keeps the caller's environment out of the daemons; WB_LAB_RELEASE marks
# processes as lab's (checked in /proc/PID/environ before any kill).
rel_env() {
	echo env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 HOME=/root \
		"SLURM_CONF=$R_CONF" "WB_LAB_RELEASE=$R"
}

# rx CMD...: run as root inside the current release's environment.
rx() {
	# shellcheck disable=SC2046
	chroot "$R_ROOT" $(rel_env) "$@"
}

# env_ids USER: sets U_UID and U_GID from the environment's own /etc/passwd (no fork).
env_ids() {
	local name _pw uid gid _rest
	while IFS=: read -r name _pw uid gid _rest; do
		if [[ $name == "$1" ]]; then
			U_UID=$uid U_GID=$gid
			return 0
		fi
	done <"${R_ROOT%/}/etc/passwd"
	return 1
}

# rx_as USER CMD...: run as USER (numeric ids are the same inside and outside).
rx_as() {
	local u=$1
	shift
	env_ids "$u" || die "no user $u in ${R_ROOT%/}/etc/passwd"
	# shellcheck disable=SC2046
	chroot --userspec="$U_UID:$U_GID" --groups="$U_GID" "$R_ROOT" $(rel_env) HOME=/tmp USER="$u" "$@"
}

# env_chown USER PATH...: chown to USER's ids as the environment knows them (host path).
env_chown() {
	local u=$1
	shift
	env_ids "$u" || die "no user $u in ${R_ROOT%/}/etc/passwd"
	chown "$U_UID:$U_GID" "$@"
}

# --- apt -------------------------------------------------------------------------------
APT_UPDATED=""
APT_OPTS=(-y -q -o DPkg::Lock::Timeout=600 --no-install-recommends)
export DEBIAN_FRONTEND=noninteractive

# pkg_missing PKG...: prints those not installed (one dpkg-query for all).
pkg_missing() {
	local -A ok=()
	local p st
	while read -r p st; do
		[[ $st == "install ok installed" ]] && ok[$p]=1
	done < <(dpkg-query -W -f='${Package} ${Status}\n' "$@" 2>/dev/null || true)
	for p in "$@"; do [[ -n ${ok[$p]:-} ]] || echo "$p"; done
}

# host_install PKG...: installs what is missing on the host; apt-get update once per run.
host_install() {
	local missing logf=$LAB_ROOT/logs/apt-host.log
	mapfile -t missing < <(pkg_missing "$@")
	((${#missing[@]})) || return 0
	mkdir -p "$LAB_ROOT/logs"
	log "installing on host: ${missing[*]} (log: $logf)"
	if [[ -z $APT_UPDATED ]]; then
		apt-get -q -o DPkg::Lock::Timeout=600 update >>"$logf" 2>&1 || die "apt-get update failed, see $logf"
		APT_UPDATED=1
	fi
	apt-get install "${APT_OPTS[@]}" "${missing[@]}" >>"$logf" 2>&1 || die "apt-get install ${missing[*]} failed, see $logf"
}

# debian_mirror: the Debian archive URI the host's apt uses (sources.list or deb822 .sources),
# so chroots come from the same place. WB_LAB_MIRROR overrides.
debian_mirror() {
	if [[ -n ${WB_LAB_MIRROR:-} ]]; then
		echo "${WB_LAB_MIRROR%/}"
		return
	fi
	local codename f uri=""
	codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
	for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
		[[ -f $f ]] || continue
		# deb [options] URI SUITE COMPONENTS...
		uri=$(sed -E 's/\[[^]]*\]//' "$f" | awk -v s="$codename" '$1=="deb" && $3==s {print $2; exit}')
		[[ -n $uri ]] && break
	done
	if [[ -z $uri ]]; then
		for f in /etc/apt/sources.list.d/*.sources; do
			[[ -f $f ]] || continue
			uri=$(awk -v s="$codename" '
				function flush() { if (types ~ /(^| )deb( |$)/ && (" " suites " ") ~ (" " s " ") && uris != "" && !found) { split(uris, u, " "); print u[1]; found=1 } types=suites=uris="" }
				/^[[:space:]]*$/ { flush(); next }
				/^[[:space:]]*#/ { next }
				tolower($1)=="types:" { $1=""; types=$0 }
				tolower($1)=="suites:" { $1=""; suites=$0 }
				tolower($1)=="uris:" { $1=""; uris=$0 }
				END { flush() }' "$f")
			[[ -n $uri ]] && break
		done
	fi
	[[ -n $uri ]] || die "cannot find the Debian mirror for '$codename' in /etc/apt/sources.list(.d); set WB_LAB_MIRROR"
	echo "${uri%/}"
}

# --- PID files ------------------------------------------------------------------------
# pid_ok PID EXE [RELEASE]: true when PID runs EXE (host path) and, if given, carries
# WB_LAB_RELEASE=RELEASE in its environment, i.e. it is the process lab started.
pid_ok() {
	local pid=$1 exe=$2 rel=${3:-} real e
	[[ $pid =~ ^[0-9]+$ && -d /proc/$pid ]] || return 1
	real=$(readlink "/proc/$pid/exe" 2>/dev/null) || return 1
	real=${real% (deleted)}
	[[ $real == "$exe" ]] || return 1
	[[ -n $rel ]] || return 0
	local -a environ=()
	{ mapfile -d '' environ <"/proc/$pid/environ"; } 2>/dev/null || return 1
	for e in "${environ[@]}"; do [[ $e == "WB_LAB_RELEASE=$rel" ]] && return 0; done
	return 1
}

# pidfile_pid FILE: prints the PID recorded in FILE.
pidfile_pid() {
	local p
	{ read -r p <"$1"; } 2>/dev/null && [[ $p =~ ^[0-9]+$ ]] && echo "$p"
}

# kill_checked PID EXE [RELEASE] [TIMEOUT]: TERM, wait, then KILL; only if pid_ok.
kill_checked() {
	local pid=$1 exe=$2 rel=${3:-} t=${4:-20} i
	pid_ok "$pid" "$exe" "$rel" || return 0
	kill -TERM "$pid" 2>/dev/null || return 0
	for ((i = 0; i < t * 10; i++)); do
		pid_ok "$pid" "$exe" "$rel" || return 0
		sleep 0.1
	done
	warn "PID $pid ($exe) ignored SIGTERM for ${t}s, sending SIGKILL"
	kill -KILL "$pid" 2>/dev/null || true
}

# launch PIDFILE LOGFILE CMD...: start CMD in the background in its own session and
# record its PID. CMD must exec its program (chroot/env do) so that $! is the daemon.
launch() {
	local pidfile=$1 logfile=$2
	shift 2
	(
		# Close inherited descriptors (e.g. lab's lock) so daemons hold nothing of ours.
		for fd in /proc/self/fd/*; do
			fd=${fd##*/}
			((fd > 2)) && eval "exec $fd>&-" 2>/dev/null
		done
		exec setsid "$@" </dev/null >>"$logfile" 2>&1
	) &
	echo $! >"$pidfile"
}

# tcp_open PORT: something listens on 127.0.0.1:PORT.
tcp_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# wait_for SECONDS CMD...: poll CMD until it succeeds; false after SECONDS.
wait_for() {
	local end=$((SECONDS + $1))
	shift
	until "$@" >/dev/null 2>&1; do
		((SECONDS < end)) || return 1
		sleep 0.2
	done
}

# Timing without forks: now_us into a variable, secs_since prints seconds with one decimal.
now_us() { echo "${EPOCHREALTIME/./}"; }
secs_since() {
	local d=$((${EPOCHREALTIME/./} - $1))
	printf '%d.%d' $((d / 1000000)) $((d / 100000 % 10))
}
