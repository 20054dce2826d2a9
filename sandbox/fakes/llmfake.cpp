#include "sandbox/fakes/vendorfakes.h"

namespace Casefile::Sandbox {

using namespace Qt::StringLiterals;

namespace {

const QString Model = u"casefile-sandbox-1"_s;

QJsonObject openAiError(const QString &message, const QString &type, const QJsonValue &code,
                        const QJsonValue &param = QJsonValue::Null)
{
    return QJsonObject{{u"error"_s, QJsonObject{{u"message"_s, message},
                                                {u"type"_s, type},
                                                {u"param"_s, param},
                                                {u"code"_s, code}}}};
}

int tokenCount(const QString &text)
{
    // Roughly a token per four characters, never zero for non-empty text.
    return text.isEmpty() ? 0 : static_cast<int>(std::max<qsizetype>(1, (text.size() + 3) / 4));
}

QString messageText(const QJsonValue &content)
{
    if (content.isString())
        return content.toString();
    QString out;
    for (const QJsonValue &part : content.toArray()) {
        if (part.toObject().value(u"type"_s).toString() == u"text"_s)
            out += part.toObject().value(u"text"_s).toString() + u'\n';
    }
    return out;
}

} // namespace

LlmFake::LlmFake(FakeContext &context)
    : VendorFake(context)
{}

HttpResponse LlmFake::faultAnswer(int status)
{
    HttpResponse response;
    if (status == 429) {
        response = jsonAnswer(
            429, openAiError(u"Rate limit reached for requests. Please try again in 1s."_s,
                             u"requests"_s, u"rate_limit_exceeded"_s));
        response.setHeader("x-ratelimit-limit-requests"_ba, "500"_ba);
        response.setHeader("x-ratelimit-remaining-requests"_ba, "0"_ba);
        response.setHeader("x-ratelimit-reset-requests"_ba, "1s"_ba);
    } else {
        response = jsonAnswer(
            status,
            openAiError(
                u"The server had an error while processing your request. Sorry about that!"_s,
                u"server_error"_s, QJsonValue::Null));
    }
    return response;
}

HttpResponse LlmFake::answer(const HttpRequest &request)
{
    if (bearerToken(request) != m_context.token(u"llm"_s))
        return jsonAnswer(401, openAiError(u"Incorrect API key provided."_s,
                                           u"invalid_request_error"_s, u"invalid_api_key"_s));
    if (request.path == u"/v1/models"_s && request.method == "GET") {
        return jsonAnswer(
            200,
            QJsonObject{{u"object"_s, u"list"_s},
                        {u"data"_s, QJsonArray{QJsonObject{
                                        {u"id"_s, Model},
                                        {u"object"_s, u"model"_s},
                                        {u"created"_s, unixSeconds(m_context.now.addYears(-1))},
                                        {u"owned_by"_s, u"casefile"_s}}}}});
    }
    if (request.path != u"/v1/chat/completions"_s)
        return jsonAnswer(404, openAiError(u"Invalid URL (%1 %2)"_s.arg(
                                               QString::fromLatin1(request.method), request.path),
                                           u"invalid_request_error"_s, QJsonValue::Null));
    if (request.method != "POST")
        return jsonAnswer(405, openAiError(u"Use POST for chat completions."_s,
                                           u"invalid_request_error"_s, QJsonValue::Null));
    QJsonParseError error{};
    const QJsonObject body = QJsonDocument::fromJson(request.body, &error).object();
    if (error.error != QJsonParseError::NoError)
        return jsonAnswer(400, openAiError(u"We could not parse the JSON body of your request."_s,
                                           u"invalid_request_error"_s, QJsonValue::Null));
    const QJsonArray messages = body.value(u"messages"_s).toArray();
    if (messages.isEmpty())
        return jsonAnswer(400,
                          openAiError(u"'messages' must contain at least one message."_s,
                                      u"invalid_request_error"_s, QJsonValue::Null, u"messages"_s));
    // `model` is required by OpenAI's description; the API refuses a request without it
    if (!body.value(u"model"_s).isString() || body.value(u"model"_s).toString().isEmpty())
        return jsonAnswer(400, openAiError(u"you must provide a model parameter"_s,
                                           u"invalid_request_error"_s, QJsonValue::Null));
    const QString model = body.value(u"model"_s).toString();

    QString prompt;
    QString lastUser;
    for (const QJsonValue &m : messages) {
        const QString text = messageText(m.toObject().value(u"content"_s));
        prompt += text + u'\n';
        if (m.toObject().value(u"role"_s).toString() == u"user"_s)
            lastUser = text;
    }
    // Deterministic: the last user message, cleaned of control characters and extra spaces.
    QString content;
    for (const QChar c : std::as_const(lastUser)) {
        if (c == u'\n' || c == u'\t' ||
            (!c.isNonCharacter() && c.category() != QChar::Other_Control))
            content += c;
    }
    QStringList lines;
    for (const QString &line : content.split(u'\n'))
        lines.append(line.simplified());
    content = lines.join(u'\n').trimmed();
    while (content.contains(u"\n\n\n"_s))
        content.replace(u"\n\n\n"_s, u"\n\n"_s);
    QString finish = u"stop"_s;
    const int maxTokens =
        body.value(u"max_completion_tokens"_s).toInt(body.value(u"max_tokens"_s).toInt(0));
    if (maxTokens > 0 && tokenCount(content) > maxTokens) {
        content.truncate(static_cast<qsizetype>(maxTokens) * 4);
        finish = u"length"_s;
    }
    const int promptTokens = tokenCount(prompt);
    const int completionTokens = tokenCount(content);
    const QString id = u"chatcmpl-"_s + stableHex(model + prompt, 24);
    const qint64 created = QDateTime::currentSecsSinceEpoch();

    if (body.value(u"stream"_s).toBool()) {
        // Server-sent events: role, content, finish, [DONE].
        QByteArray events;
        const auto chunk = [&](const QJsonObject &delta, const QJsonValue &finishReason) {
            const QJsonObject c{
                {u"id"_s, id},
                {u"object"_s, u"chat.completion.chunk"_s},
                {u"created"_s, created},
                {u"model"_s, model},
                {u"choices"_s,
                 QJsonArray{QJsonObject{
                     {u"index"_s, 0}, {u"delta"_s, delta}, {u"finish_reason"_s, finishReason}}}}};
            events += "data: "_ba + compactJson(c) + "\n\n"_ba;
        };
        chunk(QJsonObject{{u"role"_s, u"assistant"_s}, {u"content"_s, u""_s}}, QJsonValue::Null);
        chunk(QJsonObject{{u"content"_s, content}}, QJsonValue::Null);
        chunk(QJsonObject{}, finish);
        events += "data: [DONE]\n\n"_ba;
        HttpResponse response;
        response.body = events;
        response.setHeader("Content-Type"_ba, "text/event-stream"_ba);
        return response;
    }

    HttpResponse response = jsonAnswer(
        200,
        QJsonObject{
            {u"id"_s, id},
            {u"object"_s, u"chat.completion"_s},
            {u"created"_s, created},
            {u"model"_s, model},
            {u"system_fingerprint"_s, u"fp_sandbox"_s},
            {u"choices"_s,
             QJsonArray{QJsonObject{{u"index"_s, 0},
                                    {u"message"_s, QJsonObject{{u"role"_s, u"assistant"_s},
                                                               {u"content"_s, content},
                                                               {u"refusal"_s, QJsonValue::Null}}},
                                    {u"logprobs"_s, QJsonValue::Null},
                                    {u"finish_reason"_s, finish}}}},
            {u"usage"_s, QJsonObject{{u"prompt_tokens"_s, promptTokens},
                                     {u"completion_tokens"_s, completionTokens},
                                     {u"total_tokens"_s, jv(promptTokens + completionTokens)}}}});
    response.setHeader("x-ratelimit-limit-requests"_ba, "500"_ba);
    response.setHeader("x-ratelimit-remaining-requests"_ba, "499"_ba);
    response.setHeader("openai-processing-ms"_ba, "1"_ba);
    return response;
}

} // namespace Casefile::Sandbox
