// Steps cost as few round trips as their data allows: a request that needs no other's answer is
// sent with the others. A stub server holds its answers until a round's expected requests have
// all arrived and counts the rounds; a request sent only after another's answer (or queued
// behind a busy thread) makes another round, released once the server stops waiting for it,
// so a regression fails instead of hanging.
#include "connectors/clickhouse/clickhouseconnector.h"
#include "connectors/common/httpclient.h"
#include "connectors/common/parallel.h"
#include "connectors/gateway/portkeyconnector.h"
#include "connectors/github/githubconnector.h"
#include "connectors/stripe/stripeconnector.h"
#include "stubserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QMutex>
#include <QRegularExpression>
#include <QSet>
#include <QTest>
#include <QThread>

#include <atomic>
#include <functional>
#include <thread>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace Casefile;
using namespace Casefile::Connectors;
using Casefile::Tests::runBeside;
using Casefile::Tests::StubServer;

namespace {

constexpr auto Patience = 5s;

const QDateTime WindowFrom = QDateTime::fromString(u"2026-11-20T09:00:00Z"_s, Qt::ISODate);
const QDateTime WindowTo = QDateTime::fromString(u"2026-11-20T10:00:00Z"_s, Qt::ISODate);

QJsonObject window()
{
    return {{u"from"_s, WindowFrom.toString(Qt::ISODate)},
            {u"to"_s, WindowTo.toString(Qt::ISODate)}};
}

ConnectionSettings settings(const QString &system, const StubServer &server,
                            const QJsonObject &options = {})
{
    ConnectionSettings s;
    s.system = system;
    s.type = system;
    s.url = QString::fromLatin1(server.baseUrl());
    s.options = options;
    return s;
}

OperationCall call(const QString &operation, const QJsonObject &args)
{
    OperationCall c;
    c.stepId = u"step"_s;
    c.operation = operation;
    c.args = args;
    c.limits.deadline = QDeadlineTimer(60s);
    return c;
}

QByteArray compact(const QJsonValue &value)
{
    return value.isArray() ? QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact)
                           : QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
}

QByteArray stripeList(const QJsonArray &data)
{
    return compact(
        QJsonObject{{u"object"_s, u"list"_s}, {u"has_more"_s, false}, {u"data"_s, data}});
}

// The GitHub repository the stub serves: `count` deployments in the window (newest first, one
// every five minutes back from the window's end, cycling through `commits` commits), one more
// before the six hours the connector looks back and one after the window.
StubServer::Reply github(const StubServer::Request &request, int count, int commits)
{
    static const QRegularExpression statuses(u"/deployments/(\\d+)/statuses"_s);
    static const QRegularExpression commit(u"/commits/(\\w+)(/pulls)?"_s);
    const QString target = QString::fromLatin1(request.target);
    if (target.contains(u"/deployments?"_s)) {
        QJsonArray list;
        const auto deployment = [](int id, const QDateTime &at, const QString &sha) {
            return QJsonObject{{u"id"_s, id},
                               {u"sha"_s, sha},
                               {u"ref"_s, u"main"_s},
                               {u"environment"_s, u"production"_s},
                               {u"description"_s, u"Deploy %1"_s.arg(id)},
                               {u"creator"_s, QJsonObject{{u"login"_s, u"ci"_s}}},
                               {u"created_at"_s, at.toString(Qt::ISODate)}};
        };
        list.append(deployment(999, WindowTo.addSecs(600), u"after"_s));
        for (int i = 0; i < count; ++i)
            list.append(
                deployment(100 + i, WindowTo.addSecs(-300 * (i + 1)), u"c%1"_s.arg(i % commits)));
        list.append(deployment(1, WindowFrom.addSecs(-7 * 3600), u"before"_s));
        return StubServer::json(compact(list));
    }
    if (const auto m = statuses.match(target); m.hasMatch()) {
        return StubServer::json(compact(
            QJsonArray{QJsonObject{{u"state"_s, u"success"_s},
                                   {u"created_at"_s, WindowFrom.toString(Qt::ISODate)},
                                   {u"description"_s, u"deployment %1"_s.arg(m.captured(1))}}}));
    }
    if (const auto m = commit.match(target); m.hasMatch()) {
        const QString sha = m.captured(1);
        if (!m.captured(2).isEmpty()) {
            return StubServer::json(compact(
                QJsonArray{QJsonObject{{u"number"_s, 7}, {u"title"_s, u"Pull of %1"_s.arg(sha)}}}));
        }
        return StubServer::json(compact(QJsonObject{
            {u"sha"_s, sha},
            {u"commit"_s, QJsonObject{{u"message"_s, u"Message of %1"_s.arg(sha)}}},
            {u"files"_s, QJsonArray{QJsonObject{{u"filename"_s, u"src/%1.cpp"_s.arg(sha)}}}}}));
    }
    return StubServer::http(404, R"({"message":"Not Found"})"_ba);
}

} // namespace

