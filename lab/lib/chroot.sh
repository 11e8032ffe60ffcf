# shellcheck shell=bash
# Debian chroots for the newer releases: built once into the cache, mounted while in use.

chroot_dir() { echo "$LAB_CACHE/chroots/$1"; }
# A chroot is usable only once its build finished (the marker is the last step before rename).
chroot_ready() { [[ -f $(chroot_dir "$1")/.lab-complete ]]; }

# mounts_under DIR: mount points at or below DIR, deepest first.
mounts_under() {
	awk -v d="$1" '$5 == d || index($5, d "/") == 1 { print $5 }' /proc/self/mountinfo | sort -r
}

unmount_all_under() {
	local m
	for m in $(mounts_under "$1"); do
		umount "$m" 2>/dev/null || umount -l "$m" || warn "cannot unmount $m"
	done
}

# chroot_build SUITE: debootstrap plus Slurm packages into a temp dir, renamed when complete,
# so an interrupted build is never taken for a finished one.
chroot_build() {
	local suite=$1 final tmp old mirror logf t0
	final=$(chroot_dir "$suite")
	chroot_ready "$suite" && return 0
	[[ -e $final ]] && die "$final exists but was not completed by lab; remove it and retry"
	t0=$(now_us)
	mkdir -p "$LAB_CACHE/chroots" "$LAB_CACHE/logs"
	logf=$LAB_CACHE/logs/build-$suite.log
	: >"$logf"
	for old in "$LAB_CACHE/chroots/.$suite.tmp."*; do
		[[ -d $old ]] || continue
		log "removing unfinished build $old"
		unmount_all_under "$old"
		rm -rf --one-file-system "$old"
	done
	mirror=$(debian_mirror)
	tmp=$LAB_CACHE/chroots/.$suite.tmp.$$
	log "building $suite chroot from $mirror (log: $logf)"
	debootstrap --variant=minbase "$suite" "$tmp" "$mirror" >>"$logf" 2>&1 ||
		die "debootstrap $suite failed, see $logf"
	echo "deb $mirror $suite main" >"$tmp/etc/apt/sources.list"
	# sid's Release file can be past its Valid-Until in a snapshot mirror.
	[[ $suite == sid ]] && echo 'Acquire::Check-Valid-Until "false";' >"$tmp/etc/apt/apt.conf.d/99lab-valid-until"
	# Package scripts must not start daemons; lab starts them itself.
	printf '#!/bin/sh\nexit 101\n' >"$tmp/usr/sbin/policy-rc.d"
	chmod 0755 "$tmp/usr/sbin/policy-rc.d"
	cp /etc/resolv.conf /etc/hosts "$tmp/etc/" 2>/dev/null || true
	mount -t proc proc "$tmp/proc"
	mount --bind /dev "$tmp/dev"
	if ! {
		chroot "$tmp" apt-get -q -o DPkg::Lock::Timeout=600 update &&
			chroot "$tmp" env DEBIAN_FRONTEND=noninteractive apt-get install "${APT_OPTS[@]}" "${SLURM_PKGS[@]}" &&
			chroot "$tmp" apt-get clean
	} >>"$logf" 2>&1; then
		unmount_all_under "$tmp"
		die "installing Slurm in the $suite chroot failed, see $logf"
	fi
	unmount_all_under "$tmp"
	touch "$tmp/.lab-complete"
	mv "$tmp" "$final"
	log "$suite chroot built in $(secs_since "$t0") s"
}

# chroot_mount: kernel file systems the daemons need; lab records what it mounted so that
# "down" unmounts only its own mounts.
chroot_mount() {
	local rec=$R_HOME/mounts m
	[[ $R_MODE == chroot ]] || return 0
	mkdir -p "$R_HOME"
	touch "$rec"
	_mnt() {
		local where=$R_ROOT/$1
		shift
		mountpoint -q "$where" && return 0
		mount "$@" "$where" || die "mount $* $where failed"
		grep -qxF "$where" "$rec" || echo "$where" >>"$rec"
	}
	_mnt proc -t proc proc
	_mnt sys -t sysfs sysfs
	_mnt dev --bind /dev
	_mnt dev/pts -t devpts -o newinstance,ptmxmode=0666,mode=0620 devpts
	# munged fails "Failed to lookup origin" without the host's names.
	cp /etc/hosts "$R_ROOT/etc/hosts"
	for m in tmp var/tmp; do chmod 1777 "$R_ROOT/$m"; done
}

chroot_umount() {
	local rec=$R_HOME/mounts m
	[[ $R_MODE == chroot && -f $rec ]] || return 0
	while read -r m; do
		mountpoint -q "$m" || continue
		umount "$m" 2>/dev/null || {
			warn "$m busy, detaching it lazily"
			umount -l "$m"
		}
	done < <(sort -r "$rec")
	rm -f "$rec"
}
