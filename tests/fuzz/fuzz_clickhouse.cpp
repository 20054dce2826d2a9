// ClickHouse answers: JSON results of any server version, and error bodies.
#include "connectors/clickhouse/clickhouseresult.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    (void)Casefile::Connectors::ClickHouseResult::parse(bytes);
    return 0;
}
