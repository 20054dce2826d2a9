#include "app/cli/cli.h"
#include "core/engine/playbooklibrary.h"
#include "core/investigationjson.h"
#include "fakeconnector.h"
#include "fakehelpdesk.h"
#include "fixtures.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace Qt::StringLiterals;
using namespace Casefile;

namespace {

struct Outcome
{
    int exit = -1;
    QString out;
    QString err;
};

Outcome runCli(const QStringList &args)
{
    QString out;
    QString err;
    QTextStream outStream(&out);
    QTextStream errStream(&err);
    Outcome o;
    o.exit = Cli::run(QStringList{u"casefile"_s} + args, outStream, errStream);
    outStream.flush();
    errStream.flush();
    o.out = out;
    o.err = err;
    return o;
}

// The helpdesk's queue: ticket 1042, and one whose subject carries a line break and a terminal
// escape.
std::shared_ptr<TestData::FakeHelpdesk> helpdesk()
{
    Ticket evil = TestData::ticket(u"1043"_s);
    evil.subject = u"line\nbreak"_s + QChar(0x1b) + u"[31m red"_s;
    return std::make_shared<TestData::FakeHelpdesk>(
        QList<Ticket>{TestData::ticket(), evil},
        QList<Organisation>{Organisation{u"org_acme"_s, u"Acme Robotics"_s, {u"acme.dev"_s}, {}}});
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        m_profile = m_dir.filePath(u"profile.json"_s);
        QFile f(m_profile);
        QVERIFY(f.open(QIODevice::WriteOnly));
        const QJsonObject profile{
            {u"format"_s, u"casefile-profile/1"_s},
            {u"name"_s, u"test"_s},
            {u"sandbox"_s, true},
            {u"now"_s, u"2026-11-20T10:05:00Z"_s},
            {u"connections"_s,
             QJsonObject{{u"helpdesk"_s, QJsonObject{{u"type"_s, u"zendesk"_s},
                                                     {u"url"_s, u"http://127.0.0.1:9"_s}}},
                         {u"clickhouse"_s, QJsonObject{{u"type"_s, u"clickhouse"_s},
                                                       {u"url"_s, u"http://127.0.0.1:9"_s}}}}}};
        f.write(QJsonDocument(profile).toJson());
        f.close();
        QFile bad(m_dir.filePath(u"bad-profile.json"_s));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("{\"format\": \"something-else\"}");
        bad.close();
        Cli::setConnectorFactory(
            [](const WorkspaceProfile &) -> Result<std::shared_ptr<const ConnectorSet>> {
                auto set = std::make_shared<ConnectorSet>();
                set->add(helpdesk());
                set->add(std::make_shared<TestData::FakeConnector>(u"clickhouse"_s, QStringList{}));
                return std::shared_ptr<const ConnectorSet>(set);
            });
    }

    void cleanupTestCase() { Cli::setConnectorFactory({}); }

    void version()
    {
        const Outcome o = runCli({u"--version"_s});
        QCOMPARE(o.exit, 0);
        QVERIFY(o.out.startsWith(u"casefile "_s));
        QVERIFY(o.err.isEmpty());
    }

