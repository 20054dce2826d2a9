#include "sandbox/fakes/vendorfakes.h"

#include <QRegularExpression>

namespace Casefile::Sandbox {

using namespace Qt::StringLiterals;

namespace {

constexpr int DefaultMaxResults = 50;
constexpr int MaxMaxResults = 5000;

QJsonObject jiraError(const QString &message)
{
    return QJsonObject{{u"errorMessages"_s, QJsonArray{message}}, {u"errors"_s, QJsonObject{}}};
}

QString jiraTime(const QDateTime &time)
{
    return time.toUTC().toString(u"yyyy-MM-ddTHH:mm:ss.zzz"_s) + u"+0000"_s;
}

QJsonObject adf(const QString &text)
{
    QJsonArray paragraphs;
    for (const QString &line : text.split(u'\n')) {
        QJsonArray content;
        if (!line.isEmpty())
            content.append(QJsonObject{{u"type"_s, u"text"_s}, {u"text"_s, line}});
        paragraphs.append(QJsonObject{{u"type"_s, u"paragraph"_s}, {u"content"_s, content}});
    }
    return QJsonObject{{u"type"_s, u"doc"_s}, {u"version"_s, 1}, {u"content"_s, paragraphs}};
}

QString adfText(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    QString out;
    const QJsonObject o = value.toObject();
    if (o.value(u"type"_s).toString() == u"text"_s)
        out += o.value(u"text"_s).toString();
    for (const QJsonValue &child : o.value(u"content"_s).toArray())
        out += adfText(child) + u' ';
    return out;
}

using Predicate = std::function<bool(const QJsonObject &)>;

// A JQL subset: clauses `field op value`, `field [NOT] IN (...)`, `field IS [NOT] EMPTY`,
// joined by AND / OR / NOT with parentheses, then ORDER BY.
class JqlReader
{
public:
    JqlReader(const QString &jql, const QDateTime &now)
        : m_now(now)
    {
        static const QRegularExpression token(
            u"\\s*(\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|!~|!=|>=|<=|[~=<>(),]|[^\\s~=<>!(),\"']+)"_s);
        qsizetype pos = 0;
        while (pos < jql.size()) {
            const auto m = token.match(jql, pos, QRegularExpression::NormalMatch,
                                       QRegularExpression::AnchorAtOffsetMatchOption);
            if (!m.hasMatch() || m.capturedLength(0) == 0) {
                if (jql.mid(pos).trimmed().isEmpty())
                    break;
                m_error =
                    u"Error in the JQL Query: The character '%1' is a reserved JQL character."_s
                        .arg(jql.mid(pos).trimmed().left(1));
                return;
            }
            m_tokens.append(m.captured(1));
            pos += m.capturedLength(0);
        }
    }

    Result<Predicate> parse(QString &orderField, bool &ascending)
    {
        if (!m_error.isEmpty())
            return fail(Error::Code::InvalidInput, m_error);
        Predicate predicate = [](const QJsonObject &) {
            return true;
        };
        if (!atEnd() && !isKeyword(u"ORDER"_s)) {
            auto p = orExpr();
            if (!p)
                return p;
            predicate = *p;
        }
        if (isKeyword(u"ORDER"_s)) {
            next();
            if (!isKeyword(u"BY"_s))
                return error(u"Expecting 'BY' after 'ORDER'"_s);
            next();
            orderField = next().toLower();
            if (isKeyword(u"ASC"_s) || isKeyword(u"DESC"_s))
                ascending = next().toUpper() == u"ASC"_s;
            while (peek() == u","_s) { // secondary sort keys are accepted and ignored
                next();
                next();
                if (isKeyword(u"ASC"_s) || isKeyword(u"DESC"_s))
                    next();
            }
        }
        if (!atEnd())
            return error(u"Expecting either 'OR' or 'AND' but got '%1'."_s.arg(peek()));
        return predicate;
    }

private:
    std::unexpected<Error> error(const QString &what) const
    {
        return fail(Error::Code::InvalidInput, u"Error in the JQL Query: "_s + what);
    }
    bool atEnd() const { return m_pos >= m_tokens.size(); }
    QString peek() const { return m_tokens.value(m_pos); }
    QString next() { return m_tokens.value(m_pos++); }
    bool isKeyword(const QString &k) const { return peek().compare(k, Qt::CaseInsensitive) == 0; }

    Result<Predicate> orExpr()
    {
        auto left = andExpr();
        if (!left)
            return left;
        Predicate p = *left;
        while (isKeyword(u"OR"_s)) {
            next();
            auto right = andExpr();
            if (!right)
                return right;
            p = [a = p, b = *right](const QJsonObject &i) {
                return a(i) || b(i);
            };
        }
        return p;
    }