class TestConnectorRoundTrips : public QObject
{
    Q_OBJECT

private slots:
    // However many requests one step sends, and whatever else is in flight, none waits for
    // another's thread: two callers' hundred requests go out in one round.
    void requestsNeverQueue()
    {
        StubServer server;
        server.respond([](const StubServer::Request &) { return StubServer::json("{}"_ba); });
        constexpr int PerCaller = 50;
        server.answerInRounds(2 * PerCaller, Patience);
        HttpClient::Options options;
        options.system = u"stub"_s;
        options.displayName = u"Stub"_s;
        const HttpClient client(options);
        std::atomic<int> ok = 0;
        QVERIFY(runBeside([&] {
            std::vector<std::thread> callers;
            for (int c = 0; c < 2; ++c) {
                callers.emplace_back([&, c] {
                    const auto answers = inParallel(PerCaller, [&](qsizetype i) {
                        HttpRequest request;
                        request.url = QUrl(QString::fromLatin1(server.baseUrl()) +
                                           u"/item/%1/%2"_s.arg(c).arg(i));
                        return client.send(request, WorkLimits{QDeadlineTimer(60s), {}});
                    });
                    for (const auto &answer : answers)
                        ok += answer.has_value() ? 1 : 0;
                });
            }
            for (std::thread &t : callers)
                t.join();
        }));
        QCOMPARE(ok.load(), 2 * PerCaller);
        QCOMPARE(server.rounds(), QList<int>{2 * PerCaller});
    }

