# shellcheck shell=bash
# OpenLDAP (Debian's slapd) for the workbench's LDAP login: its own slapd.conf, database and PID file under
# $LAB_ROOT/ldap, listening only on ldap://127.0.0.1:3389, so a slapd the machine may run (389, /etc/ldap) is
# untouched. People alice, bob, carol, wbadmin (uid = Slurm user name; passwords in $LAB_ROOT/ldap/users.pass)
# and the group hpc-admins (wbadmin). See lab/README.md, "Site logins".

LDAP_PKGS=(slapd ldap-utils)
LDAP_PORT=3389
LDAP_URL=ldap://127.0.0.1:$LDAP_PORT
LDAP_BASE=dc=lab,dc=slurmworkbench
LDAP_ADMIN_DN=cn=admin,$LDAP_BASE
LDAP_ADMIN_GROUP=hpc-admins
# Directory people: the lab's Slurm users (same uid numbers as their Unix accounts).
SITE_USERS=(alice:5001 bob:5002 carol:5003 wbadmin:5004)
SITE_ADMINS=(wbadmin)

L_DIR=$LAB_ROOT/ldap
L_CONF=$L_DIR/slapd.conf
L_DATA=$L_DIR/data
L_PIDFILE=$L_DIR/slapd.pid
L_LOG=$L_DIR/slapd.out
L_USERS=$L_DIR/users.pass
L_ENV=$L_DIR/ldap.env
L_MARK=site-ldap
SLAPD_EXE=$(readlink -f /usr/sbin/slapd 2>/dev/null || echo /usr/sbin/slapd)

# Debconf answers so that apt installs without questions and without configuring the machine's own
# slapd (no_configuration: no /etc/ldap/slapd.d database, nothing started) or realm (krb5-config).
site_preseed() {
	debconf-set-selections <<'EOF'
slapd slapd/no_configuration boolean true
krb5-config krb5-config/default_realm string LAB.SLURMWORKBENCH
krb5-config krb5-config/add_servers_realm string LAB.SLURMWORKBENCH
krb5-config krb5-config/add_servers boolean false
krb5-config krb5-config/read_conf boolean true
krb5-config krb5-config/kerberos_servers string 127.0.0.1:8888
krb5-config krb5-config/admin_server string 127.0.0.1:8889
krb5-config krb5-config/dns_for_default boolean false
krb5-admin-server krb5-admin-server/kadmind boolean false
krb5-admin-server krb5-admin-server/newrealm note
krb5-kdc krb5-kdc/debconf boolean false
EOF
}

# site_install PKG...: host_install with the preseeding above.
site_install() {
	[[ -z $(pkg_missing "$@") ]] && return 0
	site_preseed
	host_install "$@"
}

# site_passwords FILE: writes FILE (mode 600, user=password, java.util.Properties reads it too) with a random
# password for each site user that lacks one; existing passwords stay, so a second run changes nothing.
site_passwords() {
	local f=$1 entry u
	(umask 077 && touch "$f")
	chmod 600 "$f"
	for entry in "${SITE_USERS[@]}"; do
		u=${entry%%:*}
		grep -q "^$u=" "$f" || printf '%s=%s\n' "$u" "$(head -c 12 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')" >>"$f"
	done
}

# site_password FILE USER: the password of USER in FILE.
site_password() { sed -n "s/^$2=//p" "$1"; }

# site_pid PIDFILE EXE MARK: prints the PID of the site daemon lab started (checked in /proc).
site_pid() {
	local pid
	pid=$(pidfile_pid "$1") || return 1
	pid_ok "$pid" "$2" "$3" && echo "$pid"
}

# site_down NAME PIDFILE EXE MARK: stops that daemon if it is lab's, and forgets its PID file.
site_down() {
	local pid
	if pid=$(site_pid "$2" "$3" "$4"); then
		log "$1: stopping ${3##*/} (PID $pid)"
		kill_checked "$pid" "$3" "$4" 20
	fi
	rm -f "$2"
}

ldap_pid() { site_pid "$L_PIDFILE" "$SLAPD_EXE" "$L_MARK"; }

