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
# run/mail.pid, log log/mail.log), which sends the outbox to smtp.host.
set -eu

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
  umask 077
  cat > "$CONF" <<CONF
# Tertulia configuration, written once by cgi/stack.sh. See README.md.
secret = $(hex 32)
templates = $ROOT/templates
sql_dir = $ROOT/sql
# The sentiment lexicons (make deps) and the project's own word lists.
sentiment.lexicon_dir = $ROOT/node_modules
sentiment.domain_dir = $ROOT/cgi/core/lexicon
# The private MariaDB that stack.sh starts. For an existing server set
# db.private = 0 and db.host / db.port (or db.socket), db.name and the
# accounts below.
db.private = 1
db.socket = $SOCK
db.name = tertulia
db.admin.user = root
db.admin.password =
# Attempts allowed before a 429 (per address per hour; per address and per
# account per 15 minutes for failed logins).
throttle.register_per_ip = 10
throttle.login_per_ip = 30
throttle.login_per_account = 5
CONF
  umask 022
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
  mariadbd --no-defaults --datadir="$VAR/db" --socket="$SOCK" --skip-networking \
    --user="$(id -un)" --pid-file="$VAR/run/mysqld.pid" --log-error="$VAR/log/mariadb.err" \
    --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
    --innodb-buffer-pool-size="${DB_BUFFER_POOL:-256M}" --innodb-ft-min-token-size=2 \
    --innodb-ft-server-stopword-table=tertulia/ft_stopwords \
    --innodb-flush-log-at-trx-commit=2 --skip-name-resolve </dev/null >/dev/null 2>&1 &
  wait_for "mariadb-admin --no-defaults -S '$SOCK' -uroot ping" 300 || die "MariaDB did not start: see $VAR/log/mariadb.err"
  mariadb --no-defaults -S "$SOCK" -uroot -e \
    "CREATE DATABASE IF NOT EXISTS tertulia CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
     DROP USER IF EXISTS ''@'localhost'; DROP USER IF EXISTS ''@'$(hostname)';"
}

start_programs() {
  for p in $PROGRAMS; do
    alive "$VAR/run/$p.pid" && continue
    [ -x "$BUILD/$p" ] || die "$BUILD/$p is missing: run make first"
    rm -f "$VAR/run/$p.sock"
    setsid "$BUILD/$p" --config "$CONF" --socket "$VAR/run/$p.sock" --pid "$VAR/run/$p.pid" \
      --log "$VAR/log/$p.log" --workers "$WORKERS" </dev/null >>"$VAR/log/$p.err" 2>&1 &
  done
  for p in $PROGRAMS; do
    wait_for "[ -S '$VAR/run/$p.sock' ]" 100 || die "$p did not start: see $VAR/log/$p.err"
  done
}

start_mail() {
  alive "$VAR/run/mail.pid" && return 0
  rm -f "$VAR/run/mail.pid"
  setsid "$BUILD/tertuliactl" --config "$CONF" mail --pid "$VAR/run/mail.pid" \
    --origin "http://127.0.0.1:$PORT" </dev/null >>"$VAR/log/mail.log" 2>&1 &
  wait_for "[ -s '$VAR/run/mail.pid' ]" 100 || die "the mail sender did not start: see $VAR/log/mail.log"
}

start_nginx() {
  alive "$VAR/run/nginx.pid" && return 0
  mkdir -p "$VAR/tmp"
  sed -e "s|@PORT@|$PORT|g" -e "s|@VAR@|$VAR|g" -e "s|@ROOT@|$ROOT|g" \
      -e "s|@USER@|$(id -un)|g" "$ROOT/nginx.conf" > "$VAR/nginx.conf"
  nginx -p "$VAR" -c "$VAR/nginx.conf" -e "$VAR/log/nginx-error.log" \
    || die "nginx did not start: see $VAR/log/nginx-error.log"
  wait_for "[ -s '$VAR/run/nginx.pid' ]" 50 || die "nginx did not start"
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
  mkdir -p "$VAR/run" "$VAR/log" "$VAR/tmp"
  write_config
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
  start_nginx
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
  stop_pid "$VAR/run/nginx.pid"
  stop_pid "$VAR/run/mail.pid"
  for p in $PROGRAMS; do stop_pid "$VAR/run/$p.pid"; done
  stop_pid "$VAR/run/mysqld.pid"
  say "stopped"
  ;;
status)
  for f in nginx $PROGRAMS mail mysqld; do
    if alive "$VAR/run/$f.pid"; then echo "$f: running ($(cat "$VAR/run/$f.pid"))"; else echo "$f: stopped"; fi
  done
  ;;
*)
  echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