    Result<Predicate> andExpr()
    {
        auto left = unary();
        if (!left)
            return left;
        Predicate p = *left;
        while (isKeyword(u"AND"_s)) {
            next();
            auto right = unary();
            if (!right)
                return right;
            p = [a = p, b = *right](const QJsonObject &i) {
                return a(i) && b(i);
            };
        }
        return p;
    }

    Result<Predicate> unary()
    {
        if (isKeyword(u"NOT"_s)) {
            next();
            auto inner = unary();
            if (!inner)
                return inner;
            return Predicate([p = *inner](const QJsonObject &i) { return !p(i); });
        }
        if (peek() == u"("_s) {
            next();
            auto inner = orExpr();
            if (!inner)
                return inner;
            if (next() != u")"_s)
                return error(u"Expecting ')'."_s);
            return inner;
        }
        return clause();
    }

    static QString unquote(const QString &v)
    {
        if (v.size() >= 2 && (v.startsWith(u'"') || v.startsWith(u'\'')))
            return v.mid(1, v.size() - 2).replace(u"\\\""_s, u"\""_s).replace(u"\\'"_s, u"'"_s);
        return v;
    }

    QDateTime dateValue(const QString &raw) const
    {
        static const QRegularExpression relative(u"^([-+]?)(\\d+)([wdhm])$"_s);
        if (const auto m = relative.match(raw); m.hasMatch()) {
            const qint64 n = m.captured(2).toLongLong() * (m.captured(1) == u"-"_s ? -1 : 1);
            const QChar unit = m.captured(3).at(0);
            const qint64 seconds = unit == u'w'   ? 604800
                                   : unit == u'd' ? 86400
                                   : unit == u'h' ? 3600
                                                  : 60;
            return m_now.addSecs(n * seconds);
        }
        if (raw.compare(u"now()"_s, Qt::CaseInsensitive) == 0 ||
            raw.compare(u"now"_s, Qt::CaseInsensitive) == 0)
            return m_now;
        return parseTime(raw);
    }

    static QStringList fieldValues(const QJsonObject &issue, const QString &field)
    {
        const QJsonObject f = issue.value(u"fields"_s).toObject();
        if (field == u"key"_s || field == u"issuekey"_s || field == u"issue"_s)
            return {issue.value(u"key"_s).toString()};
        if (field == u"id"_s)
            return {issue.value(u"id"_s).toString()};
        if (field == u"project"_s)
            return {f.value(u"project"_s).toObject().value(u"key"_s).toString(),
                    f.value(u"project"_s).toObject().value(u"name"_s).toString()};
        if (field == u"labels"_s) {
            QStringList labels;
            for (const QJsonValue &l : f.value(u"labels"_s).toArray())
                labels.append(l.toString());
            return labels;
        }
        if (field == u"statuscategory"_s) {
            const QJsonObject category =
                f.value(u"status"_s).toObject().value(u"statusCategory"_s).toObject();
            return {category.value(u"key"_s).toString(), category.value(u"name"_s).toString()};
        }
        if (field == u"description"_s)
            return {adfText(f.value(u"description"_s))};
        if (field == u"text"_s)
            return {f.value(u"summary"_s).toString() + u' ' + adfText(f.value(u"description"_s)) +
                    u' ' + adfText(f.value(u"environment"_s))};
        const QJsonValue v = f.value(field);
        if (v.isObject()) {
            const QJsonObject o = v.toObject();
            return {o.value(u"name"_s).toString(
                o.value(u"key"_s).toString(o.value(u"displayName"_s).toString()))};
        }
        if (v.isString())
            return {v.toString()};
        if (v.isDouble())
            return {QString::number(v.toDouble())};
        return {};
    }

