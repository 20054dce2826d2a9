// Hostile ticket texts (tests/engine/data/hostile/ plus a generated paste over 1 MiB) through
// everything that touches a ticket's words before a human reads them: the classifier, the
// parameter binder, the ClickHouse connector's SQL and the diagnosis renderer. Nothing may
// crash, change a query's structure, or reach the HTML as a live tag, a remote URL or a
// javascript: link. Malformed profiles and API answers give one clear line.
#include "../connectors/stubserver.h"
#include "connectors/clickhouse/clickhouseconnector.h"
#include "connectors/helpdesk/zendeskconnector.h"
#include "core/analysis.h"
#include "core/analysis/markdown.h"
#include "core/engine/classifier.h"
#include "core/engine/parameterbinder.h"
#include "core/engine/playbooklibrary.h"
#include "core/profile.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTest>
#include <QTimeZone>

using namespace Qt::StringLiterals;
using namespace Casefile;
using namespace Casefile::Connectors;
using Casefile::Tests::StubServer;

namespace {

constexpr qsizetype HugePasteBytes = 1024 * 1024 + 4096;

QByteArray hugePaste()
{
    // A pasted log: quotes, HTML, Markdown and SQL on every line, well over 1 MiB.
    const QByteArray line =
        "2026-11-20T09:00:00Z ERROR req_1 org_acme' OR 1=1 -- <img src=http://remote.example/x> "
        "![](http://remote.example/p.png) [x](javascript:alert(1)) {\"status\":503} \xe2\x80\xae\n"_ba;
    QByteArray out;
    out.reserve(HugePasteBytes + line.size());
    while (out.size() < HugePasteBytes)
        out += line;
    return out;
}

struct Entry
{
    QString name;
    QByteArray bytes;
};

QList<Entry> corpus()
{
    QList<Entry> entries;
    const QDir dir(QFINDTESTDATA("data/hostile"));
    for (const QString &name : dir.entryList(QDir::Files, QDir::Name)) {
        QFile f(dir.filePath(name));
        if (f.open(QIODevice::ReadOnly))
            entries.append({name, f.readAll()});
    }
    entries.append({u"huge-paste (generated)"_s, hugePaste()});
    return entries;
}

Ticket hostileTicket(const QString &text)
{
    Ticket t;
    t.id = u"4242"_s;
    t.subject = text.left(300);
    t.description = text;
    t.status = u"open"_s;
    t.requesterName = text.left(120);
    t.requesterEmail = u"someone@acme.example"_s;
    t.orgName = text.left(120);
    t.tags = {text.left(40)};
    t.createdAt = QDateTime(QDate(2026, 11, 20), QTime(10, 0), QTimeZone::utc());
    t.updatedAt = t.createdAt;
    return t;
}

// Reads back one ClickHouse string literal starting at `at` (the opening quote); returns the
// value and moves `at` past the closing quote. Empty optional when the literal is malformed.
std::optional<QString> unquote(const QString &sql, qsizetype &at)
{
    if (at >= sql.size() || sql.at(at) != u'\'')
        return std::nullopt;
    QString value;
    for (qsizetype i = at + 1; i < sql.size(); ++i) {
        const QChar c = sql.at(i);
        if (c == u'\'') {
            at = i + 1;
            return value;
        }
        if (c != u'\\') {
            value += c;
            continue;
        }
        if (++i >= sql.size())
            return std::nullopt;
        // The escapes ClickHouseSql::quote() writes: \\ \' \n \r \t \0 \b \f and \xHH.
        static const QString escaped = u"\\'nrt0bf"_s;
        static const QString meant = QString(u"\\'\n\r\t"_s) + QChar(0) + u"\b\f"_s;
        if (const qsizetype k = escaped.indexOf(sql.at(i)); k >= 0) {
            value += meant.at(k);
            continue;
        }
        if (sql.at(i) != u'x')
            return std::nullopt;
        bool ok = false;
        const int code = sql.mid(i + 1, 2).toInt(&ok, 16);
        if (!ok)
            return std::nullopt;
        value += QChar(code);
        i += 2;
    }
    return std::nullopt;
}

// The SQL with every string literal replaced by '?', and the literals in order.
std::pair<QString, QStringList> splitLiterals(const QString &sql, bool *ok)
{
    QString shape;
    QStringList literals;
    *ok = true;
    for (qsizetype i = 0; i < sql.size();) {
        if (sql.at(i) != u'\'') {
            shape += sql.at(i++);
            continue;
        }
        auto literal = unquote(sql, i);
        if (!literal) {
            *ok = false;
            return {};
        }
        literals << *literal;
        shape += u'?';
    }
    return {shape, literals};
}

// What must never appear in HTML made from a ticket's words.
QStringList htmlProblems(const QString &html)
{
    QStringList problems;
    static const QRegularExpression tag(u"<\\s*/?\\s*([A-Za-z0-9!?]+)([^>]*)>"_s);
    static const QStringList allowed = {u"p"_s,   u"h1"_s, u"h2"_s,     u"h3"_s,  u"h4"_s,
                                        u"h5"_s,  u"h6"_s, u"strong"_s, u"em"_s,  u"code"_s,
                                        u"pre"_s, u"ul"_s, u"ol"_s,     u"li"_s,  u"blockquote"_s,
                                        u"hr"_s,  u"br"_s, u"div"_s,    u"span"_s};
    for (auto it = tag.globalMatch(html); it.hasNext();) {
        const auto m = it.next();
        const QString name = m.captured(1).toLower();
        if (!allowed.contains(name))
            problems << u"live tag <%1>"_s.arg(name);
        const QString attributes = m.captured(2).toLower();
        for (const QString &bad : {u"src"_s, u"href"_s, u"on"_s, u"style"_s, u"url("_s,
                                   u"javascript:"_s, u"http"_s, u"data:"_s}) {
            if (attributes.contains(bad))
                problems << u"attribute with \"%1\" in <%2%3>"_s.arg(bad, name,
                                                                     attributes.left(60));
        }
    }
    // Every '<' left must start one of the tags checked above.
    qsizetype tags = 0;
    for (auto it = tag.globalMatch(html); it.hasNext(); it.next())
        ++tags;
    if (html.count(u'<') != tags)
        problems << u"a '<' that is not an allowed tag"_s;
    return problems;
}

QByteArray clickHouseVersion(const QByteArray &version)
{
    return R"({"meta":[{"name":"v","type":"String"}],"data":[{"v":")"_ba + version +
           R"("}],"rows":1})"_ba;
}