    // Threads started ahead of the work are distinct and each prepared once.
    void warmUpStartsDistinctThreads()
    {
        constexpr int Threads = 12;
        QMutex mutex;
        QSet<QThread *> prepared;
        int calls = 0;
        warmUp(Threads, [&] {
            QMutexLocker lock(&mutex);
            prepared.insert(QThread::currentThread());
            ++calls;
        });
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                QMutexLocker lock(&mutex);
                return calls == Threads;
            }(),
            60000);
        QMutexLocker lock(&mutex);
        QCOMPARE(prepared.size(), qsizetype(Threads));
        QVERIFY(!prepared.contains(QThread::currentThread()));
    }

    // The deployments, then every detail of every deployment in the window at once: each
    // deployment's statuses, and each deployed commit's files and pull requests once.
    void githubDeploymentsTwoRounds_data()
    {
        QTest::addColumn<int>("deployments");
        QTest::addColumn<int>("commits");
        QTest::addColumn<int>("detailed"); // deployments the step reports
        QTest::addColumn<int>("shipped");  // distinct commits among them
        QTest::newRow("none in the window") << 0 << 1 << 0 << 0;
        QTest::newRow("one") << 1 << 1 << 1 << 1;
        QTest::newRow("twelve") << 12 << 12 << 12 << 12;
        // An hourly shipping team over a window widened to two days: all of them, still in one
        // round of details
        QTest::newRow("fifty") << 50 << 50 << 50 << 50;
        // More than the deployments whose details are read (the newest eighty are reported).
        QTest::newRow("ninety, the newest eighty") << 90 << 90 << 80 << 80;
        QTest::newRow("redeploys of two commits") << 6 << 2 << 6 << 2;
    }

    void githubDeploymentsTwoRounds()
    {
        QFETCH(int, deployments);
        QFETCH(int, commits);
        QFETCH(int, detailed);
        QFETCH(int, shipped);
        StubServer server;
        server.respond(
            [&](const StubServer::Request &r) { return github(r, deployments, commits); });
        const int details = detailed + 2 * shipped;
        server.answerInRounds(QList<int>{1, details}, Patience);
        GitHubConnector connector(settings(u"github"_s, server, {{u"repo"_s, u"o/r"_s}}),
                                  u"ghp_token"_s);
        Result<OperationOutput> out = std::unexpected(Error{});
        QVERIFY(runBeside([&] { out = connector.run(call(u"deployments"_s, window())); }));
        QVERIFY2(out.has_value(), qPrintable(out ? QString() : out.error().message));
        QCOMPARE(server.rounds(), (details ? QList<int>{1, details} : QList<int>{1}));

        const QJsonArray events = out->evidence.first().data.value(u"events"_s).toArray();
        QCOMPARE(events.size(), qsizetype(detailed));
        for (const QJsonValue &v : events) {
            const QJsonObject e = v.toObject();
            const QString sha = e.value(u"sha"_s).toString();
            QVERIFY2(sha != u"before"_s && sha != u"after"_s, qPrintable(sha));
            // Every deployment has its own status and its commit's details, redeploys too.
            QCOMPARE(e.value(u"state"_s).toString(), u"success"_s);
            QCOMPARE(e.value(u"message"_s).toString(), QString(u"Message of "_s + sha));
            QCOMPARE(e.value(u"files"_s).toArray(), QJsonArray{u"src/%1.cpp"_s.arg(sha)});
            QCOMPARE(e.value(u"pulls"_s).toArray().first().toObject().value(u"title"_s),
                     QJsonValue(QString(u"Pull of "_s + sha)));
        }
        for (const StubServer::Request &r : server.requests())
            QVERIFY2(!r.target.contains("/before") && !r.target.contains("/after"),
                     r.target.constData());
    }

    // A commit's details are asked once: the next investigation of the repository asks for the
    // deployments and their statuses only, and reports the same details; a new commit is asked.
    void githubCommitDetailsKept()
    {
        int commits = 2;
        StubServer server;
        server.respond([&](const StubServer::Request &r) { return github(r, 6, commits); });
        // (the deployment list itself kept for no time: each investigation here is minutes later)
        GitHubConnector connector(settings(u"github"_s, server, {{u"repo"_s, u"o/r"_s}}),
                                  u"ghp_token"_s, 0ms);
        const auto investigate = [&](QStringList &commitsAsked) -> QJsonArray {
            const qsizetype before = server.requests().size();
            Result<OperationOutput> out = std::unexpected(Error{});
            if (!runBeside([&] { out = connector.run(call(u"deployments"_s, window())); }) ||
                !out) {
                return {};
            }
            for (const StubServer::Request &r : server.requests().mid(before)) {
                if (r.target.contains("/commits/"))
                    commitsAsked.append(QString::fromLatin1(r.target.split('?').first()));
            }
            return out->evidence.first().data.value(u"events"_s).toArray();
        };
        QStringList first;
        const QJsonArray events = investigate(first);
        QCOMPARE(events.size(), 6);
        QCOMPARE(first.size(), 4); // two commits: each its own and its pull requests
        QStringList second;
        QCOMPARE(investigate(second), events);
        QCOMPARE(second, QStringList());
        // The deployments now ship a third commit: only that one is asked.
        commits = 3;
        QStringList third;
        QCOMPARE(investigate(third).size(), 6);
        third.sort();
        QCOMPARE(third,
                 (QStringList{u"/repos/o/r/commits/c2"_s, u"/repos/o/r/commits/c2/pulls"_s}));
    }

    // An investigation whose window widens asks its deployments again at once: the list a moment
    // old and the statuses of finished deployments are not asked twice, only what the wider
    // window adds. A deployment still in progress is asked again.
    void githubWidenedWindowAsksOnlyWhatIsNew()
    {
        QString lastState = u"success"_s;
        StubServer server;
        server.respond([&](const StubServer::Request &r) {
            StubServer::Reply reply = github(r, 4, 4);
            if (r.target.contains("/deployments/100/statuses"))
                reply = StubServer::json(compact(QJsonArray{QJsonObject{
                    {u"state"_s, lastState}, {u"created_at"_s, WindowTo.toString(Qt::ISODate)}}}));
            return reply;
        });
        GitHubConnector connector(settings(u"github"_s, server, {{u"repo"_s, u"o/r"_s}}),
                                  u"ghp_token"_s);
        const auto asked = [&](const QJsonObject &args, qsizetype &events) -> QStringList {
            const qsizetype before = server.requests().size();
            Result<OperationOutput> out = std::unexpected(Error{});
            if (!runBeside([&] { out = connector.run(call(u"deployments"_s, args)); }) || !out)
                return {u"failed"_s};
            events = out->evidence.first().data.value(u"events"_s).toArray().size();
            QStringList targets;
            for (const StubServer::Request &r : server.requests().mid(before))
                targets.append(QString::fromLatin1(r.target.split('?').first()));
            targets.sort();
            return targets;
        };
        lastState = u"in_progress"_s;
        qsizetype events = 0;
        QCOMPARE(asked(window(), events).size(), 1 + 4 + 2 * 4);
        QCOMPARE(events, 4);
        lastState = u"success"_s;
        QJsonObject widened = window();
        widened.insert(u"from"_s, WindowFrom.addDays(-1).toString(Qt::ISODate));
        QCOMPARE(asked(widened, events),
                 (QStringList{u"/repos/o/r/commits/before"_s, u"/repos/o/r/commits/before/pulls"_s,
                              u"/repos/o/r/deployments/1/statuses"_s,
                              u"/repos/o/r/deployments/100/statuses"_s}));
        QCOMPARE(events, 5);
    }

    // Two investigations of the same deployments at once (a run and its rerun over a widened
    // window): each detail goes out once, the second asker awaits the answer under way.
    void githubDetailsUnderWayAskedOnce()
    {
        StubServer server;
        server.respond([&](const StubServer::Request &r) { return github(r, 4, 4); });
        const int details = 4 + 2 * 4;
        server.answerInRounds(QList<int>{2, details}, Patience);
        GitHubConnector connector(settings(u"github"_s, server, {{u"repo"_s, u"o/r"_s}}),
                                  u"ghp_token"_s);
        Result<OperationOutput> first = std::unexpected(Error{});
        Result<OperationOutput> second = std::unexpected(Error{});
        QVERIFY(runBeside([&] {
            std::thread other([&] { second = connector.run(call(u"deployments"_s, window())); });
            first = connector.run(call(u"deployments"_s, window()));
            other.join();
        }));
        QVERIFY(first && second);
        QCOMPARE(server.rounds(), (QList<int>{2, details}));
        QCOMPARE(first->evidence.first().data, second->evidence.first().data);
        QCOMPARE(first->evidence.first().data.value(u"events"_s).toArray().size(), 4);
    }

    // A step that later steps wait for sends its queries ahead of the others: at ClickHouse's
    // higher priority, which pauses the investigation's other queries while it runs.
    void clickhouseAwaitedStepGoesFirst_data()
    {
        QTest::addColumn<bool>("awaited");
        QTest::addColumn<QByteArray>("priority");
        QTest::newRow("others wait for it") << true << QByteArray("priority=1");
        QTest::newRow("nothing waits for it") << false << QByteArray("priority=2");
    }

    void clickhouseAwaitedStepGoesFirst()
    {
        QFETCH(bool, awaited);
        QFETCH(QByteArray, priority);
        StubServer server;
        server.respond([](const StubServer::Request &) {
            return StubServer::json(R"({"meta":[],"data":[],"rows":0})"_ba);
        });
        ClickHouseConnector connector(settings(u"clickhouse"_s, server), QString());
        OperationCall c = call(u"traffic_overview"_s, window());
        c.args.insert(u"org"_s, u"org_acme"_s);
        c.awaited = awaited;
        Result<OperationOutput> out = std::unexpected(Error{});
        QVERIFY(runBeside([&] { out = connector.run(c); }));
        QVERIFY2(out.has_value(), qPrintable(out ? QString() : out.error().message));
        int steps = 0;
        for (const StubServer::Request &r : server.requests()) {
            if (!r.body.contains("gateway_requests") || r.body.contains("system."))
                continue; // (the version and layout probes)
            ++steps;
            QVERIFY2(r.target.contains(priority), r.target.constData());
        }
        QVERIFY(steps > 0);
    }

    // The customer by search or, when the search finds nothing, from the list: both asked at
    // once, one round either way.
    void stripeCustomerOneRound_data()
    {
        QTest::addColumn<bool>("searchFinds");
        QTest::addColumn<QString>("matchedBy");
        QTest::newRow("search finds the organisation") << true << u"metadata"_s;
        QTest::newRow("only the e-mail domain matches") << false << u"email domain"_s;
    }

    void stripeCustomerOneRound()
    {
        QFETCH(bool, searchFinds);
        QFETCH(QString, matchedBy);
        const QJsonObject customer{{u"id"_s, u"cus_1"_s},
                                   {u"email"_s, u"billing@acme.dev"_s},
                                   {u"metadata"_s, searchFinds
                                                       ? QJsonObject{{u"org_id"_s, u"org_acme"_s}}
                                                       : QJsonObject{}}};
        const QJsonObject other{{u"id"_s, u"cus_2"_s},
                                {u"email"_s, u"ops@other.dev"_s},
                                {u"metadata"_s, QJsonObject{}}};
        StubServer server;
        server.route(
            "/v1/customers/search?",
            StubServer::json(stripeList(searchFinds ? QJsonArray{customer} : QJsonArray{})));
        server.route("/v1/customers?", StubServer::json(stripeList(QJsonArray{other, customer})));
        server.answerInRounds(2, Patience);
        StripeConnector stripe(settings(u"stripe"_s, server), u"sk_test_1"_s);
        Result<OperationOutput> out = std::unexpected(Error{});
        QVERIFY(runBeside([&] {
            out = stripe.run(call(u"customer"_s,
                                  {{u"org"_s, u"org_acme"_s}, {u"email_domain"_s, u"acme.dev"_s}}));
        }));
        QVERIFY2(out.has_value(), qPrintable(out ? QString() : out.error().message));
        QCOMPARE(server.rounds(), QList<int>{2});
        QCOMPARE(out->outputs.value(u"customer_id"_s).toString(), u"cus_1"_s);
        const QJsonArray row =
            out->evidence.first().data.value(u"rows"_s).toArray().at(0).toArray();
        QCOMPARE(row.at(4).toString(), matchedBy);
    }

    // The invoices, then the lines of every invoice in the window that needs them, at once.
    void stripeInvoiceLinesOneRound()
    {
        const qint64 from = WindowFrom.toSecsSinceEpoch();
        const auto invoice = [&](const QString &id, qint64 start) {
            return QJsonObject{
                {u"id"_s, id},
                {u"status"_s, u"paid"_s},
                {u"created"_s, start + 86400},
                {u"period_start"_s, start},
                {u"period_end"_s, start + 86400},
                {u"amount_due"_s, 100},
                {u"currency"_s, u"usd"_s},
                {u"lines"_s,
                 QJsonObject{{u"has_more"_s, true},
                             {u"data"_s, QJsonArray{QJsonObject{{u"id"_s, QString(u"il_"_s + id)},
                                                                {u"quantity"_s, 1}}}}}}};
        };
        // Three invoices whose period overlaps the window, one long before it.
        const QJsonArray invoices{invoice(u"in_a"_s, from - 3600), invoice(u"in_b"_s, from - 7200),
                                  invoice(u"in_c"_s, from - 1800),
                                  invoice(u"in_old"_s, from - 90 * 86400)};
        StubServer server;
        server.route("/v1/invoices?", StubServer::json(stripeList(invoices)));
        server.respond([](const StubServer::Request &r) {
            static const QRegularExpression lines(u"/v1/invoices/(\\w+)/lines"_s);
            const auto m = lines.match(QString::fromLatin1(r.target));
            return StubServer::json(stripeList(QJsonArray{QJsonObject{
                {u"id"_s, QString(u"il_full_"_s + m.captured(1))}, {u"quantity"_s, 5}}}));
        });
        server.answerInRounds(QList<int>{1, 3}, Patience);
        StripeConnector stripe(settings(u"stripe"_s, server), u"sk_test_1"_s);
        QJsonObject args = window();
        args.insert(u"customer"_s, u"cus_1"_s);
        Result<OperationOutput> out = std::unexpected(Error{});
        QVERIFY(runBeside([&] { out = stripe.run(call(u"invoices"_s, args)); }));
        QVERIFY2(out.has_value(), qPrintable(out ? QString() : out.error().message));
        QCOMPARE(server.rounds(), (QList<int>{1, 3}));
        // Each invoice with its own lines, in the list's order.
        const QJsonArray rows = out->evidence.first().data.value(u"rows"_s).toArray();
        QCOMPARE(rows.size(), 3);
        QStringList seen;
        for (const QJsonValue &row : rows) {
            const QJsonArray r = row.toArray();
            const QJsonArray lines = r.last().toArray();
            QCOMPARE(lines.size(), 1);
            QCOMPARE(lines.first().toObject().value(u"id"_s).toString(),
                     QString(u"il_full_"_s + r.first().toString()));
            seen.append(r.first().toString());
        }
        QCOMPARE(seen, (QStringList{u"in_a"_s, u"in_b"_s, u"in_c"_s}));
    }

    // A meter named by its event name, or "*" (every active meter), is listed once: the next
    // investigation asks its summaries straight away, for the same meters.
    void stripeMeterIdKept_data()
    {
        QTest::addColumn<QString>("meter");
        QTest::addColumn<QStringList>("summaries"); // the meters whose summaries are asked
        QTest::addColumn<double>("total");
        QTest::newRow("by event name") << u"tokens"_s << QStringList{u"mtr_1"_s} << 42.0;
        // The inactive meter is left out, the first time and from the cache.
        QTest::newRow("every active meter")
            << u"*"_s << QStringList{u"mtr_1"_s, u"mtr_3"_s} << 42.0 + 8.0;
    }

    void stripeMeterIdKept()
    {
        QFETCH(QString, meter);
        QFETCH(QStringList, summaries);
        QFETCH(double, total);
        StubServer server;
        server.route("/v1/billing/meters?",
                     StubServer::json(stripeList(QJsonArray{
                         QJsonObject{{u"id"_s, u"mtr_1"_s}, {u"event_name"_s, u"tokens"_s}},
                         QJsonObject{{u"id"_s, u"mtr_2"_s},
                                     {u"event_name"_s, u"old_tokens"_s},
                                     {u"status"_s, u"inactive"_s}},
                         QJsonObject{{u"id"_s, u"mtr_3"_s},
                                     {u"event_name"_s, u"images"_s},
                                     {u"status"_s, u"active"_s}}})));
        const auto summary = [](double value) {
            return StubServer::json(
                stripeList(QJsonArray{QJsonObject{{u"aggregated_value"_s, value},
                                                  {u"start_time"_s, WindowFrom.toSecsSinceEpoch()},
                                                  {u"end_time"_s, WindowTo.toSecsSinceEpoch()}}}));
        };
        server.route("/v1/billing/meters/mtr_1/event_summaries?", summary(42));
        server.route("/v1/billing/meters/mtr_2/event_summaries?", summary(1000));
        server.route("/v1/billing/meters/mtr_3/event_summaries?", summary(8));
        StripeConnector stripe(settings(u"stripe"_s, server), u"sk_test_1"_s);
        QJsonObject args = window();
        args.insert(u"customer"_s, u"cus_1"_s);
        args.insert(u"meter"_s, meter);
        QStringList summaryPaths;
        for (const QString &id : summaries)
            summaryPaths.append(u"/v1/billing/meters/%1/event_summaries"_s.arg(id));
        for (int investigation = 0; investigation < 2; ++investigation) {
            const qsizetype before = server.requests().size();
            Result<OperationOutput> out = std::unexpected(Error{});
            QVERIFY(runBeside([&] { out = stripe.run(call(u"meter_summaries"_s, args)); }));
            QVERIFY2(out.has_value(), qPrintable(out ? QString() : out.error().message));
            QCOMPARE(out->outputs.value(u"total"_s).toDouble(), total);
            QCOMPARE(out->evidence.size(), 1);
            QCOMPARE(out->evidence.first().data.value(u"series"_s).toArray().size(),
                     summaries.size());
            QStringList paths;
            for (const StubServer::Request &r : server.requests().mid(before))
                paths.append(QString::fromLatin1(r.target.left(r.target.indexOf('?'))));
            // The summaries go out at once, in any order; the listing only the first time.
            QStringList listed = paths.filter(u"/event_summaries"_s);
            listed.sort();
            QCOMPARE(listed, summaryPaths);
            QCOMPARE(paths.count(u"/v1/billing/meters"_s), investigation == 0 ? 1 : 0);
            if (investigation == 0)
                QCOMPARE(paths.first(), u"/v1/billing/meters"_s);
            QCOMPARE(paths.size(), summaryPaths.size() + (investigation == 0 ? 1 : 0));
        }
    }

    // Every routing config the traffic used, at once, each in its own evidence.
    void gatewayConfigsOneRound()
    {
        StubServer server;
        server.respond([](const StubServer::Request &r) {
            const QByteArray slug = r.target.mid(r.target.lastIndexOf('/') + 1);
            return StubServer::json(R"({"slug":")"_ba + slug +
                                    R"(","config":{"strategy":{"mode":"fallback"}}})"_ba);
        });
        const QStringList ids{u"pc-a"_s, u"pc-b"_s, u"pc-c"_s, u"pc-d"_s};
        server.answerInRounds(int(ids.size()), Patience);
        PortkeyConnector gateway(settings(u"gateway"_s, server), u"pk_key"_s);
        Result<OperationOutput> out = std::unexpected(Error{});
        QVERIFY(runBeside([&] {
            out = gateway.run(
                call(u"config"_s, {{u"config_ids"_s, QJsonArray::fromStringList(ids)}}));
        }));
        QVERIFY2(out.has_value(), qPrintable(out ? QString() : out.error().message));
        QCOMPARE(server.rounds(), QList<int>{int(ids.size())});
        QStringList seen;
        for (const Evidence &e : out->evidence)
            seen.append(e.data.value(u"config_id"_s).toString());
        QCOMPARE(seen, ids);
    }
};

QTEST_GUILESS_MAIN(TestConnectorRoundTrips)
#include "tst_connectorroundtrips.moc"