ldap_write_conf() {
	local rootpw
	[[ -s $L_DIR/admin.pass ]] || (umask 077 && head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' >"$L_DIR/admin.pass")
	rootpw=$(slappasswd -s "$(cat "$L_DIR/admin.pass")")
	# Written each time (not data): a changed lab keeps one truth. Anonymous may search (the workbench finds
	# people and groups without a service account); passwords are only compared (bind), never read.
	(umask 027 && cat >"$L_CONF.new") <<EOF
# Written by lab/lib/ldap.sh; overwritten by 'lab ldap up'.
include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/inetorgperson.schema
include /etc/ldap/schema/nis.schema
modulepath /usr/lib/ldap
moduleload back_mdb
pidfile $L_DATA/slapd.run.pid
argsfile $L_DATA/slapd.args
loglevel stats
database mdb
maxsize 67108864
suffix "$LDAP_BASE"
rootdn "$LDAP_ADMIN_DN"
rootpw $rootpw
directory $L_DATA
index objectClass eq
index uid,member eq
access to attrs=userPassword by self write by anonymous auth by * none
access to * by * read
EOF
	mv "$L_CONF.new" "$L_CONF"
	chown root:openldap "$L_CONF"
}

# ldap_ldif: the base, people (with {SSHA} passwords from users.pass) and the admin group.
ldap_ldif() {
	local entry u uid hash
	cat <<EOF
dn: $LDAP_BASE
objectClass: top
objectClass: dcObject
objectClass: organization
o: Slurm Workbench lab
dc: lab

dn: ou=people,$LDAP_BASE
objectClass: organizationalUnit
ou: people

dn: ou=groups,$LDAP_BASE
objectClass: organizationalUnit
ou: groups

EOF
	for entry in "${SITE_USERS[@]}"; do
		u=${entry%%:*} uid=${entry##*:}
		hash=$(slappasswd -s "$(site_password "$L_USERS" "$u")")
		cat <<EOF
dn: uid=$u,ou=people,$LDAP_BASE
objectClass: inetOrgPerson
objectClass: posixAccount
uid: $u
cn: $u
sn: $u
mail: $u@lab.slurmworkbench
uidNumber: $uid
gidNumber: $uid
homeDirectory: /tmp
userPassword: $hash

EOF
	done
	echo "dn: cn=$LDAP_ADMIN_GROUP,ou=groups,$LDAP_BASE"
	echo "objectClass: groupOfNames"
	echo "cn: $LDAP_ADMIN_GROUP"
	for u in "${SITE_ADMINS[@]}"; do echo "member: uid=$u,ou=people,$LDAP_BASE"; done
	echo
}

ldap_ping() { ldapsearch -x -H "$LDAP_URL" -b "$LDAP_BASE" -s base '(objectClass=*)' dn >/dev/null 2>&1; }

ldap_up() {
	local pid t0
	t0=$(now_us)
	site_install "${LDAP_PKGS[@]}"
	install -d -m 750 -o root -g openldap "$L_DIR"
	install -d -m 700 -o openldap -g openldap "$L_DATA"
	site_passwords "$L_USERS"
	ldap_write_conf
	# The directory is filled once, offline, when its database is new; later runs reuse it as it is.
	if [[ ! -s $L_DATA/data.mdb ]]; then
		log "ldap: creating $LDAP_BASE in $L_DATA"
		ldap_ldif | slapadd -f "$L_CONF" -q >>"$L_LOG" 2>&1 || die "ldap: slapadd failed, see $L_LOG"
		chown -R openldap:openldap "$L_DATA"
	fi
	if pid=$(ldap_pid); then
		log "ldap: slapd already runs (PID $pid)"
	else
		tcp_open $LDAP_PORT && die "ldap: something else listens on 127.0.0.1:$LDAP_PORT"
		log "ldap: starting slapd on $LDAP_URL (log: $L_LOG)"
		# -d 0: stay in the foreground, so the PID lab records is slapd's own.
		launch "$L_PIDFILE" "$L_LOG" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin "WB_LAB_RELEASE=$L_MARK" \
			"$SLAPD_EXE" -d 0 -h "$LDAP_URL/" -f "$L_CONF" -u openldap -g openldap
		wait_for 30 ldap_ping || die "ldap: slapd did not answer on $LDAP_URL within 30 s, see $L_LOG"
	fi
	cat >"$L_ENV" <<EOF
LDAP_URL=$LDAP_URL
LDAP_BASE=$LDAP_BASE
LDAP_USER_DN_PATTERN=uid={0},ou=people
LDAP_GROUP_SEARCH_BASE=ou=groups
LDAP_ADMIN_GROUP=$LDAP_ADMIN_GROUP
LDAP_USERS=$(printf '%s,' "${SITE_USERS[@]%%:*}" | sed 's/,$//')
LDAP_PASSWORDS=$L_USERS
EOF
	log "ldap: ready on $LDAP_URL, base $LDAP_BASE, env $L_ENV ($(secs_since "$t0") s)"
}

ldap_down() { site_down ldap "$L_PIDFILE" "$SLAPD_EXE" "$L_MARK"; }

ldap_status() {
	local pid n
	if pid=$(ldap_pid); then
		n=$(ldapsearch -x -LLL -H "$LDAP_URL" -b "ou=people,$LDAP_BASE" '(uid=*)' dn 2>/dev/null | grep -c '^dn:' || true)
		printf '  %-10s up on %s (PID %s), base %s, %s people\n' slapd "$LDAP_URL" "$pid" "$LDAP_BASE" "$n"
	else
		printf '  %-10s down\n' slapd
	fi
}
