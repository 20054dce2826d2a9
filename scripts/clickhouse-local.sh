#!/usr/bin/env bash
# Starts a throw-away ClickHouse server on a free loopback port in a temporary directory.
# Prints "URL PID DIR" on stdout once the server answers /ping. Stop it with: kill PID; rm -rf DIR
set -euo pipefail

server=${CASEFILE_CLICKHOUSE_SERVER:-$(command -v clickhouse-server || echo /usr/sbin/clickhouse-server)}
[ -x "$server" ] || { echo "clickhouse-local: no clickhouse-server found (run scripts/setup-deps.sh)" >&2; exit 2; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
dir=$(mktemp -d "${TMPDIR:-/tmp}/casefile-clickhouse.XXXXXX")
http_port=$(free_port)
tcp_port=$(free_port)
mkdir -p "$dir/data" "$dir/tmp" "$dir/log"
cat > "$dir/config.xml" <<XML
<?xml version="1.0"?>
<yandex>
    <logger><level>warning</level><log>$dir/log/server.log</log><errorlog>$dir/log/error.log</errorlog><console>false</console></logger>
    <http_port>$http_port</http_port>
    <tcp_port>$tcp_port</tcp_port>
    <listen_host>127.0.0.1</listen_host>
    <path>$dir/data/</path>
    <tmp_path>$dir/tmp/</tmp_path>
    <users_config>$dir/users.xml</users_config>
    <default_profile>default</default_profile>
    <default_database>default</default_database>
    <mark_cache_size>268435456</mark_cache_size>
    <max_concurrent_queries>100</max_concurrent_queries>
</yandex>
XML
cat > "$dir/users.xml" <<XML
<?xml version="1.0"?>
<yandex>
    <profiles><default><max_memory_usage>4000000000</max_memory_usage></default></profiles>
    <users><default><password></password><networks><ip>127.0.0.1</ip><ip>::1</ip></networks>
        <profile>default</profile><quota>default</quota></default></users>
    <quotas><default></default></quotas>
</yandex>
XML
"$server" --config-file="$dir/config.xml" >"$dir/log/stdout.log" 2>&1 &
pid=$!
for _ in $(seq 1 300); do
    if curl -fsS "http://127.0.0.1:$http_port/ping" 2>/dev/null | grep -q Ok; then
        echo "http://127.0.0.1:$http_port $pid $dir"
        exit 0
    fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
done
echo "clickhouse-local: server did not come up; log:" >&2
tail -20 "$dir/log/error.log" "$dir/log/stdout.log" >&2 || true
kill "$pid" 2>/dev/null || true
exit 1
