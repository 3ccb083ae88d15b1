#!/bin/sh
# stack.sh: starts and stops a private Tertulia: MariaDB, the FastCGI
# programs and nginx, all under one folder (var/ by default). `make run`,
# `make stop` and the HTTP and browser tests all use it.
#
#   cgi/stack.sh start | stop | status
#
# Environment: VAR (data folder, default ./var), PORT (8080), WORKERS (2),
# BUILD (the folder of the programs, default ./build), PROGRAMS (which to run;
# all by default), DEMO (1: load the demo
# community), QUIET (1: print only the address), CONF_EXTRA (lines added to
# the configuration when it is first written: the tests point smtp.* at
# their own server that way), DB_BUFFER_POOL (MariaDB's InnoDB buffer pool,
# 256M: enough for the demo and the tests; a large community wants its
# posts and indexes in memory, `make bench` gives it 2G).
#
# Besides the programs it runs the mail sender (tertuliactl mail, pid file
# run/mail.pid, log log/mail.log), which sends the outbox to smtp.host, the
# drain (tertuliactl drain --follow, run/drain.pid, log/drain.log), which
# applies the counter jobs a write left queued, and a supervisor
# (run/supervisor.pid, log log/supervisor.log) that starts again a
# program's master, the mail sender or the drain when it ends, waiting 1 s,
# then twice as long each time up to 30 s, back to 1 s after a minute up.
# `stop` stops the supervisor first, so that it does not start again what
# is being stopped.
#
# Everything under VAR is for the user who runs the stack alone (nginx's
# workers run as that user too): the configuration holds the secrets, the
# sockets let whoever connects talk to MariaDB or to a program with any
# REMOTE_ADDR, and nginx's error log holds request lines, reset tokens
# included. MariaDB's root needs db.admin.password, which this script
# generates (and gives to a database created before it did).
set -eu
umask 077

ROOT=$(cd "$(dirname "$0")/.." && pwd)
VAR=${VAR:-$ROOT/var}
mkdir -p "$VAR"
VAR=$(cd "$VAR" && pwd)
PORT=${PORT:-8080}
WORKERS=${WORKERS:-2}
BUILD=${BUILD:-$ROOT/build}
DEMO=${DEMO:-1}
QUIET=${QUIET:-0}
PROGRAMS=${PROGRAMS:-"account forum reviews ideas moderation insights"}
CONF=$VAR/tertulia.conf
SOCK=$VAR/run/mysqld.sock

say() { [ "$QUIET" = 1 ] || printf '%s\n' "$*"; }
die() { printf 'stack: %s\n' "$*" >&2; exit 1; }

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

# Whether the process of pid file $1 is alive and is the one that wrote it
# (its command line names the file): after a SIGKILL the file stays, and
# its pid may be someone else's by now. A zombie has no command line.
running() {
  [ -f "$1" ] || return 1
  read -r pid 2>/dev/null < "$1" || return 1
  case $pid in ''|*[!0-9]*) return 1;; esac
  tr '\0' '\n' 2>/dev/null < "/proc/$pid/cmdline" | grep -qxF "$1"
}

# Waits up to $2 tenths of a second for command $1 to succeed.
wait_for() {
  i=0
  while ! eval "$1" >/dev/null 2>&1; do
    i=$((i + 1)); [ $i -le "$2" ] || return 1; sleep 0.1
  done
}

hex() { od -An -tx1 -N"$1" /dev/urandom | tr -d ' \n'; }

conf_get() { sed -n "s/^$1[[:space:]]*=[[:space:]]*//p" "$CONF" | tail -n 1; }

NEW_CONF=0
write_config() {
  [ -f "$CONF" ] && return 0
  NEW_CONF=1
  cat > "$CONF" <<CONF
# Tertulia configuration, written once by cgi/stack.sh. See README.md.
secret = $(hex 32)
templates = $ROOT/templates
sql_dir = $ROOT/sql
# The sentiment lexicons (make deps) and the project's own word lists.
sentiment.lexicon_dir = $ROOT/node_modules
sentiment.domain_dir = $ROOT/cgi/text/lexicon
# The company's name: the brand of its products in search engines' data.
site.brand = Aurora Home
# The private MariaDB that stack.sh starts. For an existing server set
# db.private = 0 and db.host / db.port (or db.socket), db.name and the
# accounts below.
db.private = 1
db.socket = $SOCK
db.name = tertulia
db.admin.user = root
db.admin.password = $(hex 24)
# Attempts allowed before a 429 (per address per hour; per address and per
# account per 15 minutes for failed logins).
throttle.register_per_ip = 10
throttle.login_per_ip = 30
throttle.login_per_account = 5
CONF
}

