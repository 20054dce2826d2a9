#include "connectors/common/nlohmannjson.h"

#include "connectors/common/httpclient.h"

using namespace Qt::StringLiterals;

namespace Casefile::Connectors {

Result<nlohmann::json> parseNlohmann(const QByteArray &body, const QString &system)
{
    if (body.trimmed().isEmpty()) {
        return fail(Error::Code::Parse,
                    u"%1 answered with an empty body where JSON was expected"_s.arg(system));
    }
    try {
        return nlohmann::json::parse(body.constBegin(), body.constEnd());
    } catch (const nlohmann::json::parse_error &e) {
        return fail(
            Error::Code::Parse,
            u"%1 answered with malformed JSON: syntax error at byte %2"_s.arg(system).arg(e.byte),
            redact(QString::fromUtf8(body.left(300))));
    } catch (const std::exception &e) {
        return fail(Error::Code::Parse, u"%1 answered with malformed JSON: %2"_s.arg(
                                            system, QString::fromUtf8(e.what())));
    }
}

} // namespace Casefile::Connectors
