# shellcheck shell=bash
# MIT Kerberos KDC (Debian's krb5-kdc) for the workbench's Kerberos logins: realm LAB.SLURMWORKBENCH with its
# own krb5.conf, kdc.conf, database, stash and PID file under $LAB_ROOT/kdc, listening only on 127.0.0.1:8888
# (UDP and TCP), so a KDC or /etc/krb5kdc the machine may have is untouched. Principals alice, bob, carol,
# wbadmin (passwords in $LAB_ROOT/kdc/users.pass) and HTTP/localhost with a keytab for the app.
# Clients use KRB5_CONFIG=$LAB_ROOT/kdc/krb5.conf. Needs SITE_USERS and site_* from ldap.sh.

KDC_PKGS=(krb5-kdc krb5-admin-server krb5-user)
KDC_REALM=LAB.SLURMWORKBENCH
KDC_PORT=8888
KDC_SERVICE=HTTP/localhost

K_DIR=$LAB_ROOT/kdc
K_PIDFILE=$K_DIR/krb5kdc.pid
K_LOG=$K_DIR/krb5kdc.out
K_USERS=$K_DIR/users.pass
K_KEYTAB=$K_DIR/http.keytab
K_ENV=$K_DIR/kdc.env
K_MARK=site-kdc
KRB5KDC_EXE=$(readlink -f /usr/sbin/krb5kdc 2>/dev/null || echo /usr/sbin/krb5kdc)

# kx CMD...: a Kerberos tool with the lab realm's own configuration (never /etc/krb5.conf or /etc/krb5kdc).
kx() { env "KRB5_CONFIG=$K_DIR/krb5.conf" "KRB5_KDC_PROFILE=$K_DIR/kdc.conf" "$@"; }

kdc_pid() { site_pid "$K_PIDFILE" "$KRB5KDC_EXE" "$K_MARK"; }

kdc_write_conf() {
	# Written each time (not data). TCP preferred by clients (udp_preference_limit=1): one port, and the
	# JDK and MIT clients behave the same. rdns=false and the domain_realm entry make HTTP/localhost the
	# service name whatever the machine's resolver says.
	cat >"$K_DIR/krb5.conf" <<EOF
# Written by lab/lib/kdc.sh; overwritten by 'lab kdc up'.
[libdefaults]
	default_realm = $KDC_REALM
	dns_lookup_kdc = false
	dns_lookup_realm = false
	rdns = false
	udp_preference_limit = 1
	ticket_lifetime = 10h
	default_ccache_name = FILE:/tmp/krb5cc_lab_%{uid}
[realms]
	$KDC_REALM = {
		kdc = 127.0.0.1:$KDC_PORT
	}
[domain_realm]
	localhost = $KDC_REALM
	.lab.slurmworkbench = $KDC_REALM
EOF
	cat >"$K_DIR/kdc.conf" <<EOF
# Written by lab/lib/kdc.sh; overwritten by 'lab kdc up'.
[kdcdefaults]
	kdc_ports = $KDC_PORT
	kdc_tcp_ports = $KDC_PORT
	kdc_listen = 127.0.0.1:$KDC_PORT
	kdc_tcp_listen = 127.0.0.1:$KDC_PORT
[realms]
	$KDC_REALM = {
		database_name = $K_DIR/principal
		key_stash_file = $K_DIR/stash
		acl_file = $K_DIR/kadm5.acl
		max_life = 10h 0m 0s
		max_renewable_life = 7d 0h 0m 0s
		supported_enctypes = aes256-cts-hmac-sha1-96:normal aes128-cts-hmac-sha1-96:normal
	}
[logging]
	kdc = FILE:$K_DIR/krb5kdc.log
	admin_server = FILE:$K_DIR/kadmin.log
EOF
	touch "$K_DIR/kadm5.acl"
	chmod 644 "$K_DIR/krb5.conf"
}

kdc_has_principal() { kx kadmin.local -r "$KDC_REALM" -q "getprinc $1" 2>/dev/null | grep -q "^Principal: $1@"; }

