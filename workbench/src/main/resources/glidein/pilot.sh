#!/bin/bash
# HTCondor glidein pilot for a Slurm batch job.
#
# Runs as the Slurm job's user inside the job: starts a private HTCondor master + startd that joins
# the pool at GLIDEIN_COLLECTOR with one partitionable slot of the job's CPUs and memory, advertises
# the Slurm job (GLIDEIN_* attributes), starts no new HTCondor job after a retire time derived from
# SLURM_JOB_END_TIME, exits by itself when it got no claim for GLIDEIN_IDLE_TIMEOUT seconds, and is
# stopped by a watchdog before Slurm's time limit. SIGTERM (scancel) is forwarded to HTCondor.
# This is the one copy: the workbench's glidein module (PilotScript) sends it with a request's parameters
# exported in front of it; the lab's end-to-end check (lab/tests/glidein.sh) submits it as is.
# It uses bash and HTCondor's own binaries only.
#
# Parameters (environment; pass them in the Slurm job's environment):
#   GLIDEIN_COLLECTOR        host:port of the pool's collector (required)
#   GLIDEIN_TOKEN            IDTOKEN for the pool (content; or GLIDEIN_TOKEN_FILE, a path readable by the
#                            job's user). Needs authz ADVERTISE_STARTD, ADVERTISE_MASTER, READ and a lifetime
#                            that covers the pilot's life. Removed from the environment before HTCondor starts.
#   GLIDEIN_POOL_PASSWORD_FILE  instead of a token: the pool password file (PASSWORD method), readable by the
#                            job's user
#   GLIDEIN_IDLE_TIMEOUT     seconds without a claim before the pilot exits (default 600; the startd acts on it
#                            at its next update, so the real idle time is up to GLIDEIN_UPDATE_INTERVAL longer)
#   GLIDEIN_UPDATE_INTERVAL  seconds between the startd's updates to the collector (default 60)
#   GLIDEIN_RETIRE_MARGIN    no new HTCondor job starts in the last N seconds of the Slurm job (default 600)
#   GLIDEIN_DIE_MARGIN       the watchdog stops HTCondor N seconds before the Slurm job's end (default 60)
#   GLIDEIN_SHUTDOWN_GRACE   seconds between the graceful and the fast shutdown (default 30)
#   GLIDEIN_SITE             value of GLIDEIN_Site (default: the Slurm cluster name)
#   GLIDEIN_EXTRA_ATTRS      more slot attributes, "Name=ClassAdExpr;Name2=ClassAdExpr", strings in double
#                            quotes, e.g. GLIDEIN_ResourceName="lab";GLIDEIN_MaxMemMBs=4000
#   GLIDEIN_NETWORK_INTERFACE  address/interface HTCondor binds (default: HTCondor's choice)
#   GLIDEIN_PORT_RANGE       "LOW-HIGH" for incoming ports (default: any); the shared port is taken from it
#   GLIDEIN_ENABLE_IPV6      true|false (default false)
#   GLIDEIN_TRUST_DOMAIN     the pool's TRUST_DOMAIN when it is not the collector's host:port
#   GLIDEIN_CONDOR_RELEASE_DIR  where HTCondor is installed (default: from condor_master in PATH or /usr/sbin)
#   (GPUs: those Slurm gave the job, from CUDA_VISIBLE_DEVICES or SLURM_JOB_GPUS, become the slot's GPUs)
#   GLIDEIN_APPTAINER        apptainer/singularity binary to offer to jobs (default none)
#   GLIDEIN_DEBUG            HTCondor debug flags for master and startd, e.g. D_FULLDEBUG (default none)
#   GLIDEIN_KEEP_DIR         1: keep the private directory (config, logs) after exit
# Exit status: 0 when HTCondor shut down by itself (idle, retire, watchdog); 1 on a set-up error;
# otherwise condor_master's status.
set -uo pipefail