# Keeps what is in VAR to its owner, in a folder made before it was so.
private_var() {
  mkdir -p "$VAR/run" "$VAR/log" "$VAR/tmp"
  chmod 700 "$VAR/run" "$VAR/log" "$VAR/tmp"
  [ ! -d "$VAR/db" ] || chmod 700 "$VAR/db"
  chmod 600 "$CONF"
  [ ! -f "$VAR/nginx.conf" ] || chmod 600 "$VAR/nginx.conf"
  find "$VAR/log" "$VAR/run" -type f -exec chmod go-rwx {} +
}

# The private MariaDB's root had no password in a configuration written
# before it got one: one is generated.
private_admin_password() {
  [ "$(conf_get db.private)" = 1 ] || return 0
  [ -z "$(conf_get db.admin.password)" ] || return 0
  pw=$(hex 24)
  if grep -q '^db\.admin\.password' "$CONF"; then
    sed -i "s/^db\.admin\.password[[:space:]]*=.*/db.admin.password = $pw/" "$CONF"
  else
    printf 'db.admin.password = %s\n' "$pw" >> "$CONF"
  fi
}

# Each program connects as its own database account. A program added since
# the configuration was written gets its account here, so that an existing
# var/ keeps working after an update.
add_program_accounts() {
  for p in $PROGRAMS mail; do
    grep -q "^db\.$p\.user" "$CONF" && continue
    printf 'db.%s.user = tertulia_%s\ndb.%s.password = %s\n' "$p" "$p" "$p" "$(hex 16)" >> "$CONF"
  done
}

# The mail sender's settings (README.md, "Email"), added to a configuration
# written before they existed too. The default is a test server on port
# 2525 (python3 -m aiosmtpd -n -l 127.0.0.1:2525): set a real one here.
add_mail_config() {
  if ! grep -q '^smtp\.host' "$CONF"; then
    cat >> "$CONF" <<CONF
# Mail: the SMTP server that tertuliactl mail hands messages to. smtp.tls is
# off, starttls or tls; smtp.user and smtp.password when it wants a login.
smtp.host = 127.0.0.1
smtp.port = 2525
smtp.tls = off
smtp.user =
smtp.password =
smtp.from = tertulia@localhost
smtp.from_name = Tertulia
CONF
  fi
  if [ "$NEW_CONF" = 1 ] && [ -n "${CONF_EXTRA:-}" ]; then
    printf '%s\n' "$CONF_EXTRA" >> "$CONF"
  fi
}

start_mariadb() {
  [ "$(conf_get db.private)" = 1 ] || return 0
  if alive "$VAR/run/mysqld.pid"; then return 0; fi
  if [ ! -d "$VAR/db/mysql" ]; then
    say "creating the database in $VAR/db"
    mariadb-install-db --no-defaults --datadir="$VAR/db" --user="$(id -un)" \
      --auth-root-authentication-method=normal --skip-test-db \
      > "$VAR/log/mariadb-install.log" 2>&1 || die "mariadb-install-db failed: see $VAR/log/mariadb-install.log"
  fi
  # The settings Tertulia needs of any server (sql/server.cnf: durable
  # commits, two-letter words, utf8mb4), and this one's own.
  mariadbd --defaults-file="$ROOT/sql/server.cnf" --datadir="$VAR/db" --socket="$SOCK" --skip-networking \
    --user="$(id -un)" --pid-file="$VAR/run/mysqld.pid" --log-error="$VAR/log/mariadb.err" \
    --innodb-buffer-pool-size="${DB_BUFFER_POOL:-256M}" --skip-name-resolve </dev/null >/dev/null 2>&1 &
  # (ping succeeds when the server answers, even if it refuses the login)
  wait_for "mariadb-admin --no-defaults -S '$SOCK' -uroot ping" 300 || die "MariaDB did not start: see $VAR/log/mariadb.err"
  pw=$(conf_get db.admin.password)
  # The SQL goes on stdin and the password in the environment, where ps
  # does not show them to others.
  if ! MYSQL_PWD=$pw mariadb --no-defaults -S "$SOCK" -uroot -e 'SELECT 1' >/dev/null 2>&1; then
    # A database just created, or made before root had a password, has a
    # root without one: it gets the configuration's now. Nobody else could
    # reach the socket meanwhile (run/ is 0700).
    printf "ALTER USER 'root'@'localhost' IDENTIFIED BY '%s';\n" "$pw" \
      | env -u MYSQL_PWD mariadb --no-defaults -S "$SOCK" -uroot >/dev/null 2>&1 \
      || die "MariaDB refuses root with db.admin.password of $CONF"
  fi
  # The other roots mariadb-install-db makes have no password either; no
  # one reaches them without networking, but they are not needed.
  MYSQL_PWD=$pw mariadb --no-defaults -S "$SOCK" -uroot <<SQL || die "setting up MariaDB failed"
CREATE DATABASE IF NOT EXISTS tertulia CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
DROP USER IF EXISTS ''@'localhost', ''@'$(hostname)';
DROP USER IF EXISTS 'root'@'127.0.0.1', 'root'@'::1', 'root'@'$(hostname)';
SQL
}

