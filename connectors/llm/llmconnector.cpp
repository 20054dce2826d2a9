#include "connectors/llm/llmconnector.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace Casefile::Connectors {

namespace {

HttpClient::Options llmOptions(const QList<Result<QString>> &fallbackSecrets)
{
    HttpClient::Options o;
    for (const Result<QString> &secret : fallbackSecrets) {
        if (secret && !secret->isEmpty())
            o.secrets << *secret;
    }
    o.system = u"llm"_s;
    o.displayName = u"The LLM"_s;
    // Chat completions are the one POST, and they change nothing.
    o.policy = ReadOnlyPolicy::readsOnly().allow("POST"_ba, u".*/chat/completions"_s);
    o.maxRetries = 1;
    return o;
}

QList<HttpHeader> llmAuth(const ConnectionSettings &, const QString &secret)
{
    if (secret.isEmpty())
        return {};
    return {{"Authorization"_ba, "Bearer "_ba + secret.toUtf8()}};
}

} // namespace

LlmConnector::LlmConnector(ConnectionSettings settings, Result<QString> secret,
                           QList<Result<QString>> fallbackSecrets)
    : HttpConnector(std::move(settings), std::move(secret), llmOptions(fallbackSecrets), llmAuth)
    , m_fallbackSecrets(std::move(fallbackSecrets))
{}

QList<LlmConnector::Target> LlmConnector::targets() const
{
    const QJsonObject options = m_connection.options();
    const QUrl primary(m_connection.settings().url);
    QList<Target> out{{primary, options.value(u"model"_s).toString(), m_connection.secret()}};
    const QJsonArray fallback = options.value(u"fallback"_s).toArray();
    for (qsizetype i = 0; i < fallback.size(); ++i) {
        const QJsonObject o = fallback.at(i).toObject();
        const QUrl url(o.value(u"url"_s).toString());
        Result<QString> secret = QString();
        if (i < m_fallbackSecrets.size() &&
            (!m_fallbackSecrets.at(i) || !m_fallbackSecrets.at(i)->isEmpty()))
            secret = m_fallbackSecrets.at(i);
        else if (sameOrigin(url, primary))
            secret = m_connection.secret();
        out.append({url, o.value(u"model"_s).toString(out.first().model), secret});
    }
    return out;
}

Result<OperationOutput> LlmConnector::run(const OperationCall &call)
{
    if (call.operation != u"chat"_s)
        return std::unexpected(m_connection.unknownOperation(call.operation));
    auto prompt = Args::requiredString(call.args, u"prompt"_s);
    if (!prompt)
        return std::unexpected(prompt.error());
    const QString system = Args::string(call.args, u"system"_s);
    const int maxTokens = std::clamp(Args::integer(call.args, u"max_tokens"_s, 800), 1, 32000);
    const int timeoutMs =
        std::max(1000, m_connection.options().value(u"timeout_ms"_s).toInt(30000));
    const QList<Target> chain = targets();
    QStringList failures;
    for (qsizetype i = 0; i < chain.size(); ++i) {
        const Target &target = chain.at(i);
        if (call.limits.cancel.isCancelled())
            return fail(Error::Code::Cancelled, u"Cancelled while waiting for the LLM"_s);
        if (call.limits.deadline.hasExpired())
            break;
        if (!target.secret) {
            failures << target.secret.error().message;
            continue;
        }
        HttpRequest request;
        request.method = "POST"_ba;
        request.url = Connection::join(target.url, u"/chat/completions"_s);
        request.setHeader("Accept"_ba, "application/json"_ba);
        request.setHeader("User-Agent"_ba, "Casefile/0.1"_ba);
        for (const HttpHeader &h : llmAuth(m_connection.settings(), *target.secret))
            request.setHeader(h.first, h.second);
        QJsonArray messages;
        if (!system.isEmpty())
            messages.append(QJsonObject{{u"role"_s, u"system"_s}, {u"content"_s, system}});
        messages.append(QJsonObject{{u"role"_s, u"user"_s}, {u"content"_s, *prompt}});
        // max_completion_tokens: OpenAI deprecated max_tokens for it.
        QJsonObject body{{u"messages"_s, messages},
                         {u"max_completion_tokens"_s, maxTokens},
                         {u"temperature"_s, 0.2}};
        if (!target.model.isEmpty())
            body.insert(u"model"_s, target.model);
        request.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
        request.setHeader("Content-Type"_ba, "application/json"_ba);
        request.timeout = std::chrono::milliseconds(timeoutMs);
        request.idempotent = true; // a chat completion changes nothing; asking again is harmless
        auto root = m_connection.sendJson(request, call.limits);
        if (!root) {
            if (root.error().code == Error::Code::Cancelled)
                return std::unexpected(root.error());
            failures << root.error().message;
            continue;
        }
        const QString text = answerText(*root);
        if (text.isEmpty()) {
            failures << u"%1 answered without text"_s.arg(displayOrigin(target.url));
            continue;
        }
        OperationOutput out;
        out.outputs = {{u"text"_s, text},
                       {u"model"_s, root->value(u"model"_s).toString(target.model)},
                       {u"target"_s, int(i)},
                       {u"target_url"_s, QString(displayOrigin(target.url) + target.url.path())}};
        return out;
    }
    if (failures.isEmpty())
        return fail(Error::Code::Timeout, u"No LLM target answered before the deadline"_s);
    return fail(failures.size() == 1 ? Error::Code::Server : Error::Code::Unreachable,
                u"No LLM target answered: %1"_s.arg(failures.join(u"; "_s)));
}

QString LlmConnector::answerText(const QJsonObject &answer)
{
    const QJsonObject message =
        answer.value(u"choices"_s).toArray().first().toObject().value(u"message"_s).toObject();
    return message.value(u"content"_s).toString();
}

ConnectionCheck LlmConnector::testConnection(const WorkLimits &limits)
{
    if (auto problem = m_connection.urlProblem())
        return {false, *problem};
    const Target first = targets().first();
    auto root = m_connection.getJson(Connection::join(first.url, u"/models"_s), limits);
    if (!root)
        return m_connection.failedCheck(root.error());
    QStringList models;
    for (const QJsonValue &m : root->value(u"data"_s).toArray())
        models << m.toObject().value(u"id"_s).toString();
    if (!first.model.isEmpty() && !models.isEmpty() && !models.contains(first.model)) {
        return {false,
                u"Connected to the LLM at %1, but model %2 is not offered (%3)"_s.arg(
                    displayOrigin(first.url), first.model, truncated(models.join(u", "_s), 200))};
    }
    return {true,
            u"Connected to the LLM at %1%2"_s.arg(
                displayOrigin(first.url),
                first.model.isEmpty() ? QString() : u"; model "_s + first.model + u" available"_s)};
}

} // namespace Casefile::Connectors
