// Playbook files come from users' folders and the editor: any bytes give diagnostics, never a
// crash.
#include "core/engine/playbooklibrary.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    (void)Casefile::PlaybookLibrary::validate(bytes, QStringLiteral("fuzz.json"));
    return 0;
}
