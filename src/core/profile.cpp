#include "core/profile.h"
#include "core/time.h"

#include <QFile>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace Casefile {

namespace {

const QStringList &knownSystems()
{
    static const QStringList systems = {
        u"helpdesk"_s,   u"clickhouse"_s, u"github"_s, u"linear"_s,  u"jira"_s, u"stripe"_s,
        u"statuspage"_s, u"pagerduty"_s,  u"docs"_s,   u"gateway"_s, u"llm"_s};
    return systems;
}

Result<SecretRef> parseSecret(const QJsonValue &value, bool sandbox, const QString &where)
{
    SecretRef ref;
    if (value.isUndefined() || value.isNull())
        return ref;
    const QJsonObject o = value.toObject();
    if (o.contains(u"keychain"_s)) {
        ref.where = SecretRef::Where::Keychain;
        ref.name = o.value(u"keychain"_s).toString();
    } else if (o.contains(u"env"_s)) {
        ref.where = SecretRef::Where::Environment;
        ref.name = o.value(u"env"_s).toString();
    } else if (o.contains(u"inline"_s)) {
        if (!sandbox) {
            return fail(Error::Code::InvalidInput,
                        u"%1: inline secrets are only allowed in sandbox profiles; store the "
                        u"secret in the keychain or an environment variable."_s.arg(where));
        }
        ref.where = SecretRef::Where::Inline;
        ref.value = o.value(u"inline"_s).toString();
    } else {
        return fail(Error::Code::InvalidInput,
                    u"%1: \"secret\" must be {\"keychain\": KEY}, {\"env\": VARIABLE} or, in a "
                    u"sandbox profile, {\"inline\": TOKEN}."_s.arg(where));
    }
    if (ref.where != SecretRef::Where::Inline && ref.name.isEmpty())
        return fail(Error::Code::InvalidInput, u"%1: the secret's name is empty."_s.arg(where));
    return ref;
}

} // namespace

Result<QString> resolveSecretWithoutKeychain(const ConnectionSettings &connection)
{
    const SecretRef &ref = connection.secret;
    switch (ref.where) {
    case SecretRef::Where::None:
        return QString();
    case SecretRef::Where::Inline:
        return ref.value;
    case SecretRef::Where::Environment: {
        const QByteArray value = qgetenv(ref.name.toLocal8Bit().constData());
        if (value.isEmpty()) {
            return fail(Error::Code::Unauthorized,
                        u"The %1 secret is expected in the environment variable %2, which is not "
                        u"set."_s.arg(connection.system, ref.name));
        }
        return QString::fromLocal8Bit(value);
    }
    case SecretRef::Where::Keychain:
        return fail(Error::Code::Keychain,
                    u"The %1 secret is in the OS keychain, which this command cannot reach."_s.arg(
                        connection.system));
    }
    return QString();
}

Result<WorkspaceProfile> parseProfile(const QByteArray &json, const QString &path)
{
    const QString file = path.isEmpty() ? u"profile"_s : path;
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError) {
        return fail(Error::Code::Parse,
                    u"%1: not valid JSON (%2 at byte %3)"_s.arg(file, error.errorString())
                        .arg(error.offset));
    }
    const QJsonObject root = doc.object();
    if (root.value(u"format"_s).toString() != QLatin1StringView(WorkspaceProfile::FormatId)) {
        return fail(Error::Code::InvalidInput,
                    u"%1: $.format must be \"%2\""_s.arg(
                        file, QLatin1StringView(WorkspaceProfile::FormatId)));
    }
    WorkspaceProfile profile;
    profile.path = path;
    profile.name = root.value(u"name"_s).toString();
    profile.sandbox = root.value(u"sandbox"_s).toBool(false);
    if (root.contains(u"now"_s)) {
        profile.now = fromIso(root.value(u"now"_s).toString());
        if (!profile.now.isValid())
            return fail(Error::Code::InvalidInput,
                        u"%1: $.now is not an ISO-8601 time"_s.arg(file));
    }
    if (root.contains(u"connections"_s) && !root.value(u"connections"_s).isObject())
        return fail(Error::Code::InvalidInput,
                    u"%1: $.connections must be an object (system name → settings)"_s.arg(file));
    const QJsonObject connections = root.value(u"connections"_s).toObject();
    for (auto it = connections.begin(); it != connections.end(); ++it) {
        const QString where = u"%1: $.connections.%2"_s.arg(file, it.key());
        if (!knownSystems().contains(it.key())) {
            return fail(Error::Code::InvalidInput, u"%1: unknown system (expected one of %2)"_s.arg(
                                                       where, knownSystems().join(u", "_s)));
        }
        const QJsonObject o = it.value().toObject();
        ConnectionSettings c;
        c.system = it.key();
        c.type = o.value(u"type"_s).toString(it.key());
        c.url = o.value(u"url"_s).toString();
        c.account = o.value(u"account"_s).toString();
        auto secret = parseSecret(o.value(u"secret"_s), profile.sandbox, where);
        if (!secret)
            return std::unexpected(secret.error());
        c.secret = *secret;
        c.options = o.value(u"options"_s).toObject();
        if (c.url.isEmpty())
            return fail(Error::Code::InvalidInput, u"%1.url is missing"_s.arg(where));
        profile.connections.insert(c.system, c);
    }
    return profile;
}

Result<WorkspaceProfile> loadProfile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return fail(Error::Code::NotFound,
                    u"Cannot open profile %1: %2"_s.arg(path, file.errorString()));
    }
    return parseProfile(file.readAll(), path);
}

QJsonObject profileToJson(const WorkspaceProfile &profile)
{
    QJsonObject connections;
    for (const ConnectionSettings &c : profile.connections) {
        QJsonObject o{{u"type"_s, c.type}, {u"url"_s, c.url}};
        if (!c.account.isEmpty())
            o.insert(u"account"_s, c.account);
        switch (c.secret.where) {
        case SecretRef::Where::None:
            break;
        case SecretRef::Where::Keychain:
            o.insert(u"secret"_s, QJsonObject{{u"keychain"_s, c.secret.name}});
            break;
        case SecretRef::Where::Environment:
            o.insert(u"secret"_s, QJsonObject{{u"env"_s, c.secret.name}});
            break;
        case SecretRef::Where::Inline:
            if (profile.sandbox)
                o.insert(u"secret"_s, QJsonObject{{u"inline"_s, c.secret.value}});
            break;
        }
        if (!c.options.isEmpty())
            o.insert(u"options"_s, c.options);
        connections.insert(c.system, o);
    }
    QJsonObject root{{u"format"_s, QString::fromLatin1(WorkspaceProfile::FormatId)},
                     {u"name"_s, profile.name},
                     {u"sandbox"_s, profile.sandbox},
                     {u"connections"_s, connections}};
    if (profile.now.isValid())
        root.insert(u"now"_s, toIsoUtc(profile.now));
    return root;
}

} // namespace Casefile