const QByteArray ClickHouseEmpty = R"({"meta":[],"data":[],"rows":0})"_ba;

} // namespace

class TestHostileInput final : public QObject
{
    Q_OBJECT

    PlaybookLibrary m_library;
    int m_tried = 0;

    // Runs one ClickHouse operation against a stub that answers every query with an empty
    // result; returns the SQL of the operation's queries (the version probe left out).
    QStringList operationSql(const QString &operation, const QJsonObject &args,
                             const QByteArray &version,
                             QList<QList<std::pair<QByteArray, QByteArray>>> *queryItems = nullptr)
    {
        StubServer server;
        const QByteArray versionAnswer = clickHouseVersion(version);
        server.respond([versionAnswer](const StubServer::Request &r) {
            return StubServer::json(r.body.startsWith("SELECT version()") ? versionAnswer
                                                                          : ClickHouseEmpty);
        });
        ConnectionSettings s;
        s.system = u"clickhouse"_s;
        s.type = u"clickhouse"_s;
        s.url = QString::fromLatin1(server.baseUrl());
        s.account = u"default"_s;
        s.options = {{u"database"_s, u"logs"_s}};
        ClickHouseConnector connector(s, u"password"_s);
        OperationCall call;
        call.stepId = u"s1"_s;
        call.operation = operation;
        call.args = args;
        call.limits.deadline = QDeadlineTimer(30000);
        // A connection that knows its server's version (a fresh one sends quoted literals while
        // it asks, whatever the version).
        (void)connector.serverVersion(call.limits);
        (void)connector.run(call); // an empty answer may be an error; only the SQL matters
        QStringList sql;
        for (const StubServer::Request &r : server.requests()) {
            const QString body = QString::fromUtf8(r.body);
            // the version and the table's layout are asked beside the step, in any order; they
            // carry only the connection's own database and table names
            if (body.startsWith(u"SELECT version()"_s) ||
                body.startsWith(u"SELECT engine, partition_key"_s) ||
                body.startsWith(u"SELECT name, type FROM system.columns"_s))
                continue;
            sql << body;
            if (queryItems) {
                QList<std::pair<QByteArray, QByteArray>> items;
                const QByteArray query = r.target.mid(r.target.indexOf('?') + 1);
                for (const QByteArray &item : query.split('&')) {
                    const qsizetype eq = item.indexOf('=');
                    items.append(
                        {item.left(eq), QByteArray::fromPercentEncoding(item.mid(eq + 1))});
                }
                queryItems->append(items);
            }
        }
        return sql;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        // The connectors log every query at debug level; a megabyte of SQL per row is noise.
        QLoggingCategory::setFilterRules(u"casefile.*.debug=false"_s);
        m_library = PlaybookLibrary::load({}, false);
        QVERIFY(!m_library.playbooks().isEmpty());
    }