say() { printf '[glidein %s] %s\n' "$(date -u +%H:%M:%S)" "$*"; }
fail() {
	say "ERROR: $*" >&2
	exit 1
}

# --- parameters ---------------------------------------------------------------------------------
COLLECTOR=${GLIDEIN_COLLECTOR:-}
[[ -n $COLLECTOR ]] || fail "GLIDEIN_COLLECTOR (host:port of the pool's collector) is not set"
[[ $COLLECTOR =~ ^[A-Za-z0-9._:-]+$ ]] || fail "GLIDEIN_COLLECTOR '$COLLECTOR' is not host:port"
TOKEN=${GLIDEIN_TOKEN:-}
if [[ -z $TOKEN && -n ${GLIDEIN_TOKEN_FILE:-} ]]; then
	TOKEN=$(<"$GLIDEIN_TOKEN_FILE") || fail "cannot read GLIDEIN_TOKEN_FILE $GLIDEIN_TOKEN_FILE"
fi
POOL_PASSWORD_FILE=${GLIDEIN_POOL_PASSWORD_FILE:-}
[[ -n $TOKEN || -n $POOL_PASSWORD_FILE ]] ||
	fail "no pool credential: set GLIDEIN_TOKEN (content), GLIDEIN_TOKEN_FILE or GLIDEIN_POOL_PASSWORD_FILE"
