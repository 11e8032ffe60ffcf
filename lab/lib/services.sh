# shellcheck shell=bash
# MariaDB and Redis: reused when running; otherwise lab starts them and keeps their PID
# files under $LAB_ROOT/services, which is also the record that lab (and only lab) stops them.

SVC_DIR=$LAB_ROOT/services
MARIADB_EXE=$(readlink -f /usr/sbin/mariadbd)
# Debian links redis-server to redis-check-rdb; /proc/PID/exe shows the target.
REDIS_EXE=$(readlink -f /usr/bin/redis-server)

# mysql_root: SQL on stdin as MariaDB root, through the socket or else TCP.
mysql_root() {
	local sql
	sql=$(cat)
	mariadb -uroot <<<"$sql" 2>/dev/null || mariadb -uroot -h127.0.0.1 --protocol=TCP <<<"$sql"
}

services_up() {
	mkdir -p "$SVC_DIR"
	if ! tcp_open 3306; then
		host_install mariadb-server
		log "starting MariaDB (log: /var/log/mysql/error.log)"
		install -d -o mysql -g mysql /run/mysqld
		install -d -o mysql -g adm /var/log/mysql
		start-stop-daemon --start --oknodo --background --make-pidfile --pidfile "$SVC_DIR/mariadb.pid" \
			--exec "$MARIADB_EXE" -- --user=mysql --log-error=/var/log/mysql/error.log
		wait_for 60 tcp_open 3306 || die "MariaDB did not listen on 127.0.0.1:3306 within 60 s, see /var/log/mysql/error.log"
	fi
	if ! tcp_open 6379; then
		host_install redis-server
		log "starting Redis (log: $SVC_DIR/redis.log)"
		redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --pidfile "$SVC_DIR/redis.pid" \
			--logfile "$SVC_DIR/redis.log" --dir "$SVC_DIR" >/dev/null ||
			die "redis-server failed, see $SVC_DIR/redis.log"
		wait_for 20 tcp_open 6379 || die "Redis did not listen on 127.0.0.1:6379, see $SVC_DIR/redis.log"
	fi
	command -v mariadb >/dev/null || host_install mariadb-client
	# three slurmdbds, the app and a test suite with many application contexts need more than MariaDB's default 151
	local max
	max=$(mysql_root <<<"SELECT @@GLOBAL.max_connections;" | tail -1)
	if [[ $max =~ ^[0-9]+$ ]] && ((max < 500)); then
		mysql_root <<<"SET GLOBAL max_connections = 500;" && log "MariaDB: max_connections $max -> 500"
	fi
}

# services_down: stops MariaDB/Redis only when lab started them (PID file here and PID still theirs).
services_down() {
	local name exe pid
	for name in redis mariadb; do
		[[ $name == redis ]] && exe=$REDIS_EXE || exe=$MARIADB_EXE
		pid=$(pidfile_pid "$SVC_DIR/$name.pid") || true
		[[ -n $pid ]] || continue
		if pid_ok "$pid" "$exe"; then
			log "stopping $name (PID $pid, started by lab)"
			kill_checked "$pid" "$exe" "" 60
		fi
		rm -f "$SVC_DIR/$name.pid"
	done
}

services_status() {
	local name exe pid who port
	for name in mariadb redis; do
		[[ $name == redis ]] && exe=$REDIS_EXE port=6379 || exe=$MARIADB_EXE port=3306
		pid=$(pidfile_pid "$SVC_DIR/$name.pid" || true)
		if [[ -n $pid ]] && pid_ok "$pid" "$exe"; then who="started by lab, PID $pid"; else who="not lab's"; fi
		if tcp_open "$port"; then
			printf '  %-10s up on 127.0.0.1:%s (%s)\n' "$name" "$port" "$who"
		else
			printf '  %-10s down\n' "$name"
		fi
	done
}

# db_prepare: the release's accounting database and its user (password kept in $R_HOME/db.pass).
db_prepare() {
	local pass known
	known=$(mysql_root <<<"SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = '$R_DB';" | tail -1)
	if [[ $known == 0 && -n $(ls -A "$R_HDIR/state" 2>/dev/null) ]]; then
		# A new accounting database knows no cluster: slurmctld's saved state (and the ClusterID in it) is of one
		# that is gone, and slurmctld would refuse to start ("CLUSTER ID MISMATCH").
		log "$R: accounting database $R_DB is new; clearing slurmctld's saved state of the old cluster"
		rm -rf "${R_HDIR:?}/state/"*
	fi
	if [[ ! -s $R_HOME/db.pass ]]; then
		(umask 077 && head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' >"$R_HOME/db.pass")
	fi
	pass=$(cat "$R_HOME/db.pass")
	mysql_root <<EOF || die "cannot prepare database $R_DB in MariaDB (as root on 127.0.0.1:3306)"
CREATE DATABASE IF NOT EXISTS $R_DB;
CREATE USER IF NOT EXISTS '$R_DBUSER'@'localhost' IDENTIFIED BY '$pass';
CREATE USER IF NOT EXISTS '$R_DBUSER'@'127.0.0.1' IDENTIFIED BY '$pass';
ALTER USER '$R_DBUSER'@'localhost' IDENTIFIED BY '$pass';
ALTER USER '$R_DBUSER'@'127.0.0.1' IDENTIFIED BY '$pass';
GRANT ALL ON $R_DB.* TO '$R_DBUSER'@'localhost';
GRANT ALL ON $R_DB.* TO '$R_DBUSER'@'127.0.0.1';
EOF
}