    void cleanupTestCase()
    {
        // The figure the durability and safety checks report.
        qInfo("hostile inputs: %d tried", m_tried);
    }

    void corpusIsComplete()
    {
        const QList<Entry> entries = corpus();
        QVERIFY2(entries.size() >= 30, qPrintable(QString::number(entries.size())));
        qsizetype largest = 0;
        bool invalidUtf8 = false;
        for (const Entry &e : entries) {
            largest = std::max(largest, e.bytes.size());
            invalidUtf8 = invalidUtf8 || !QUtf8StringView(e.bytes).isValidUtf8();
        }
        QVERIFY(largest >= 1024 * 1024);
        QVERIFY(invalidUtf8);
    }

    void pipeline_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        for (const Entry &e : corpus())
            QTest::newRow(qPrintable(e.name)) << e.bytes;
    }

    void pipeline()
    {
        QFETCH(QByteArray, bytes);
        ++m_tried;
        const QString text = QString::fromUtf8(bytes);
        const Ticket ticket = hostileTicket(text);

        // Classifier: a choice or none, never a crash; the reason is text, not markup.
        const Classifier classifier(m_library.playbooks());
        const PlaybookChoice choice = classifier.classify(ticket);
        if (!choice.name.isEmpty())
            QVERIFY(m_library.find(choice.name));
        (void)classifier.scores(ticket);

        // Binder: the window stays sane whatever the words say.
        const QList<Organisation> orgs = {{u"org_acme"_s, u"Acme"_s, {u"acme.example"_s}, {}}};
        const QDateTime now(QDate(2026, 11, 20), QTime(12, 0), QTimeZone::utc());
        const BoundParameters params = ParameterBinder::bind(ticket, orgs, now);
        QVERIFY(params.window.isValid());
        QVERIFY(params.window.to <= now);
        QCOMPARE(params.org, u"org_acme"_s);

        // ClickHouse: the text as every filter, in literal mode (servers before 19.11). The
        // statement with the hostile text has the same shape as with a plain word, and every
        // literal reads back exactly.
        const QString value = text.left(64 * 1024); // a filter of 64 KiB is plenty
        const auto args = [](const QString &v) {
            return QJsonObject{{u"org"_s, v},
                               {u"from"_s, u"2026-11-20T09:00:00Z"_s},
                               {u"to"_s, u"2026-11-20T10:00:00Z"_s},
                               {u"route"_s, v},
                               {u"provider"_s, v},
                               {u"model"_s, v},
                               {u"sdk"_s, v}};
        };
        for (const QString &operation : {u"traffic_overview"_s, u"latency_series"_s}) {
            const QStringList plain = operationSql(operation, args(u"placeholder"_s), "18.16.1");
            const QStringList hostile = operationSql(operation, args(value), "18.16.1");
            QVERIFY(!plain.isEmpty());
            QCOMPARE(hostile.size(), plain.size());
            for (qsizetype i = 0; i < plain.size(); ++i) {
                bool okPlain = false;
                bool okHostile = false;
                const auto [plainShape, plainLiterals] = splitLiterals(plain.at(i), &okPlain);
                const auto [hostileShape, hostileLiterals] =
                    splitLiterals(hostile.at(i), &okHostile);
                QVERIFY(okPlain);
                QVERIFY2(okHostile, "a literal does not read back");
                QCOMPARE(hostileShape, plainShape);
                QCOMPARE(hostileLiterals.size(), plainLiterals.size());
                for (qsizetype j = 0; j < plainLiterals.size(); ++j) {
                    if (plainLiterals.at(j) == u"placeholder"_s)
                        QCOMPARE(hostileLiterals.at(j), value);
                    else
                        QCOMPARE(hostileLiterals.at(j), plainLiterals.at(j));
                }
            }
            // Server-side parameters (19.11+): the SQL never contains the text at all, and the
            // parameter value is its escaped form.
            QList<QList<std::pair<QByteArray, QByteArray>>> items;
            const QStringList parameterised =
                operationSql(operation, args(value), "24.3.1", &items);
            QVERIFY(!parameterised.isEmpty());
            const QStringList plainParameterised =
                operationSql(operation, args(u"placeholder"_s), "24.3.1");
            QCOMPARE(parameterised, plainParameterised);
            bool sawValue = false;
            for (const auto &query : std::as_const(items)) {
                for (const auto &[name, v] : query) {
                    if (name.startsWith("param_")) {
                        QCOMPARE(QString::fromUtf8(v), ClickHouseSql::escapeParameterValue(value));
                        sawValue = true;
                    }
                }
            }
            QVERIFY(sawValue);
        }

        // Diagnosis and renderer: the draft quotes the ticket; its HTML has no live tag, no
        // remote resource and no javascript: link, and neither has the text rendered alone.
        AnalysisInput input;
        input.ticket = ticket;
        input.params = params;
        Investigation inv;
        inv.ticket = ticket;
        inv.window = params.window;
        inv.rootCause = RootCause{u"customer_config"_s, text.left(500), 0.8, {}, {}};
        Finding finding;
        finding.summary = text.left(500);
        inv.findings = {finding};
        inv.notChecked = {text.left(200)};
        const QString markdown = composeDiagnosis(input, inv);
        QVERIFY(!markdown.isEmpty());
        for (const QString &source : {markdown, text}) {
            const QString html = renderMarkdownToSafeHtml(source);
            const QStringList problems = htmlProblems(html);
            QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u"; "_s)));
        }
    }

    void malformedProfiles_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("expected");
        QTest::newRow("empty file") << QByteArray() << u"p.json"_s;
        QTest::newRow("invalid UTF-8")
            << "{\"format\":\"casefile-profile/1\xff\"}"_ba << u"p.json"_s;
        QTest::newRow("root is an array") << "[]"_ba << u"p.json"_s;
        QTest::newRow("connections is a list")
            << R"({"format":"casefile-profile/1","connections":[]})"_ba << u"connections"_s;
        QTest::newRow("url is a number")
            << R"({"format":"casefile-profile/1","connections":{"github":{"url":5}}})"_ba
            << u"github"_s;
        QTest::newRow("secret env is empty")
            << R"({"format":"casefile-profile/1","connections":{"github":{"url":"https:\/\/x","secret":{"env":""}}}})"_ba
            << u"github"_s;
        QTest::newRow("nul in the middle")
            << "{\"format\":\"casefile-\0profile/1\"}"_ba << u"p.json"_s;
    }

    void malformedProfiles()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, expected);
        ++m_tried;
        const auto profile = parseProfile(json, u"p.json"_s);
        QVERIFY(!profile.has_value());
        const QString message = profile.error().message;
        QVERIFY2(message.contains(expected), qPrintable(message));
        QVERIFY2(!message.contains(u'\n'), qPrintable(message));
        QVERIFY(message.size() < 400);
    }

    void malformedApiAnswers_data()
    {
        QTest::addColumn<QByteArray>("raw");
        const auto http = [](int status, const QByteArray &body, const QByteArray &type) {
            return StubServer::http(status, body, {}, type).raw;
        };
        QTest::newRow("html instead of json")
            << http(200, "<html><script>alert(1)</script></html>"_ba, "text/html"_ba);
        QTest::newRow("truncated json")
            << http(200, "{\"tickets\":[{\"id\":1,"_ba, "application/json"_ba);
        QTest::newRow("invalid utf-8")
            << http(200, "{\"tickets\":\"\xff\xfe\"}"_ba, "application/json"_ba);
        QTest::newRow("wrong shape") << http(200, "{\"tickets\":42}"_ba, "application/json"_ba);
        QTest::newRow("array root") << http(200, "[1,2,3]"_ba, "application/json"_ba);
        QTest::newRow("huge error body") << http(500, QByteArray(300000, 'x'), "text/plain"_ba);
        QTest::newRow("bad status line") << "HTTP/1.1 abc\r\n\r\n"_ba;
    }

    void malformedApiAnswers()
    {
        QFETCH(QByteArray, raw);
        ++m_tried;
        StubServer server;
        server.script({StubServer::Reply{StubServer::Reply::Kind::Send, raw}});
        ConnectionSettings s;
        s.system = u"helpdesk"_s;
        s.type = u"zendesk"_s;
        s.url = QString::fromLatin1(server.baseUrl());
        s.account = u"agent@acme.example"_s;
        ZendeskConnector zendesk(s, u"token"_s);
        WorkLimits limits;
        limits.deadline = QDeadlineTimer(20000);
        const auto tickets = zendesk.listTickets(limits);
        if (tickets) {
            // A shape it cannot use is an empty queue at worst, never invented tickets.
            QVERIFY(tickets->isEmpty());
            return;
        }
        const QString message = tickets.error().message;
        QVERIFY(!message.isEmpty());
        QVERIFY2(!message.contains(u'\n'), qPrintable(message));
        QVERIFY2(message.size() < 500, qPrintable(message.left(600)));
        QVERIFY2(!message.contains(u"<script"_s), qPrintable(message));
        // The log detail keeps the request's URL as sent (its %-escapes are not placeholders).
        const QString detail = tickets.error().detail;
        if (detail.contains(u"include=users"_s))
            QVERIFY2(detail.contains(u"include=users%2Corganizations"_s), qPrintable(detail));
    }
};

QTEST_GUILESS_MAIN(TestHostileInput)
#include "tst_hostileinput.moc"