    Result<Predicate> clause()
    {
        QString field = unquote(next()).toLower();
        if (field.isEmpty())
            return error(u"Expecting a field name."_s);
        if (field == u"createddate"_s)
            field = u"created"_s;
        if (field == u"updateddate"_s)
            field = u"updated"_s;
        QString op = next().toUpper();
        if (op == u"NOT"_s && isKeyword(u"IN"_s)) {
            next();
            op = u"NOT IN"_s;
        }
        if (op == u"IS"_s) {
            bool negate = false;
            if (isKeyword(u"NOT"_s)) {
                next();
                negate = true;
            }
            const QString what = next().toUpper();
            if (what != u"EMPTY"_s && what != u"NULL"_s)
                return error(u"Expecting EMPTY after IS."_s);
            return Predicate([field, negate](const QJsonObject &i) {
                const QStringList v = fieldValues(i, field);
                const bool empty =
                    v.isEmpty() ||
                    std::all_of(v.cbegin(), v.cend(), [](const QString &s) { return s.isEmpty(); });
                return negate ? !empty : empty;
            });
        }
        if (op == u"IN"_s || op == u"NOT IN"_s) {
            if (next() != u"("_s)
                return error(u"Expecting '(' after IN."_s);
            QStringList values;
            while (!atEnd() && peek() != u")"_s) {
                const QString v = next();
                if (v != u","_s)
                    values.append(unquote(v));
            }
            next();
            const bool negate = op == u"NOT IN"_s;
            return Predicate([field, values, negate](const QJsonObject &i) {
                bool hit = false;
                for (const QString &v : fieldValues(i, field))
                    hit = hit || values.contains(v, Qt::CaseInsensitive);
                return negate ? !hit : hit;
            });
        }
        static const QStringList ops{u"~"_s, u"!~"_s, u"="_s, u"!="_s,
                                     u">"_s, u">="_s, u"<"_s, u"<="_s};
        if (!ops.contains(op))
            return error(u"Expecting an operator after '%1' but got '%2'."_s.arg(field, op));
        if (atEnd())
            return error(u"Expecting a value after '%1 %2'."_s.arg(field, op));
        const QString value = unquote(next());
        if (field == u"created"_s || field == u"updated"_s || field == u"resolved"_s ||
            field == u"resolutiondate"_s) {
            const QDateTime bound = dateValue(value);
            if (!bound.isValid())
                return error(u"Date value '%1' for field '%2' is invalid."_s.arg(value, field));
            const QString key = field == u"resolved"_s ? u"resolutiondate"_s : field;
            return Predicate([key, op, bound](const QJsonObject &i) {
                const QDateTime t =
                    parseTime(i.value(u"fields"_s).toObject().value(key).toString());
                if (!t.isValid())
                    return false;
                if (op == u">"_s)
                    return t > bound;
                if (op == u">="_s)
                    return t >= bound;
                if (op == u"<"_s)
                    return t < bound;
                if (op == u"<="_s)
                    return t <= bound;
                if (op == u"!="_s)
                    return t != bound;
                return t == bound;
            });
        }
        if (op == u"~"_s || op == u"!~"_s) {
            // Text search: every word of the value appears (Jira's stemming is not modelled).
            const QStringList words = searchWords(value);
            const bool negate = op == u"!~"_s;
            return Predicate([field, words, negate](const QJsonObject &i) {
                const QString text = fieldValues(i, field).join(u' ').toLower();
                const QStringList have = searchWords(text);
                bool all = !words.isEmpty();
                for (const QString &w : words)
                    all = all && (have.contains(w) || (w.size() >= 4 && text.contains(w)));
                return negate ? !all : all;
            });
        }
        return Predicate([field, op, value](const QJsonObject &i) {
            const QStringList values = fieldValues(i, field);
            bool equal = false;
            for (const QString &v : values)
                equal = equal || v.compare(value, Qt::CaseInsensitive) == 0;
            if (op == u"="_s)
                return equal;
            if (op == u"!="_s)
                return !equal;
            const double a = values.value(0).toDouble();
            const double b = value.toDouble();
            if (op == u">"_s)
                return a > b;
            if (op == u">="_s)
                return a >= b;
            if (op == u"<"_s)
                return a < b;
            return a <= b;
        });
    }

