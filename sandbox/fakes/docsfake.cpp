#include "sandbox/fakes/vendorfakes.h"

namespace Casefile::Sandbox {

using namespace Qt::StringLiterals;

namespace {

constexpr int DefaultLimit = 10;
constexpr int SnippetChars = 200;

QJsonObject docsError(const QString &error, const QString &message)
{
    return QJsonObject{{u"error"_s, error}, {u"message"_s, message}};
}

} // namespace

DocsFake::DocsFake(FakeContext &context)
    : VendorFake(context)
{
    for (const QJsonValue &v : context.scenario.value(u"docs"_s).toArray())
        m_pages.append(v.toObject());
}

HttpResponse DocsFake::faultAnswer(int status)
{
    HttpResponse response =
        jsonAnswer(status, status == 429 ? docsError(u"rate_limited"_s, u"Too many requests"_s)
                                         : docsError(u"internal"_s, u"Internal error"_s));
    if (status == 429) {
        response.setHeader("X-RateLimit-Limit"_ba, "600"_ba);
        response.setHeader("X-RateLimit-Remaining"_ba, "0"_ba);
    }
    return response;
}

HttpResponse DocsFake::answer(const HttpRequest &request)
{
    // Bearer auth is optional; a wrong token is still refused.
    const QByteArray auth = request.header("Authorization");
    if (!auth.isEmpty() && bearerToken(request) != m_context.token(u"docs"_s))
        return jsonAnswer(401, docsError(u"unauthorized"_s, u"Invalid token"_s));
    if (request.method != "GET" && request.method != "HEAD")
        return jsonAnswer(405, docsError(u"method_not_allowed"_s, u"Only GET is served"_s));

    if (request.path == u"/api/search"_s) {
        const QStringList words = searchWords(request.queryValue(u"q"_s));
        if (words.isEmpty())
            return jsonAnswer(400, docsError(u"bad_request"_s, u"q is required"_s));
        const int limit = std::clamp(
            request.hasQuery(u"limit"_s) ? request.queryValue(u"limit"_s).toInt() : DefaultLimit, 1,
            100);
        QList<QPair<double, QJsonObject>> scored;
        for (const QJsonObject &page : std::as_const(m_pages)) {
            const QString title = page.value(u"title"_s).toString();
            const QString body = page.value(u"body"_s).toString();
            const QString path = page.value(u"path"_s).toString();
            const QStringList titleWords = searchWords(title);
            const QStringList bodyWords = searchWords(body);
            const QStringList pathWords =
                searchWords(QString(path).replace(u'/', u' ').replace(u'-', u' '));
            double score = 0;
            qsizetype firstHit = -1;
            for (const QString &w : words) {
                score +=
                    3.0 * titleWords.count(w) + 2.0 * pathWords.count(w) + 1.0 * bodyWords.count(w);
                const qsizetype at = body.indexOf(w, 0, Qt::CaseInsensitive);
                if (at >= 0 && (firstHit < 0 || at < firstHit))
                    firstHit = at;
            }
            if (score <= 0)
                continue;
            const qsizetype start = std::max<qsizetype>(0, firstHit - SnippetChars / 4);
            QString snippet = body.mid(start, SnippetChars).simplified();
            if (start > 0)
                snippet.prepend(u"…"_s);
            if (start + SnippetChars < body.size())
                snippet.append(u"…"_s);
            QJsonObject hit{{u"path"_s, path},
                            {u"title"_s, title},
                            {u"snippet"_s, snippet},
                            {u"score"_s, score}};
            // include=body: the whole page with each hit, so no fetch has to follow.
            if (request.queryValue(u"include"_s) == u"body"_s)
                hit.insert(u"body"_s, body);
            scored.append({score, hit});
        }
        std::stable_sort(scored.begin(), scored.end(),
                         [](const auto &a, const auto &b) { return a.first > b.first; });
        QJsonArray results;
        for (const auto &s : scored.mid(0, limit))
            results.append(s.second);
        return jsonAnswer(200, QJsonObject{{u"results"_s, results}, {u"total"_s, scored.size()}});
    }
    if (request.path == u"/api/pages"_s) {
        const QString path = request.queryValue(u"path"_s);
        for (const QJsonObject &page : std::as_const(m_pages)) {
            if (page.value(u"path"_s).toString() == path)
                return jsonAnswer(200, page);
        }
        return jsonAnswer(404, docsError(u"not_found"_s, u"No page at "_s + path));
    }
    return jsonAnswer(404, docsError(u"not_found"_s, u"No route "_s + request.path));
}

} // namespace Casefile::Sandbox
