// Scenario files are hand-written: any bytes give an error with a JSON path, never a crash.
#include "sandbox/scenario.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    (void)Casefile::Sandbox::parseScenario(bytes, QStringLiteral("fuzz.json"));
    return 0;
}