# Starts program $1 (or the mail sender, "mail", or the drain, "drain") in
# the background, in a session of its own.
launch() {
  if [ "$1" = drain ]; then
    rm -f "$VAR/run/drain.pid"
    setsid "$BUILD/tertuliactl" --config "$CONF" drain --follow --pid "$VAR/run/drain.pid" \
      </dev/null >>"$VAR/log/drain.log" 2>&1 &
  elif [ "$1" = mail ]; then
    rm -f "$VAR/run/mail.pid"
    setsid "$BUILD/tertuliactl" --config "$CONF" mail --pid "$VAR/run/mail.pid" \
      --origin "http://127.0.0.1:$PORT" </dev/null >>"$VAR/log/mail.log" 2>&1 &
  else
    rm -f "$VAR/run/$1.sock"
    setsid "$BUILD/$1" --config "$CONF" --socket "$VAR/run/$1.sock" --pid "$VAR/run/$1.pid" \
      --log "$VAR/log/$1.log" --workers "$WORKERS" </dev/null >>"$VAR/log/$1.err" 2>&1 &
  fi
}

start_programs() {
  for p in $PROGRAMS; do
    alive "$VAR/run/$p.pid" && continue
    [ -x "$BUILD/$p" ] || die "$BUILD/$p is missing: run make first"
    launch "$p"
  done
  for p in $PROGRAMS; do
    wait_for "[ -S '$VAR/run/$p.sock' ]" 100 || die "$p did not start: see $VAR/log/$p.err"
  done
}

start_mail() {
  alive "$VAR/run/mail.pid" && return 0
  launch mail
  wait_for "[ -s '$VAR/run/mail.pid' ]" 100 || die "the mail sender did not start: see $VAR/log/mail.log"
}

start_drain() {
  alive "$VAR/run/drain.pid" && return 0
  launch drain
  wait_for "[ -s '$VAR/run/drain.pid' ]" 100 || die "the drain did not start: see $VAR/log/drain.log"
}

