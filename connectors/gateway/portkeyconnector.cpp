#include "connectors/gateway/portkeyconnector.h"

#include "connectors/common/parallel.h"

#include <QJsonDocument>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace Casefile::Connectors {

namespace {

HttpClient::Options portkeyOptions()
{
    HttpClient::Options o;
    o.system = u"gateway"_s;
    o.displayName = u"Portkey"_s;
    return o;
}

QList<HttpHeader> portkeyAuth(const ConnectionSettings &, const QString &secret)
{
    if (secret.isEmpty())
        return {};
    return {{"x-portkey-api-key"_ba, secret.toUtf8()}};
}

// Keys whose values are credentials wherever they sit in a config (provider keys, AWS and
// Vertex credentials, custom auth headers). "max_tokens" and "virtual_key" (a reference to a
// key stored in Portkey, not the key) are not among them.
bool isSecretKey(const QString &key)
{
    static const QRegularExpression re(
        u"(^|[_-])(api[_-]?key|apikey|secret|secret[_-]?key|password|passwd|token|"
        u"access[_-]?token|auth[_-]?token|session[_-]?token|refresh[_-]?token|bearer|"
        u"authorization|credentials?|private[_-]?key|access[_-]?key([_-]?id)?|"
        u"client[_-]?secret)$"_s,
        QRegularExpression::CaseInsensitiveOption);
    return re.match(key).hasMatch();
}

// A value that is a credential by its look, whatever its key: "sk-…", "Bearer …".
bool looksLikeSecret(const QString &value)
{
    static const QRegularExpression re(
        u"^(bearer\\s+\\S{8,}|basic\\s+\\S{8,}|sk-[A-Za-z0-9_-]{16,}|sk_(live|test)_\\S{8,}|"
        u"(gh[pousr]|glpat|xox[bap])[_-][A-Za-z0-9_-]{16,}|AKIA[0-9A-Z]{16}|AIza[0-9A-Za-z_-]{30,})$"_s,
        QRegularExpression::CaseInsensitiveOption);
    return re.match(value.trimmed()).hasMatch();
}

} // namespace

QJsonValue PortkeyConnector::maskSecrets(const QJsonValue &value, const QString &key)
{
    if (value.isObject()) {
        QJsonObject o = value.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            it.value() = maskSecrets(it.value(), it.key());
        return o;
    }
    if (value.isArray()) {
        QJsonArray a = value.toArray();
        for (qsizetype i = 0; i < a.size(); ++i)
            a[i] = maskSecrets(a.at(i), key);
        return a;
    }
    if (value.isString() && !value.toString().isEmpty() &&
        ((!key.isEmpty() && isSecretKey(key)) || looksLikeSecret(value.toString())))
        return u"***"_s;
    if (value.isDouble() && !key.isEmpty() && isSecretKey(key))
        return u"***"_s;
    return value;
}

PortkeyConnector::PortkeyConnector(ConnectionSettings settings, Result<QString> secret)
    : HttpConnector(std::move(settings), std::move(secret), portkeyOptions(), portkeyAuth)
{}

Result<QJsonObject> PortkeyConnector::configData(const QJsonObject &answer, const QString &slug)
{
    const QJsonObject data =
        answer.value(u"data"_s).isObject() ? answer.value(u"data"_s).toObject() : answer;
    QJsonValue config = data.value(u"config"_s);
    if (config.isString()) { // some versions return the config as a JSON string
        const QJsonDocument parsed = QJsonDocument::fromJson(config.toString().toUtf8());
        if (parsed.isObject())
            config = parsed.object();
    }
    if (!config.isObject())
        return fail(Error::Code::Parse, u"Portkey answered without a config for %1"_s.arg(slug));
    // A config may carry provider keys: they never reach the evidence, the store or an export.
    config = maskSecrets(config);
    const QString configId = data.value(u"slug"_s).toString(slug);
    QString org = data.value(u"org"_s).toString();
    if (org.isEmpty())
        org = data.value(u"workspace_id"_s).toString();
    QJsonObject out{{u"ref"_s, QString(u"config:"_s + configId)},
                    {u"config_id"_s, configId},
                    {u"name"_s, data.value(u"name"_s).toString(configId)},
                    {u"org"_s, org},
                    {u"config"_s, config}};
    // when it was last edited: an edit just before the failures began is evidence
    const QString updated =
        data.value(u"last_updated_at"_s).toString(data.value(u"updated_at"_s).toString());
    if (!updated.isEmpty())
        out.insert(u"updated_at"_s, updated);
    return out;
}