    void argumentErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        const QString missing = u"/nonexistent/profile.json"_s;
        QTest::newRow("no command") << QStringList{} << u"no command given"_s;
        QTest::newRow("unknown command")
            << QStringList{u"frobnicate"_s} << u"unknown command 'frobnicate'"_s;
        QTest::newRow("unknown option")
            << QStringList{u"playbooks"_s, u"--frobnicate"_s} << u"frobnicate"_s;
        QTest::newRow("missing value")
            << QStringList{u"investigate"_s, u"--profile"_s} << u"profile"_s;
        QTest::newRow("investigate without profile")
            << QStringList{u"investigate"_s, u"--ticket"_s, u"1"_s} << u"--profile is required"_s;
        QTest::newRow("investigate without ticket")
            << QStringList{u"investigate"_s, u"--profile"_s, missing} << u"--ticket is required"_s;
        QTest::newRow("tickets without profile")
            << QStringList{u"tickets"_s} << u"--profile is required"_s;
        QTest::newRow("bad format")
            << QStringList{u"tickets"_s, u"--profile"_s, missing, u"--format"_s, u"xml"_s}
            << u"--format must be json or table"_s;
        QTest::newRow("bad investigate format")
            << QStringList{u"investigate"_s, u"--profile"_s, missing,   u"--ticket"_s,
                           u"1"_s,           u"--format"_s,  u"table"_s}
            << u"--format must be json or markdown"_s;
        QTest::newRow("bad timeout")
            << QStringList{u"investigate"_s, u"--profile"_s, missing,  u"--ticket"_s,
                           u"1"_s,           u"--timeout"_s, u"soon"_s}
            << u"--timeout must be"_s;
        QTest::newRow("negative timeout")
            << QStringList{u"investigate"_s, u"--profile"_s, missing, u"--ticket"_s,
                           u"1"_s,           u"--timeout"_s, u"-5"_s}
            << u"--timeout must be"_s;
        QTest::newRow("missing profile file")
            << QStringList{u"investigate"_s, u"--profile"_s, missing, u"--ticket"_s, u"1"_s}
            << u"invalid profile"_s;
        QTest::newRow("option of another command")
            << QStringList{u"playbooks"_s, u"--ticket"_s, u"1"_s}
            << u"playbooks does not take --ticket"_s;
        QTest::newRow("stray argument")
            << QStringList{u"playbooks"_s, u"extra"_s} << u"unexpected argument 'extra'"_s;
        QTest::newRow("missing playbooks folder")
            << QStringList{u"playbooks"_s, u"--playbooks"_s, u"/nonexistent/dir"_s}
            << u"no such folder"_s;
    }

    void argumentErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const Outcome o = runCli(args);
        QCOMPARE(o.exit, 2);
        QVERIFY(o.out.isEmpty());
        QVERIFY2(o.err.contains(message), qPrintable(o.err));
        QCOMPARE(o.err.count(u'\n'), 1); // exactly one line
        QVERIFY(o.err.startsWith(u"casefile: "_s));
    }

    void invalidProfileIsExit2()
    {
        const Outcome o = runCli({u"investigate"_s, u"--profile"_s,
                                  m_dir.filePath(u"bad-profile.json"_s), u"--ticket"_s, u"1042"_s});
        QCOMPARE(o.exit, 2);
        QVERIFY2(o.err.contains(u"invalid profile"_s), qPrintable(o.err));
        QCOMPARE(o.err.count(u'\n'), 1);
    }

    void unknownPlaybookIsExit2()
    {
        const Outcome o = runCli({u"investigate"_s, u"--profile"_s, m_profile, u"--ticket"_s,
                                  u"1042"_s, u"--playbook"_s, u"crystal-ball"_s});
        QCOMPARE(o.exit, 2);
        QVERIFY2(o.err.contains(u"unknown playbook 'crystal-ball'"_s), qPrintable(o.err));
    }

    void unknownTicketIsExit2()
    {
        const Outcome o =
            runCli({u"investigate"_s, u"--profile"_s, m_profile, u"--ticket"_s, u"999"_s});
        QCOMPARE(o.exit, 2);
        QVERIFY2(o.err.contains(u"ticket 999 not found"_s), qPrintable(o.err));
        QCOMPARE(o.err.count(u'\n'), 1);
    }

    void playbooksListsBuiltIns()
    {
        const Outcome o = runCli({u"playbooks"_s, u"--format"_s, u"json"_s});
        QCOMPARE(o.exit, 0);
        const QJsonObject doc = QJsonDocument::fromJson(o.out.toUtf8()).object();
        QStringList names;
        for (const QJsonValue &v : doc.value(u"playbooks"_s).toArray()) {
            QVERIFY(v.toObject().value(u"valid"_s).toBool());
            names.append(v.toObject().value(u"name"_s).toString());
        }
        if (names.isEmpty())
            QSKIP("no built-in playbooks in this build yet");
        for (const QString &name :
             {u"api-errors"_s, u"latency-spike"_s, u"webhook-failures"_s, u"provider-routing"_s,
              u"fallback"_s, u"token-billing"_s, u"metadata"_s})
            QVERIFY2(names.contains(name), qPrintable(name));
        QVERIFY2(doc.value(u"errors"_s).toArray().isEmpty(), qPrintable(o.out));

        const Outcome table = runCli({u"playbooks"_s});
        QCOMPARE(table.exit, 0);
        QVERIFY(table.out.contains(u"latency-spike"_s));
    }

    void playbooksReportsInvalidUserFiles()
    {
        QTemporaryDir dir;
        QFile f(dir.filePath(u"broken.json"_s));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\n  \"format\": \"casefile-playbook/1\",\n  \"name\": \"broken\"\n  \"steps\": "
                "[]\n}\n");
        f.close();
        const Outcome o =
            runCli({u"playbooks"_s, u"--format"_s, u"json"_s, u"--playbooks"_s, dir.path()});
        QCOMPARE(o.exit, 0);
        const QJsonArray errors =
            QJsonDocument::fromJson(o.out.toUtf8()).object().value(u"errors"_s).toArray();
        QCOMPARE(errors.size(), 1);
        const QJsonObject e = errors.at(0).toObject();
        QVERIFY(e.value(u"file"_s).toString().endsWith(u"broken.json"_s));
        QCOMPARE(e.value(u"line"_s).toInt(), 4);
        QCOMPARE(e.value(u"column"_s).toInt(), 3);
        const Outcome table = runCli({u"playbooks"_s, u"--playbooks"_s, dir.path()});
        QVERIFY(table.out.contains(u"broken.json:4:3: "_s));
    }

    void ticketsTable()
    {
        const Outcome o = runCli({u"tickets"_s, u"--profile"_s, m_profile});
        QCOMPARE(o.exit, 0);
        QVERIFY(o.out.contains(u"1042"_s));
        // Untrusted subjects stay on one line, without control characters.
        QCOMPARE(o.out.count(u'\n'), 3);
        QVERIFY(!o.out.contains(QChar(0x1b)));
        const Outcome json =
            runCli({u"tickets"_s, u"--profile"_s, m_profile, u"--format"_s, u"json"_s});
        QCOMPARE(json.exit, 0);
        const QJsonArray tickets =
            QJsonDocument::fromJson(json.out.toUtf8()).object().value(u"tickets"_s).toArray();
        QCOMPARE(tickets.size(), 2);
    }

    void investigateJson()
    {
        const Outcome o = runCli({u"investigate"_s, u"--profile"_s, m_profile, u"--ticket"_s,
                                  u"1042"_s, u"--timeout"_s, u"30"_s});
        QVERIFY2(o.exit == 0, qPrintable(o.err));
        const auto inv = investigationFromJsonBytes(o.out.toUtf8());
        QVERIFY2(inv.has_value(), qPrintable(o.out.left(400)));
        QCOMPARE(inv->ticket.id, u"1042"_s);
        QVERIFY(!inv->steps.isEmpty());
        QCOMPARE(inv->startedAt, QDateTime(QDate(2026, 11, 20), QTime(10, 5), QTimeZone::utc()));
        const QJsonObject doc = QJsonDocument::fromJson(o.out.toUtf8()).object();
        QCOMPARE(doc.value(u"format"_s).toString(), u"casefile-investigation/1"_s);
        if (PlaybookLibrary::load({}, false).find(u"latency-spike"_s))
            QCOMPARE(inv->playbook.name, u"latency-spike"_s);
    }

    void investigateMarkdownToFile()
    {
        const QString out = m_dir.filePath(u"reply.md"_s);
        const Outcome o = runCli({u"investigate"_s, u"--profile"_s, m_profile, u"--ticket"_s,
                                  u"1042"_s, u"--format"_s, u"markdown"_s, u"--out"_s, out});
        QVERIFY2(o.exit == 0, qPrintable(o.err));
        QVERIFY(o.out.isEmpty());
        QFile f(out);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(!f.readAll().trimmed().isEmpty());
    }

private:
    QTemporaryDir m_dir;
    QString m_profile;
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
