// The result document and workspace-profile parsers take files people send each other.
#include "core/investigationjson.h"
#include "core/profile.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    if (auto inv = Casefile::investigationFromJsonBytes(bytes))
        (void)Casefile::investigationToJsonBytes(*inv);
    (void)Casefile::parseProfile(bytes);
    return 0;
}