namespace {

// The names and text values a config's targets set besides the model ("service_tier",
// "flex"), and the checks it runs on requests or answers ("before_request_hooks"), nested
// strategies too: what later steps look up in the documentation.
void collectSettings(const QJsonValue &node, QStringList &out)
{
    const QJsonObject o = node.toObject();
    for (const QString &key : routingConfigHookKeys()) {
        if (!o.value(key).toArray().isEmpty() && !out.contains(key))
            out.append(key);
    }
    const QJsonObject params = o.value(u"override_params"_s).toObject();
    for (auto it = params.begin(); it != params.end(); ++it) {
        if (it.key() == u"model"_s || it.key() == u"messages"_s)
            continue;
        if (!out.contains(it.key()))
            out.append(it.key());
        const QString value = it.value().toString();
        if (!value.isEmpty() && value.size() <= 40 && value != u"***"_s && !out.contains(value))
            out.append(value);
    }
    for (const QJsonValue &t : o.value(u"targets"_s).toArray())
        collectSettings(t, out);
}

} // namespace

Result<OperationOutput> PortkeyConnector::run(const OperationCall &call)
{
    if (call.operation != u"config"_s)
        return std::unexpected(m_connection.unknownOperation(call.operation));
    QStringList ids = Args::stringList(call.args, u"config_ids"_s);
    for (const QString &id : Args::stringList(call.args, u"config_id"_s)) {
        if (!ids.contains(id))
            ids.prepend(id);
    }
    ids.removeAll(QString());
    if (ids.isEmpty())
        return fail(Error::Code::InvalidInput, u"The argument \"config_id\" is missing"_s);
    if (ids.size() > 20)
        ids.resize(20);
    // Every config at once: one round trip however many the traffic used.
    QList<QUrl> urls;
    for (const QString &slug : std::as_const(ids))
        urls.append(m_connection.endpoint(u"/configs/"_s +
                                          QString::fromLatin1(QUrl::toPercentEncoding(slug))));
    const auto answers = inParallel(
        ids.size(), [&](qsizetype i) { return m_connection.getJson(urls.at(i), call.limits); });
    OperationOutput out;
    std::optional<Error> lastError;
    for (qsizetype i = 0; i < ids.size(); ++i) {
        const QString &slug = ids.at(i);
        const auto &root = answers.at(i);
        if (!root) {
            if (isFatal(root.error()))
                return std::unexpected(root.error());
            lastError = root.error();
            continue;
        }
        auto data = configData(*root, slug);
        if (!data) {
            lastError = data.error();
            continue;
        }
        const QString configId = data->value(u"config_id"_s).toString();
        out.evidence.append(makeEvidence(EvidenceKind::Config, u"gateway"_s,
                                         u"Routing config %1"_s.arg(configId),
                                         u"gateway:GET "_s + urls.at(i).path(), *data));
    }
    if (out.evidence.isEmpty() && lastError)
        return std::unexpected(*lastError);
    QStringList settings;
    for (const Evidence &e : std::as_const(out.evidence))
        collectSettings(e.data.value(u"config"_s), settings);
    out.outputs.insert(u"settings"_s, QJsonArray::fromStringList(settings));
    return out;
}

ConnectionCheck PortkeyConnector::testConnection(const WorkLimits &limits)
{
    if (auto problem = m_connection.urlProblem())
        return {false, *problem};
    auto root = m_connection.getJson(m_connection.endpoint(u"/configs"_s), limits);
    if (!root)
        return m_connection.failedCheck(root.error());
    const QJsonValue data = root->value(u"data"_s);
    return {true, u"Connected to Portkey; %1 routing configs visible"_s.arg(data.toArray().size())};
}

} // namespace Casefile::Connectors