# nginx's directives for proxy.trusted, the balancers in front (addresses
# or CIDRs, space-separated), on one line with \n between them for sed: the
# client's address is then the last one in X-Forwarded-For that is not
# theirs. Empty (the default): no header is trusted, REMOTE_ADDR is the peer.
real_ip_lines() {
  for a in $(conf_get proxy.trusted); do
    case $a in
      *[!0-9A-Fa-f.:/]*|/*|*/*/*) die "proxy.trusted: '$a' is not an address or CIDR" ;;
    esac
    printf 'set_real_ip_from %s;\\n    ' "$a"
    found=1
  done
  [ -z "${found:-}" ] || printf 'real_ip_header X-Forwarded-For;\\n    real_ip_recursive on;'
}

start_nginx() {
  alive "$VAR/run/nginx.pid" && return 0
  mkdir -p "$VAR/tmp"
  real_ip=$(real_ip_lines)
  sed -e "s|@PORT@|$PORT|g" -e "s|@VAR@|$VAR|g" -e "s|@ROOT@|$ROOT|g" \
      -e "s|@USER@|$(id -un)|g" -e "s|^ *# @REAL_IP@.*|    $real_ip|" \
      "$ROOT/nginx.conf" > "$VAR/nginx.conf"
  nginx -p "$VAR" -c "$VAR/nginx.conf" -e "$VAR/log/nginx-error.log" \
    || die "nginx did not start: see $VAR/log/nginx-error.log"
  wait_for "[ -s '$VAR/run/nginx.pid' ]" 50 || die "nginx did not start"
}

# The supervisor: runs until SIGTERM (or SIGINT, SIGHUP), looking once a
# second at each program's master, the mail sender and the drain (the
# supervised programs, $PROGRAMS, mail and drain); one that is gone is started again after
# its wait (1 s, doubled at each start up to 30 s; back to 1 s once it has
# run a minute). It writes run/supervisor.pid, logs to log/supervisor.log,
# and does not stop what it supervises when it stops.
supervise() {
  set +e
  stopping=0
  trap 'stopping=1' TERM INT HUP
  echo $$ > "$VAR/run/supervisor.pid"
  note() { printf '%s %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$*"; }
  note "supervising $PROGRAMS mail drain"
  now=$(date +%s)
  for p in $PROGRAMS mail drain; do eval "delay_$p=1 due_$p= up_$p=$now"; done
  while [ "$stopping" = 0 ]; do
    now=$(date +%s)
    for p in $PROGRAMS mail drain; do
      [ "$stopping" = 0 ] || break
      f=$VAR/run/$p.pid
      if running "$f"; then
        eval "up=\$up_$p"
        [ $((now - up)) -lt 60 ] || eval "delay_$p=1"
        continue
      fi
      eval "delay=\$delay_$p due=\$due_$p"
      if [ -z "$due" ]; then
        due=$((now + delay))
        eval "due_$p=$due"
        note "$p: not running; starting it again in ${delay}s"
      fi
      [ "$now" -ge "$due" ] || continue
      launch "$p"
      child=$!
      # Until its pid file is there, a stop would not find it: a TERM
      # meanwhile is acted on after.
      if wait_for "running '$f'" 100; then
        note "$p: started again (pid $(cat "$f"))"
      else
        kill -KILL "$child" 2>/dev/null
        note "$p: did not start in 10 s (see $VAR/log/$p.err, mail.log or drain.log)"
      fi
      delay=$((delay * 2))
      [ "$delay" -le 30 ] || delay=30
      eval "delay_$p=$delay due_$p= up_$p=$(date +%s)"
    done
    [ "$stopping" = 0 ] && sleep 1
  done
  note "stopped"
  rm -f "$VAR/run/supervisor.pid"
}

start_supervisor() {
  alive "$VAR/run/supervisor.pid" && return 0
  rm -f "$VAR/run/supervisor.pid"
  VAR=$VAR PORT=$PORT WORKERS=$WORKERS BUILD=$BUILD PROGRAMS=$PROGRAMS \
    setsid "$ROOT/cgi/stack.sh" supervise </dev/null >>"$VAR/log/supervisor.log" 2>&1 &
  wait_for "[ -s '$VAR/run/supervisor.pid' ]" 50 || die "the supervisor did not start: see $VAR/log/supervisor.log"
}

stop_pid() {
  f=$1
  alive "$f" || { rm -f "$f"; return 0; }
  pid=$(cat "$f")
  kill -TERM "$pid" 2>/dev/null || true
  wait_for "! kill -0 $pid" 300 || kill -KILL "$pid" 2>/dev/null || true
  rm -f "$f"
}

case "${1:-}" in
start)
  # what is started here is not started twice by the supervisor meanwhile
  stop_pid "$VAR/run/supervisor.pid"
  mkdir -p "$VAR/run" "$VAR/log" "$VAR/tmp"
  write_config
  private_var
  private_admin_password
  add_program_accounts
  add_mail_config
  start_mariadb
  "$BUILD/tertuliactl" --config "$CONF" migrate >"$VAR/log/migrate.log" 2>&1 \
    || { cat "$VAR/log/migrate.log" >&2; die "migrations failed"; }
  if [ "$DEMO" = 1 ]; then
    "$BUILD/tertuliactl" --config "$CONF" demo >>"$VAR/log/migrate.log" 2>&1 \
      || { cat "$VAR/log/migrate.log" >&2; die "loading the demo failed"; }
  fi
  start_programs
  start_mail
  start_drain
  start_nginx
  start_supervisor
  say ""
  say "Tertulia is running at http://127.0.0.1:$PORT"
  if [ "$DEMO" = 1 ]; then
    say "Demo accounts (password: tertulia-demo):"
    say "  admin (admin), moderadora (moderator), staff (staff),"
    say "  marketing (marketing); maria, john, lucia, oliver (members)"
  fi
  say "Logs: $VAR/log/   Stop: make stop"
  [ "$QUIET" = 1 ] && echo "http://127.0.0.1:$PORT"
  exit 0
  ;;
stop)
  stop_pid "$VAR/run/supervisor.pid"
  stop_pid "$VAR/run/nginx.pid"
  stop_pid "$VAR/run/mail.pid"
  stop_pid "$VAR/run/drain.pid"
  for p in $PROGRAMS; do stop_pid "$VAR/run/$p.pid"; done
  stop_pid "$VAR/run/mysqld.pid"
  say "stopped"
  ;;
status)
  for f in nginx $PROGRAMS mail drain mysqld supervisor; do
    if alive "$VAR/run/$f.pid"; then echo "$f: running ($(cat "$VAR/run/$f.pid"))"; else echo "$f: stopped"; fi
  done
  ;;
supervise)
  supervise
  ;;
*)
  echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