kdc_principals() {
	local entry u
	for entry in "${SITE_USERS[@]}"; do
		u=${entry%%:*}
		kdc_has_principal "$u" && continue
		log "kdc: adding principal $u@$KDC_REALM"
		kx kadmin.local -r "$KDC_REALM" -q "addprinc -pw $(site_password "$K_USERS" "$u") $u" >>"$K_LOG" 2>&1 ||
			die "kdc: cannot add $u, see $K_LOG"
	done
	if ! kdc_has_principal "$KDC_SERVICE"; then
		log "kdc: adding principal $KDC_SERVICE@$KDC_REALM"
		kx kadmin.local -r "$KDC_REALM" -q "addprinc -randkey $KDC_SERVICE" >>"$K_LOG" 2>&1 ||
			die "kdc: cannot add $KDC_SERVICE, see $K_LOG"
		rm -f "$K_KEYTAB"
	fi
	# -norandkey exports the current key, so a lost keytab can be written again without invalidating tickets.
	if [[ ! -s $K_KEYTAB ]]; then
		(umask 077 && kx kadmin.local -r "$KDC_REALM" -q "ktadd -norandkey -k $K_KEYTAB $KDC_SERVICE" >>"$K_LOG" 2>&1) ||
			die "kdc: cannot write $K_KEYTAB, see $K_LOG"
	fi
	chmod 600 "$K_KEYTAB"
}

kdc_ping() { tcp_open "$KDC_PORT"; }

kdc_up() {
	local pid t0
	t0=$(now_us)
	site_install "${KDC_PKGS[@]}"
	install -d -m 700 "$K_DIR"
	site_passwords "$K_USERS"
	kdc_write_conf
	# The database is created once; later runs reuse it (and only add what is missing).
	if [[ ! -s $K_DIR/principal ]]; then
		log "kdc: creating realm $KDC_REALM in $K_DIR"
		[[ -s $K_DIR/master.pass ]] || (umask 077 && head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' >"$K_DIR/master.pass")
		kx kdb5_util create -s -r "$KDC_REALM" -P "$(cat "$K_DIR/master.pass")" >>"$K_LOG" 2>&1 ||
			die "kdc: kdb5_util create failed, see $K_LOG"
	fi
	kdc_principals
	if pid=$(kdc_pid); then
		log "kdc: krb5kdc already runs (PID $pid)"
	else
		tcp_open "$KDC_PORT" && die "kdc: something else listens on 127.0.0.1:$KDC_PORT"
		log "kdc: starting krb5kdc on 127.0.0.1:$KDC_PORT (log: $K_DIR/krb5kdc.log)"
		# -n: stay in the foreground, so the PID lab records is krb5kdc's own.
		launch "$K_PIDFILE" "$K_LOG" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin "WB_LAB_RELEASE=$K_MARK" \
			"KRB5_CONFIG=$K_DIR/krb5.conf" "KRB5_KDC_PROFILE=$K_DIR/kdc.conf" \
			"$KRB5KDC_EXE" -n -r "$KDC_REALM"
		wait_for 30 kdc_ping || die "kdc: krb5kdc did not listen on 127.0.0.1:$KDC_PORT within 30 s, see $K_LOG"
	fi
	cat >"$K_ENV" <<EOF
KDC_REALM=$KDC_REALM
KDC_ADDRESS=127.0.0.1:$KDC_PORT
KRB5_CONFIG=$K_DIR/krb5.conf
SERVICE_PRINCIPAL=$KDC_SERVICE@$KDC_REALM
KEYTAB=$K_KEYTAB
KDC_USERS=$(printf '%s,' "${SITE_USERS[@]%%:*}" | sed 's/,$//')
KDC_PASSWORDS=$K_USERS
EOF
	log "kdc: ready on 127.0.0.1:$KDC_PORT, realm $KDC_REALM, env $K_ENV ($(secs_since "$t0") s)"
}

kdc_down() { site_down kdc "$K_PIDFILE" "$KRB5KDC_EXE" "$K_MARK"; }

kdc_status() {
	local pid
	if pid=$(kdc_pid); then
		printf '  %-10s up on 127.0.0.1:%s (PID %s), realm %s, keytab %s\n' krb5kdc "$KDC_PORT" "$pid" "$KDC_REALM" "$K_KEYTAB"
	else
		printf '  %-10s down\n' krb5kdc
	fi
}
