#!/usr/bin/env bash
# A Docker engine and a local `python:3.12-slim` base image on a machine that
# has neither a running engine nor a registry (test infrastructure only).
#
#   tests/container/prepare.sh start   install docker.io + debootstrap if missing,
#                                      start dockerd, make the base image if absent
#   tests/container/prepare.sh stop    stop the dockerd started here (by pid file)
#   tests/container/prepare.sh env     print `export DOCKER_HOST=...`
#
# Idempotent: an engine already answering on our socket is reused, and so is a
# base image already tagged. The engine keeps its data under $QUOTES_DOCKER_DIR
# (default: $TMPDIR/quotes-docker), so the base image survives between runs.
#
# The engine has no bridge network (--bridge=none --iptables=false): build and
# run with --network=host and bind the service to 127.0.0.1.
#
# The package registry is reached through a proxy whose certificate only this
# host trusts. The host's CA bundle is therefore copied into the local
# stand-in base image (with PIP_CERT pointing at it) -- never into the
# project's Dockerfile, and never into the repository.
set -euo pipefail

STATE=${QUOTES_DOCKER_DIR:-${TMPDIR:-/tmp}/quotes-docker}
SOCK=$STATE/docker.sock
PIDFILE=$STATE/dockerd.pid
LOG=$STATE/dockerd.log
BASE_IMAGE=${BASE_IMAGE:-python:3.12-slim}
SUITE=${DEBIAN_SUITE:-bookworm}
export DOCKER_HOST=unix://$SOCK

log() { printf 'prepare: %s\n' "$*" >&2; }

engine_up() { docker version >/dev/null 2>&1; }

install_tools() {
    local missing=()
    command -v dockerd >/dev/null || missing+=(docker.io)
    command -v debootstrap >/dev/null || missing+=(debootstrap)
    [ ${#missing[@]} -eq 0 ] && return
    log "installing ${missing[*]}"
    # another apt run may hold the lock for a while: wait for it
    apt-get -o DPkg::Lock::Timeout=600 update -qq
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 \
        install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

start_engine() {
    mkdir -p "$STATE"
    if engine_up; then
        log "engine already running on $SOCK"
        return
    fi
    log "starting dockerd ($STATE)"
    rm -f "$SOCK" "$PIDFILE"
    dockerd --data-root "$STATE/data" --exec-root "$STATE/exec" \
            --pidfile "$PIDFILE" --host "$DOCKER_HOST" \
            --bridge=none --iptables=false >"$LOG" 2>&1 &
    for _ in $(seq 1 120); do
        engine_up && return
        sleep 0.5
    done
    log "dockerd did not start; its log:"
    tail -n 40 "$LOG" >&2
    exit 1
}

python_home() {
    local root
    root=$(pyenv root 2>/dev/null || echo "$HOME/.pyenv")
    # the newest 3.12.x
    ls -d "$root"/versions/3.12.* 2>/dev/null | sort -V | tail -n 1
}

make_base_image() {
    if docker image inspect "$BASE_IMAGE" >/dev/null 2>&1; then
        log "base image $BASE_IMAGE already present"
        return
    fi
    local py rootfs
    py=$(python_home)
    if [ -z "$py" ]; then
        log "no Python 3.12 under pyenv; cannot make $BASE_IMAGE"
        exit 1
    fi
    rootfs=$STATE/rootfs
    rm -rf "$rootfs"
    log "debootstrap $SUITE into $rootfs"
    # the shared libraries the standard library's extension modules link against
    debootstrap --variant=minbase \
        --include=ca-certificates,libssl3,libffi8,libsqlite3-0,libbz2-1.0,liblzma5,zlib1g,libreadline8,libncursesw6,libuuid1,libexpat1 \
        "$SUITE" "$rootfs" >"$STATE/debootstrap.log" 2>&1 \
        || { tail -n 30 "$STATE/debootstrap.log" >&2; exit 1; }
    rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
    # as debian:bookworm-slim does: no manuals, no translations
    rm -rf "$rootfs"/usr/share/man/* "$rootfs"/usr/share/info/* "$rootfs"/usr/share/locale/*
    find "$rootfs"/usr/share/doc -type f ! -name copyright -delete

    log "copying $(basename "$py") into /usr/local"
    # like the official image: no test suite, no site-packages, no bytecode,
    # no static libpython (the official build is --enable-shared only)
    tar -C "$py" -c \
        --exclude='lib/python3.12/test' \
        --exclude='lib/python3.12/site-packages/*' \
        --exclude='__pycache__' \
        --exclude='lib/python3.12/config-3.12-*/libpython3.12.a' \
        bin include lib share | tar -C "$rootfs/usr/local" -x
    # scripts of the host's pip that would point at the host's paths
    rm -f "$rootfs"/usr/local/bin/pip "$rootfs"/usr/local/bin/pip3*
    ln -sf python3 "$rootfs/usr/local/bin/python"
    chroot "$rootfs" /sbin/ldconfig
    chroot "$rootfs" /usr/local/bin/python3 -c 'import ssl, sqlite3, ctypes, lzma, bz2, venv, ensurepip' \
        || { log "the copied Python is incomplete"; exit 1; }

    # the proxy's certificate: the local stand-in base image only
    cp /etc/ssl/certs/ca-certificates.crt "$rootfs/etc/ssl/certs/host-ca-bundle.crt"

    log "importing $BASE_IMAGE"
    tar -C "$rootfs" -c . | docker import \
        --change 'ENV PATH=/usr/local/bin:/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin' \
        --change 'ENV LANG=C.UTF-8' \
        --change 'ENV PYTHON_VERSION=3.12' \
        --change 'ENV PIP_CERT=/etc/ssl/certs/host-ca-bundle.crt' \
        --change 'CMD ["python3"]' \
        - "$BASE_IMAGE" >/dev/null
    rm -rf "$rootfs"
}

stop_engine() {
    local pid
    pid=$(cat "$PIDFILE" 2>/dev/null || true)
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
        log "stopping dockerd ($pid)"
        kill -TERM "$pid"
        for _ in $(seq 1 60); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.5
        done
    else
        log "no dockerd of ours is running"
    fi
    rm -f "$PIDFILE"
    # dockerd leaves its network namespace mounted under the exec root
    local mount
    for mount in $(awk -v root="$STATE/" 'index($2, root) == 1 { print $2 }' /proc/mounts | sort -ru); do
        umount "$mount" 2>/dev/null || true
    done
}

case "${1:-start}" in
    start) install_tools; start_engine; make_base_image ;;
    stop) stop_engine ;;
    env) echo "export DOCKER_HOST=$DOCKER_HOST" ;;
    *) echo "usage: $0 start|stop|env" >&2; exit 2 ;;
esac
