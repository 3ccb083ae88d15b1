#!/bin/sh
# backup.sh: copies of Tertulia's database, for `make backup` and
# `make restore FILE=...`.
#
#   cgi/backup.sh backup          writes VAR/backups/YYYYMMDDTHHMMSSZ.sql.gz
#   cgi/backup.sh restore FILE    puts the database back as FILE has it
#
# The copy is mariadb-dump --single-transaction: one consistent snapshot of
# the InnoDB tables, taken while the site runs, with the view and the stored
# function. A restore first takes a backup of what is there now (named in
# its output, so that a wrong restore can be undone), then drops the
# database, creates it again and loads FILE. The programs reconnect by
# themselves; run `tertuliactl migrate` afterwards when FILE is older than
# the code. Backups hold password hashes and email addresses: the folder is
# readable by its owner only.
#
# Environment: VAR (the data folder, default ./var, whose tertulia.conf names
# the database and its admin account), BUILD (where tertuliactl is, default
# ./build: a restore applies the counter jobs the backup holds queued).
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
VAR=${VAR:-$ROOT/var}
CONF=$VAR/tertulia.conf
BUILD=${BUILD:-$ROOT/build}

die() { printf 'backup: %s\n' "$*" >&2; exit 1; }
conf_get() { sed -n "s/^$1[[:space:]]*=[[:space:]]*//p" "$CONF" | tail -n 1; }

[ -f "$CONF" ] || die "no configuration at $CONF (start the stack first, or set VAR)"
DB=$(conf_get db.name)
[ -n "$DB" ] || die "db.name is not set in $CONF"
case $DB in *[!A-Za-z0-9_]*) die "db.name must be letters, digits and _";; esac

CMD=${1:-}
FILE=${2:-}
ADMIN=$(conf_get db.admin.user)
SOCKET=$(conf_get db.socket)
HOST=$(conf_get db.host)
PORT=$(conf_get db.port)
# the admin's password through the environment, not the command line
# (where ps would show it)
MYSQL_PWD=$(conf_get db.admin.password)
export MYSQL_PWD

# Runs a MariaDB client program ($1) as the admin account, with the rest of
# the arguments.
client() {
  prog=$1
  shift
  if [ -n "$SOCKET" ]; then
    "$prog" --no-defaults --user="$ADMIN" --socket="$SOCKET" "$@"
  else
    "$prog" --no-defaults --user="$ADMIN" --host="${HOST:-127.0.0.1}" --port="${PORT:-3306}" "$@"
  fi
}

backup() {
  umask 077
  mkdir -p "$VAR/backups"
  chmod 700 "$VAR/backups"
  out=$VAR/backups/$(date -u +%Y%m%dT%H%M%SZ).sql.gz
  [ -e "$out" ] && sleep 1 && out=$VAR/backups/$(date -u +%Y%m%dT%H%M%SZ).sql.gz
  # written under another name, renamed when complete: a file named
  # *.sql.gz is always a whole backup
  if ! client mariadb-dump --single-transaction --quick --routines --triggers --hex-blob \
      --default-character-set=utf8mb4 --no-tablespaces "$DB" | gzip > "$out.part"; then
    rm -f "$out.part"
    die "mariadb-dump failed"
  fi
  # a dump that stopped half-way lacks this last line
  gzip -dc "$out.part" | tail -n 1 | grep -q '^-- Dump completed' || {
    rm -f "$out.part"; die "the dump is incomplete"; }
  mv "$out.part" "$out"
  echo "$out"
}

restore() {
  [ -n "$FILE" ] || die "usage: cgi/backup.sh restore FILE"
  [ -f "$FILE" ] || die "no such file: $FILE"
  gzip -t "$FILE" 2>/dev/null || die "$FILE is not a whole gzip file"
  gzip -dc "$FILE" | tail -n 1 | grep -q '^-- Dump completed' || die "$FILE is not a whole dump"
  before=$(backup) || die "could not back up the database before restoring"
  echo "the database as it was before: $before"
  client mariadb -e "DROP DATABASE IF EXISTS \`$DB\`;
    CREATE DATABASE \`$DB\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;"
  if ! gzip -dc "$FILE" | client mariadb "$DB"; then
    die "loading $FILE failed; to go back: cgi/backup.sh restore $before"
  fi
  # the counter jobs the backup holds queued (a write's rollups, applied
  # just after it) are applied now, as the programs would have: the
  # restored database is whole at once, not a moment later
  if ! "$BUILD/tertuliactl" --config "$CONF" drain >/dev/null; then
    echo "the queued counter jobs were not applied: run tertuliactl drain" >&2
  fi
  echo "restored $FILE"
}

case $CMD in
backup) backup ;;
restore) restore ;;
*) echo "usage: $0 backup | restore FILE" >&2; exit 2 ;;
esac