[[ -z $POOL_PASSWORD_FILE || -r $POOL_PASSWORD_FILE ]] || fail "cannot read GLIDEIN_POOL_PASSWORD_FILE $POOL_PASSWORD_FILE"
unset GLIDEIN_TOKEN
int_param() { # NAME DEFAULT
	local v=${!1:-$2}
	[[ $v =~ ^[0-9]+$ ]] || fail "$1 must be a number of seconds, not '$v'"
	echo "$v"
}
IDLE=$(int_param GLIDEIN_IDLE_TIMEOUT 600) || exit 1
UPDATE=$(int_param GLIDEIN_UPDATE_INTERVAL 60) || exit 1
RETIRE_MARGIN=$(int_param GLIDEIN_RETIRE_MARGIN 600) || exit 1
DIE_MARGIN=$(int_param GLIDEIN_DIE_MARGIN 60) || exit 1
GRACE=$(int_param GLIDEIN_SHUTDOWN_GRACE 30) || exit 1
SITE=${GLIDEIN_SITE:-${SLURM_CLUSTER_NAME:-unknown}}
[[ $SITE != *[\"\\]* ]] || fail "GLIDEIN_SITE must not contain quotes or backslashes"

JOB_ID=${SLURM_JOB_ID:-0}
NODE=${SLURMD_NODENAME:-$(hostname -s)}
CPUS=${SLURM_CPUS_ON_NODE:-1}
# Memory in MB as Slurm granted it: per node, or per CPU times the CPUs on this node.
if [[ -n ${SLURM_MEM_PER_NODE:-} ]]; then
	MEM=$SLURM_MEM_PER_NODE
elif [[ -n ${SLURM_MEM_PER_CPU:-} ]]; then
	MEM=$((SLURM_MEM_PER_CPU * CPUS))
else
	MEM=""
fi
# GPUs Slurm gave this job, as the job sees them (CUDA_VISIBLE_DEVICES; else SLURM_JOB_GPUS): offered to
# HTCondor jobs as the slot's GPUs resource; HTCondor sets CUDA_VISIBLE_DEVICES of each job to the ones it assigns.
GPU_IDS=${CUDA_VISIBLE_DEVICES:-${SLURM_JOB_GPUS:-}}
[[ $GPU_IDS =~ ^[A-Za-z0-9-]+(,[A-Za-z0-9-]+)*$ ]] || GPU_IDS=""
# HTCondor reads a lone number as a count, not an id: a trailing comma makes "0" a list of one id.
GPU_RESOURCE=${GPU_IDS:+${GPU_IDS//,/, },}
# The job's end (epoch): SLURM_JOB_END_TIME (Slurm 23.02+), else asked from Slurm.
END=${SLURM_JOB_END_TIME:-}
if [[ ! $END =~ ^[0-9]+$ ]] && [[ $JOB_ID != 0 ]]; then
	END=$(squeue -h -j "$JOB_ID" -o %e 2>/dev/null | head -n 1)
	[[ $END =~ ^[0-9]{4}- ]] && END=$(date -d "$END" +%s 2>/dev/null) || END=""
fi
NOW=$(date +%s)
if [[ $END =~ ^[0-9]+$ && $END -gt $NOW ]]; then
	RETIRE=$((END - RETIRE_MARGIN))
	DIE=$((END - DIE_MARGIN))
	((DIE > NOW)) || DIE=$((NOW + 1))
else
	END="" RETIRE="" DIE="" # no time limit known: only the idle timeout ends the pilot
fi

# HTCondor's installation.
RELEASE_DIR=${GLIDEIN_CONDOR_RELEASE_DIR:-}
if [[ -z $RELEASE_DIR ]]; then
	m=$(PATH=$PATH:/usr/sbin:/sbin command -v condor_master) || fail "condor_master not found; set GLIDEIN_CONDOR_RELEASE_DIR"
	RELEASE_DIR=$(dirname "$(dirname "$(readlink -f "$m")")")
fi
[[ -x $RELEASE_DIR/sbin/condor_master ]] || fail "no $RELEASE_DIR/sbin/condor_master"
LIBEXEC=$RELEASE_DIR/libexec
[[ -d $LIBEXEC/condor ]] && LIBEXEC=$LIBEXEC/condor
LIBDIR=$RELEASE_DIR/lib
[[ -d $LIBDIR/condor ]] && LIBDIR=$LIBDIR/condor
SHARE=$RELEASE_DIR/share
[[ -d $SHARE/condor ]] && SHARE=$SHARE/condor

# --- private configuration -------------------------------------------------------------------------
# Short paths: HTCondor's Unix sockets live below it (108-byte limit).
DIR=$(mktemp -d "${TMPDIR:-/tmp}/glidein.XXXXXX") || fail "cannot create a directory in ${TMPDIR:-/tmp}"
((${#DIR} < 60)) || {
	rmdir "$DIR"
	DIR=$(mktemp -d /tmp/glidein.XXXXXX) || fail "cannot create a directory in /tmp"
}
mkdir -p "$DIR"/{log,spool,execute,run,lock,tokens.d,passwords.d}
chmod 0700 "$DIR" "$DIR"/tokens.d "$DIR"/passwords.d
[[ -z $TOKEN ]] || (umask 077 && printf '%s\n' "$TOKEN" >"$DIR/tokens.d/pilot")
[[ -z $POOL_PASSWORD_FILE ]] || (umask 077 && cp "$POOL_PASSWORD_FILE" "$DIR/passwords.d/POOL") ||
	fail "cannot copy GLIDEIN_POOL_PASSWORD_FILE"
unset TOKEN
USER_NAME=$(id -un)
NAME=glidein_${JOB_ID}_${SLURM_ARRAY_TASK_ID:+${SLURM_ARRAY_TASK_ID}_}$$

ATTRS=(IsGlidein GLIDEIN_Site GLIDEIN_SlurmJobId GLIDEIN_SlurmCluster GLIDEIN_SlurmNode GLIDEIN_SlurmUser
	GLIDEIN_SlurmPartition GLIDEIN_StartTime)
EXTRA=""
if [[ -n ${GLIDEIN_EXTRA_ATTRS:-} ]]; then
	IFS=';' read -ra kvs <<<"$GLIDEIN_EXTRA_ATTRS"
	for kv in "${kvs[@]}"; do
		[[ -n ${kv// /} ]] || continue
		k=${kv%%=*} v=${kv#*=}
		k=${k// /}
		[[ $kv == *=* && $k =~ ^[A-Za-z_][A-Za-z0-9_]*$ && -n $v && $v != *$'\n'* ]] ||
			fail "GLIDEIN_EXTRA_ATTRS entry '$kv' is not Name=ClassAdExpr"
		EXTRA+="$k = $v"$'\n'
		ATTRS+=("$k")
	done
fi
[[ -n ${SLURM_ARRAY_JOB_ID:-} ]] && ATTRS+=(GLIDEIN_SlurmArrayJobId GLIDEIN_SlurmArrayTaskId)
[[ -n $END ]] && ATTRS+=(GLIDEIN_ToRetire GLIDEIN_ToDie GLIDEIN_SlurmEndTime)

{
	cat <<EOF
# Private configuration of glidein $NAME (written by pilot.sh); nothing else is read.
LOCAL_CONFIG_FILE =
LOCAL_CONFIG_DIR =
REQUIRE_LOCAL_CONFIG_FILE = False
RELEASE_DIR = $RELEASE_DIR
BIN = \$(RELEASE_DIR)/bin
SBIN = \$(RELEASE_DIR)/sbin
LIBEXEC = $LIBEXEC
LIB = $LIBDIR
SHARE = $SHARE
LOCAL_DIR = $DIR
LOG = \$(LOCAL_DIR)/log
SPOOL = \$(LOCAL_DIR)/spool
EXECUTE = \$(LOCAL_DIR)/execute
RUN = \$(LOCAL_DIR)/run
LOCK = \$(LOCAL_DIR)/lock
CRED_STORE_DIR = \$(LOCAL_DIR)/cred_dir
CONDOR_ADMIN =
MAIL = /bin/true
CONDOR_IDS = $(id -u).$(id -g)

CONDOR_HOST = ${COLLECTOR%%:*}
COLLECTOR_HOST = $COLLECTOR
DAEMON_LIST = MASTER, STARTD
MASTER_NAME = $NAME
STARTD_NAME = $NAME
MASTER_NEW_BINARY_RESTART = NEVER
MASTER_CHECK_NEW_EXEC_INTERVAL = 0

# Network: a shared port on any free port (the pool's CM may run on this host and own the default).
USE_SHARED_PORT = True
SHARED_PORT_PORT = 0
ENABLE_IPV4 = True
ENABLE_IPV6 = ${GLIDEIN_ENABLE_IPV6:-False}
EOF
	if [[ -n ${GLIDEIN_NETWORK_INTERFACE:-} ]]; then
		printf 'NETWORK_INTERFACE = %s\nBIND_ALL_INTERFACES = False\n' "$GLIDEIN_NETWORK_INTERFACE"
	fi
	if [[ -n ${GLIDEIN_PORT_RANGE:-} ]]; then
		[[ $GLIDEIN_PORT_RANGE =~ ^([0-9]+)-([0-9]+)$ ]] || fail "GLIDEIN_PORT_RANGE must be LOW-HIGH"
		printf 'IN_LOWPORT = %s\nIN_HIGHPORT = %s\n' "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}"
	fi
	[[ -n ${GLIDEIN_TRUST_DOMAIN:-} ]] && printf 'TRUST_DOMAIN = %s\n' "$GLIDEIN_TRUST_DOMAIN"
	cat <<EOF

# Security: the pool token (IDTOKENS) towards the collector; FS for this user's own daemons.
use security:recommended_v9_0
SEC_DEFAULT_AUTHENTICATION_METHODS = FS, IDTOKENS${POOL_PASSWORD_FILE:+, PASSWORD}
# The token first: on the CM's own host FS would succeed as this user, whom the CM does not allow.
SEC_CLIENT_AUTHENTICATION_METHODS = IDTOKENS, ${POOL_PASSWORD_FILE:+PASSWORD, }FS
SEC_TOKEN_DIRECTORY = \$(LOCAL_DIR)/tokens.d
SEC_TOKEN_SYSTEM_DIRECTORY = \$(LOCAL_DIR)/tokens.d
SEC_PASSWORD_DIRECTORY = \$(LOCAL_DIR)/passwords.d
SEC_PASSWORD_FILE = \$(LOCAL_DIR)/passwords.d/POOL
SEC_ENABLE_TOKEN_REQUEST = False
# Else the startd may reuse a session the CM's daemons on the same host rejects ("rejected our session id").
SEC_USE_FAMILY_SESSION = False
ALLOW_DAEMON = $USER_NAME@* condor@* condor_pool@*
ALLOW_ADMINISTRATOR = $USER_NAME@*

# One partitionable slot with what Slurm gave this job.
NUM_CPUS = $CPUS
${MEM:+MEMORY = $MEM}
${GPU_RESOURCE:+MACHINE_RESOURCE_GPUs = $GPU_RESOURCE}
${GPU_RESOURCE:+ENVIRONMENT_VALUE_FOR_UnAssignedGPUs = 10000}
NUM_SLOTS = 1
NUM_SLOTS_TYPE_1 = 1
SLOT_TYPE_1 = 100%
SLOT_TYPE_1_PARTITIONABLE = True
SLOTS_CONNECTED_TO_CONSOLE = 0
SLOTS_CONNECTED_TO_KEYBOARD = 0
RUNBENCHMARKS = False
# Probe no Java, Docker or Apptainer at start-up (saves 1-2 s before the slot appears).
JAVA =
DOCKER =
SINGULARITY = ${GLIDEIN_APPTAINER:-/bin/false}
USE_PID_NAMESPACES = False
ENABLE_KERNEL_TUNING = False
STARTER_ALLOW_RUNAS_OWNER = False

# The Slurm job in the slot ad.
IsGlidein = True
GLIDEIN_Site = "$SITE"
GLIDEIN_SlurmJobId = $JOB_ID
GLIDEIN_SlurmCluster = "${SLURM_CLUSTER_NAME:-}"
GLIDEIN_SlurmNode = "$NODE"
GLIDEIN_SlurmUser = "$USER_NAME"
GLIDEIN_SlurmPartition = "${SLURM_JOB_PARTITION:-}"
GLIDEIN_StartTime = $NOW
EOF
	if [[ -n ${SLURM_ARRAY_JOB_ID:-} ]]; then
		printf 'GLIDEIN_SlurmArrayJobId = %s\nGLIDEIN_SlurmArrayTaskId = %s\n' "$SLURM_ARRAY_JOB_ID" "${SLURM_ARRAY_TASK_ID:-0}"
	fi
	printf '%s' "$EXTRA"
	if [[ -n $END ]]; then
		printf 'GLIDEIN_SlurmEndTime = %s\nGLIDEIN_ToRetire = %s\nGLIDEIN_ToDie = %s\n' "$END" "$RETIRE" "$DIE"
	fi
	cat <<EOF
STARTD_ATTRS = \$(STARTD_ATTRS) ${ATTRS[*]}
MASTER_ATTRS = \$(MASTER_ATTRS) ${ATTRS[*]}

# Policy: run jobs to the end, start none after the retire time, exit when idle.
EOF
	if [[ -n $END ]]; then
		echo 'START = time() < MY.GLIDEIN_ToRetire'
	else
		echo 'START = True'
	fi
	cat <<EOF
SUSPEND = False
CONTINUE = True
PREEMPT = False
KILL = False
WANT_SUSPEND = False
WANT_VACATE = False
RANK = 0
STARTD_NOCLAIM_SHUTDOWN = $IDLE
UPDATE_INTERVAL = $UPDATE
MASTER_UPDATE_INTERVAL = $UPDATE
EOF
	if [[ -n ${GLIDEIN_DEBUG:-} ]]; then
		printf 'MASTER_DEBUG = %s\nSTARTD_DEBUG = %s\n' "$GLIDEIN_DEBUG" "$GLIDEIN_DEBUG"
	fi
} >"$DIR/condor_config" || fail "cannot write $DIR/condor_config"

export CONDOR_CONFIG=$DIR/condor_config
unset _CONDOR_LOCAL_CONFIG_FILE _CONDOR_LOCAL_CONFIG_DIR

# --- run ---------------------------------------------------------------------------------------------
MASTER_PID="" WATCHDOG_PID="" REASON=""
# shellcheck disable=SC2317 # cleanup and on_signal run from traps
cleanup() {
	[[ -n $WATCHDOG_PID ]] && kill "$WATCHDOG_PID" 2>/dev/null
	if [[ ${GLIDEIN_KEEP_DIR:-0} == 1 ]]; then
		say "kept $DIR"
	else
		rm -rf "$DIR"
	fi
}
trap cleanup EXIT

# shellcheck disable=SC2317
on_signal() {
	REASON="signal $1"
	say "got SIG$1; shutting HTCondor down"
	[[ -n $MASTER_PID ]] && kill -TERM "$MASTER_PID" 2>/dev/null
}
trap 'on_signal TERM' TERM
trap 'on_signal INT' INT
trap 'on_signal HUP' HUP

say "starting $NAME for Slurm job ${SLURM_ARRAY_JOB_ID:+${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID} = }$JOB_ID on $NODE as $USER_NAME: collector $COLLECTOR, $CPUS CPUs, ${MEM:-?} MB,${GPU_IDS:+ GPUs $GPU_IDS,} idle timeout $IDLE s${END:+, retire at $(date -u -d "@$RETIRE" +%T), stop at $(date -u -d "@$DIE" +%T) (Slurm end $(date -u -d "@$END" +%T) UTC)}"
"$RELEASE_DIR/sbin/condor_master" -f &
MASTER_PID=$!

# Watchdog: graceful shutdown DIE_MARGIN s before Slurm's limit, a fast one GRACE s later.
# read -t on an idle pipe waits without a child process, so killing the watchdog leaves nothing behind.
if [[ -n $DIE ]]; then
	(
		trap - TERM INT HUP EXIT
		exec {fd}<> <(:)
		read -rt $((DIE - $(date +%s) > 0 ? DIE - $(date +%s) : 1)) -u "$fd"
		kill -0 "$MASTER_PID" 2>/dev/null || exit 0
		say "watchdog: $DIE_MARGIN s before the Slurm time limit; graceful shutdown"
		kill -TERM "$MASTER_PID" 2>/dev/null
		read -rt "$GRACE" -u "$fd"
		kill -0 "$MASTER_PID" 2>/dev/null || exit 0
		say "watchdog: still running after $GRACE s; fast shutdown"
		kill -QUIT "$MASTER_PID" 2>/dev/null
	) &
	WATCHDOG_PID=$!
fi

# wait returns early when a trapped signal arrives; keep waiting for the master.
rc=0
while kill -0 "$MASTER_PID" 2>/dev/null; do
	wait "$MASTER_PID"
	rc=$?
done
if [[ -z $REASON ]]; then
	if grep -qs 'No resources have been claimed for' "$DIR/log/StartLog"; then
		REASON="idle for $IDLE s"
	elif [[ -n $DIE ]] && (($(date +%s) >= DIE)); then
		REASON="watchdog before the Slurm time limit"
	else
		REASON="condor_master exited with status $rc"
	fi
fi
say "HTCondor stopped ($REASON); condor_master status $rc"
# A short trace in the job's output for whoever looks at it.
tail -n 5 "$DIR/log/MasterLog" 2>/dev/null | sed 's/^/  MasterLog: /'
case $REASON in
"idle for"* | watchdog*) exit 0 ;;
"signal "*) exit 0 ;;
*) exit "$rc" ;;
esac