    QStringList m_tokens;
    qsizetype m_pos = 0;
    QString m_error;
    QDateTime m_now;
};

} // namespace

JiraFake::JiraFake(FakeContext &context)
    : VendorFake(context)
{
    const QJsonArray issues = context.section(u"jira"_s).value(u"issues"_s).toArray();
    int n = 0;
    for (const QJsonValue &value : issues) {
        const QJsonObject source = value.toObject();
        const QString key = source.value(u"key"_s).toString();
        const QString id = source.contains(u"id"_s) ? source.value(u"id"_s).toVariant().toString()
                                                    : QString::number(10001 + n);
        ++n;
        QJsonObject fields = source.value(u"fields"_s).toObject();
        const QString projectKey = key.section(u'-', 0, 0);
        QJsonObject status = fields.value(u"status"_s).toObject();
        if (!status.contains(u"statusCategory"_s)) {
            const QString name = status.value(u"name"_s).toString().toLower();
            const bool done = name == u"done"_s || name == u"closed"_s || name == u"resolved"_s;
            const bool progress = name.contains(u"progress"_s) || name.contains(u"review"_s);
            status.insert(u"statusCategory"_s,
                          QJsonObject{{u"key"_s, done       ? u"done"_s
                                                 : progress ? u"indeterminate"_s
                                                            : u"new"_s},
                                      {u"name"_s, done       ? u"Done"_s
                                                  : progress ? u"In Progress"_s
                                                             : u"To Do"_s}});
        }
        fields = withDefaults(
            QJsonObject{
                {u"summary"_s, u""_s},
                {u"labels"_s, QJsonArray{}},
                {u"issuetype"_s, QJsonObject{{u"name"_s, u"Bug"_s}, {u"subtask"_s, false}}},
                {u"project"_s, QJsonObject{{u"key"_s, projectKey}, {u"name"_s, projectKey}}},
                {u"priority"_s, QJsonObject{{u"name"_s, u"Medium"_s}}},
                {u"assignee"_s, QJsonValue::Null},
                {u"resolution"_s, QJsonValue::Null},
                {u"resolutiondate"_s, QJsonValue::Null},
                {u"description"_s, QJsonValue::Null}},
            fields);
        fields.insert(u"status"_s, status);
        for (const QString &timeKey : {u"created"_s, u"updated"_s, u"resolutiondate"_s}) {
            const QDateTime t = parseTime(fields.value(timeKey).toString());
            if (t.isValid())
                fields.insert(timeKey, jiraTime(t));
        }
        if (!fields.contains(u"updated"_s) || fields.value(u"updated"_s).isNull())
            fields.insert(u"updated"_s, fields.value(u"created"_s));
        if (fields.value(u"description"_s).isString())
            fields.insert(u"description"_s, adf(fields.value(u"description"_s).toString()));
        QJsonObject issue = withDefaults(QJsonObject{{u"id"_s, id}, {u"key"_s, key}}, source);
        issue.insert(u"id"_s, id);
        issue.insert(u"fields"_s, fields);
        m_issues.append(issue);
    }
}

HttpResponse JiraFake::faultAnswer(int status)
{
    HttpResponse response;
    if (status == 429) {
        response = jsonAnswer(429, jiraError(u"Rate limit exceeded."_s));
        response.setHeader("X-RateLimit-Limit"_ba, "100"_ba);
        response.setHeader("X-RateLimit-Remaining"_ba, "0"_ba);
        response.setHeader("X-RateLimit-Reset"_ba, QDateTime::currentDateTimeUtc()
                                                       .addSecs(60)
                                                       .toString(u"yyyy-MM-ddTHH:mm'Z'"_s)
                                                       .toLatin1());
        response.setHeader("RateLimit-Reason"_ba, "jira-burst-based"_ba);
    } else {
        response = jsonAnswer(status, jiraError(u"Internal server error"_s));
    }
    return response;
}

HttpResponse JiraFake::answer(const HttpRequest &request)
{
    HttpResponse response;
    const auto credentials = basicCredentials(request);
    if (!credentials || credentials->first != m_context.agentEmail ||
        credentials->second != m_context.token(u"jira"_s)) {
        response =
            jsonAnswer(401, jiraError(u"Client must be authenticated to access this resource."_s));
        response.setHeader("WWW-Authenticate"_ba, "Basic realm=\"protected-area\""_ba);
    } else if (request.path == u"/rest/api/3/search/jql"_s &&
               (request.method == "GET" || request.method == "HEAD")) {
        QStringList fields;
        for (const QString &f : request.queryValues(u"fields"_s))
            fields += f.split(u',', Qt::SkipEmptyParts);
        response = searchJql(request.queryValue(u"jql"_s), fields,
                             request.hasQuery(u"maxResults"_s)
                                 ? request.queryValue(u"maxResults"_s).toInt()
                                 : DefaultMaxResults,
                             request.queryValue(u"nextPageToken"_s));
    } else if (request.path == u"/rest/api/3/search/jql"_s && request.method == "POST") {
        QJsonParseError error{};
        const QJsonObject body = QJsonDocument::fromJson(request.body, &error).object();
        if (error.error != QJsonParseError::NoError) {
            response = jsonAnswer(
                400,
                jiraError(
                    u"Invalid request payload. Refer to the REST API documentation and try again."_s));
        } else {
            QStringList fields;
            for (const QJsonValue &f : body.value(u"fields"_s).toArray())
                fields.append(f.toString());
            response =
                searchJql(body.value(u"jql"_s).toString(), fields,
                          body.contains(u"maxResults"_s) ? body.value(u"maxResults"_s).toInt()
                                                         : DefaultMaxResults,
                          body.value(u"nextPageToken"_s).toString());
        }
    } else if (request.path == u"/rest/api/3/search"_s || request.path == u"/rest/api/2/search"_s) {
        response = jsonAnswer(
            410,
            jiraError(
                u"The requested API has been removed. Please migrate to the /rest/api/3/search/jql API."_s));
    } else if (request.path.startsWith(u"/rest/api/3/issue/"_s) && request.method == "GET") {
        const QString ref = request.path.mid(18);
        response = jsonAnswer(
            404, jiraError(u"Issue does not exist or you do not have permission to see it."_s));
        for (const QJsonObject &issue : std::as_const(m_issues)) {
            if (issue.value(u"key"_s).toString() == ref || issue.value(u"id"_s).toString() == ref) {
                QJsonObject out = issue;
                out.insert(u"self"_s, jv(m_context.base(u"jira"_s) + u"/rest/api/3/issue/"_s +
                                         issue.value(u"id"_s).toString()));
                response = jsonAnswer(200, out);
            }
        }
    } else {
        response = jsonAnswer(404, jiraError(u"No resource found at "_s + request.path));
    }
    response.setHeader("X-RateLimit-Limit"_ba, "100"_ba);
    response.setHeader("X-RateLimit-Remaining"_ba, "99"_ba);
    response.setHeader(
        "X-AREQUESTID"_ba,
        stableHex(QString::number(m_context.sinceStart.nsecsElapsed()), 12).toLatin1());
    return response;
}

HttpResponse JiraFake::searchJql(const QString &jql, const QStringList &fields, int maxResults,
                                 const QString &pageToken)
{
    if (jql.trimmed().isEmpty() || jql.trimmed().startsWith(u"ORDER BY"_s, Qt::CaseInsensitive))
        return jsonAnswer(
            400,
            jiraError(
                u"Unbounded JQL queries are not allowed here. Please add a search restriction to your query."_s));
    QString orderField = u"created"_s;
    bool ascending = false;
    JqlReader reader(jql, m_context.now);
    const auto predicate = reader.parse(orderField, ascending);
    if (!predicate)
        return jsonAnswer(400, jiraError(predicate.error().message));
    QList<QJsonObject> hits;
    for (const QJsonObject &issue : std::as_const(m_issues)) {
        if ((*predicate)(issue))
            hits.append(issue);
    }
    std::stable_sort(hits.begin(), hits.end(), [&](const QJsonObject &a, const QJsonObject &b) {
        const auto value = [&](const QJsonObject &i) {
            if (orderField == u"key"_s)
                return i.value(u"key"_s).toString();
            const QDateTime t =
                parseTime(i.value(u"fields"_s).toObject().value(orderField).toString());
            return t.isValid()
                       ? isoUtc(t)
                       : i.value(u"fields"_s).toObject().value(orderField).toVariant().toString();
        };
        return ascending ? value(a) < value(b) : value(a) > value(b);
    });
    const int limit = std::clamp(maxResults, 1, MaxMaxResults);
    qsizetype start = 0;
    if (!pageToken.isEmpty()) {
        start = decodeCursor(pageToken);
        if (start < 0)
            return jsonAnswer(400,
                              jiraError(u"The provided next page token is invalid or expired."_s));
    }
    const bool all = fields.contains(u"*all"_s) || fields.contains(u"*navigable"_s);
    QJsonArray issues;
    for (const QJsonObject &issue : hits.mid(start, limit)) {
        QJsonObject out{
            {u"expand"_s,
             u"renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations"_s},
            {u"id"_s, issue.value(u"id"_s)},
            {u"key"_s, issue.value(u"key"_s)},
            {u"self"_s, jv(m_context.base(u"jira"_s) + u"/rest/api/3/issue/"_s +
                           issue.value(u"id"_s).toString())}};
        if (!fields.isEmpty()) {
            const QJsonObject source = issue.value(u"fields"_s).toObject();
            QJsonObject selected;
            for (auto it = source.begin(); it != source.end(); ++it) {
                if (all || fields.contains(it.key()))
                    selected.insert(it.key(), it.value());
            }
            out.insert(u"fields"_s, selected);
        }
        issues.append(out);
    }
    QJsonObject body{{u"issues"_s, issues}, {u"isLast"_s, jv(start + limit >= hits.size())}};
    if (start + limit < hits.size())
        body.insert(u"nextPageToken"_s, encodeCursor(start + limit));
    return jsonAnswer(200, body);
}

} // namespace Casefile::Sandbox
