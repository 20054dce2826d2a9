#include "sandbox/fakes/vendorfakes.h"

namespace Casefile::Sandbox {

using namespace Qt::StringLiterals;

namespace {

QString uuid(const QString &seed)
{
    const QString h = stableHex(u"portkey:"_s + seed, 32);
    return h.mid(0, 8) + u'-' + h.mid(8, 4) + u"-4"_s + h.mid(13, 3) + u"-a"_s + h.mid(17, 3) +
           u'-' + h.mid(20, 12);
}

QJsonObject portkeyError(const QString &message)
{
    return QJsonObject{{u"success"_s, false}, {u"data"_s, QJsonObject{{u"message"_s, message}}}};
}

} // namespace

PortkeyFake::PortkeyFake(FakeContext &context)
    : VendorFake(context)
{
    for (const QJsonValue &v : context.scenario.value(u"gateway_configs"_s).toArray())
        m_configs.append(v.toObject());
}

QJsonObject PortkeyFake::summary(const QJsonObject &c) const
{
    // Only the fields of Portkey's config object: the scenario's own keys (its "org") become
    // the workspace id, as a real account would show them.
    const QString slug = c.value(u"id"_s).toString();
    const QString created = c.value(u"created_at"_s).toString(isoUtc(m_context.now.addDays(-30)));
    return QJsonObject{{u"id"_s, uuid(slug)},
                       {u"name"_s, c.value(u"name"_s).toString(slug)},
                       {u"slug"_s, slug},
                       {u"organisation_id"_s, uuid(u"org"_s)},
                       {u"workspace_id"_s, uuid(u"workspace:"_s + c.value(u"org"_s).toString())},
                       {u"is_default"_s, 0},
                       {u"status"_s, u"active"_s},
                       {u"owner_id"_s, uuid(u"owner"_s)},
                       {u"updated_by"_s, uuid(u"owner"_s)},
                       {u"created_at"_s, created},
                       {u"last_updated_at"_s, c.value(u"last_updated_at"_s).toString(created)}};
}

HttpResponse PortkeyFake::faultAnswer(int status)
{
    return jsonAnswer(status,
                      portkeyError(status == 429 ? u"Too many requests. Please try again later."_s
                                                 : u"Something went wrong"_s));
}

HttpResponse PortkeyFake::answer(const HttpRequest &request)
{
    if (QString::fromUtf8(request.header("x-portkey-api-key")) != m_context.token(u"gateway"_s))
        return jsonAnswer(401, portkeyError(u"Invalid API Key"_s));
    if (request.method != "GET" && request.method != "HEAD")
        return jsonAnswer(405, portkeyError(u"Method not allowed"_s));
    if (request.path == u"/v1/configs"_s) {
        QJsonArray data;
        for (const QJsonObject &c : std::as_const(m_configs))
            data.append(summary(c));
        return jsonAnswer(200, QJsonObject{{u"success"_s, true}, {u"data"_s, data}});
    }
    if (request.path.startsWith(u"/v1/configs/"_s)) {
        const QString slug = request.path.mid(12);
        for (const QJsonObject &c : std::as_const(m_configs)) {
            if (c.value(u"id"_s).toString() == slug || uuid(c.value(u"id"_s).toString()) == slug) {
                QJsonObject data = summary(c);
                data.insert(u"config"_s, c.value(u"config"_s).toObject());
                return jsonAnswer(200, QJsonObject{{u"success"_s, true}, {u"data"_s, data}});
            }
        }
        return jsonAnswer(404, portkeyError(u"Config not found"_s));
    }
    return jsonAnswer(404, portkeyError(u"Not found"_s));
}

} // namespace Casefile::Sandbox
