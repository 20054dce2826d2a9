#include "core/engine/playbook.h"
#include "core/engine/playbooklibrary.h"

#include <QFile>
#include <QJsonArray>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Casefile;

namespace {

QByteArray readData(const QString &name)
{
    QFile f(QFINDTESTDATA(u"data/"_s + name));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

// A playbook laid out one step per line: step i is on line 5 + i.
QByteArray playbookText(const QStringList &steps, const QString &analyzers = u"\"change_point\""_s,
                        const QString &extra = {})
{
    QString text =
        u"{\n  \"format\": \"casefile-playbook/1\",\n  \"name\": \"t\",\n  \"steps\": [\n"_s;
    for (int i = 0; i < steps.size(); ++i)
        text += u"    "_s + steps.at(i) + (i + 1 < steps.size() ? u",\n"_s : u"\n"_s);
    text += u"  ],\n"_s + extra + u"  \"analyzers\": ["_s + analyzers + u"]\n}\n"_s;
    return text.toUtf8();
}

// A traffic_overview step over the window (its required arguments) and `args`, more fields
// after them.
QString step(const QString &id, const QString &more = {}, const QString &args = {})
{
    return u"{ \"id\": \"%1\", \"connector\": \"clickhouse\", \"operation\": \"traffic_overview\", \"args\": { \"from\": \"{{window.from}}\", \"to\": \"{{window.to}}\"%3 }%2 }"_s
        .arg(id, more, args);
}

SharedSteps sharedContext()
{
    const auto parsed =
        parseSharedSteps(readData(u"shared-context.json"_s), u"shared-context.json"_s);
    SharedSteps shared;
    shared.insert(parsed.name, parsed.steps);
    return shared;
}

} // namespace

class TestPlaybook : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void goodPlaybook()
    {
        const auto shared =
            parseSharedSteps(readData(u"shared-context.json"_s), u"shared-context.json"_s);
        QVERIFY2(shared.diagnostics.isEmpty(), qPrintable(shared.diagnostics.value(0).toString()));
        QCOMPARE(shared.name, u"context"_s);
        const auto result = parsePlaybook(readData(u"test-latency.json"_s), u"test-latency.json"_s,
                                          sharedContext());
        QVERIFY2(result.diagnostics.isEmpty(), qPrintable(result.diagnostics.value(0).toString()));
        QVERIFY(result.playbook);
        const Playbook &pb = *result.playbook;
        QCOMPARE(pb.name, u"test-latency"_s);
        QCOMPARE(pb.windowHoursBefore, 12);
        QCOMPARE(pb.needs, QStringList{u"org"_s});
        QCOMPARE(pb.steps.size(), 3);
        QCOMPARE(pb.steps.at(0).id, u"overview"_s); // included steps come first
        QCOMPARE(pb.steps.at(0).includedFrom, u"context"_s);
        QCOMPARE(pb.steps.at(1).timeoutS, 20);
        QCOMPARE(pb.steps.at(1).retries, 1);
        QVERIFY(!pb.steps.at(2).required);
        // "{{steps.overview.routes}}" implies a dependency.
        QCOMPARE(pb.steps.at(2).dependsOn, QStringList{u"overview"_s});
        QCOMPARE(pb.analyzers, (QStringList{u"change_point"_s, u"deploy_correlation"_s}));
    }

    void ownStepOverridesIncluded()
    {
        const QByteArray text =
            playbookText({step(u"overview"_s, u", \"timeout_s\": 5"_s)}, u"\"change_point\""_s,
                         u"  \"include\": [\"context\"],\n"_s);
        const auto result = parsePlaybook(text, u"t.json"_s, sharedContext());
        QVERIFY2(result.playbook, qPrintable(result.diagnostics.value(0).toString()));
        QCOMPARE(result.playbook->steps.size(), 1);
        QCOMPARE(result.playbook->steps.at(0).timeoutS, 5);
        QVERIFY(result.playbook->steps.at(0).includedFrom.isEmpty());
    }

    void errors_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("marker"); // the column is where this text starts on the line
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("message");

        QTest::newRow("syntax: missing comma")
            << "{\n  \"format\": \"casefile-playbook/1\",\n  \"name\": \"x\"\n  \"steps\": []\n}"_ba
            << 4 << u"\"steps\""_s << QString() << u"unexpected string literal"_s;
        QTest::newRow("syntax: trailing comma")
            << "{\n  \"format\": \"casefile-playbook/1\",\n  \"patterns\": [\"a\", ],\n}"_ba << 3
            << u"]"_s << QString() << u"unexpected ']'"_s;
        QTest::newRow("syntax: bad literal")
            << "{\n  \"format\": \"casefile-playbook/1\",\n  \"steps\": tru\n}"_ba << 3 << u"tru"_s
            << QString() << u"invalid literal"_s;
        QTest::newRow("syntax: unterminated")
            << "{\n  \"format\": \"casefile-playbook/1\",\n  \"steps\": [\n"_ba << 4 << QString()
            << QString() << u"unexpected end of input"_s;
        QTest::newRow("unknown connector")
            << playbookText(
                   {u"{ \"id\": \"a\", \"connector\": \"githib\", \"operation\": \"deployments\" }"_s})
            << 5 << u"\"githib\""_s << u"$.steps[0].connector"_s << u"unknown connector 'githib'"_s;
        QTest::newRow("unknown operation")
            << playbookText(
                   {u"{ \"id\": \"a\", \"connector\": \"github\", \"operation\": \"deploys\" }"_s})
            << 5 << u"\"deploys\""_s << u"$.steps[0].operation"_s
            << u"unknown operation 'deploys' of github"_s;
        QTest::newRow("argument not a choice")
            << playbookText({u"{ \"id\": \"a\", \"connector\": \"clickhouse\", \"operation\": "
                             u"\"latency_series\", \"args\": { \"group_by\": \"region\" } }"_s})
            << 5 << u"\"region\""_s << u"$.steps[0].args.group_by"_s
            << u"argument 'group_by' of latency_series must be one of"_s;
        QTest::newRow("argument not text")
            << playbookText({step(u"a"_s, {}, u", \"org\": [\"x\"]"_s)}) << 5 << u"[\"x\"]"_s
            << u"$.steps[0].args.org"_s << u"argument 'org' of traffic_overview must be text"_s;
        QTest::newRow("bucket not a number")
            << playbookText({u"{ \"id\": \"a\", \"connector\": \"clickhouse\", \"operation\": "
                             u"\"error_series\", \"args\": { \"bucket_s\": \"soon\" } }"_s})
            << 5 << u"\"soon\""_s << u"$.steps[0].args.bucket_s"_s
            << u"argument 'bucket_s' of error_series must be a whole number"_s;
        QTest::newRow("required argument missing")
            << playbookText(
                   {u"{ \"id\": \"a\", \"connector\": \"clickhouse\", \"operation\": "
                    u"\"latency_series\", \"args\": { \"from\": \"{{window.from}}\" } }"_s})
            << 5 << u"{ \"from\""_s << u"$.steps[0].args"_s
            << u"playbook 't': step 'a' calls clickhouse.latency_series without its required "
               u"argument 'to'"_s;
        QTest::newRow("required argument of a step without args")
            << playbookText(
                   {u"{ \"id\": \"deploys\", \"connector\": \"github\", \"operation\": \"deployments\" }"_s})
            << 5 << u"{"_s << u"$.steps[0]"_s
            << u"playbook 't': step 'deploys' calls github.deployments without its required "
               u"argument 'from'"_s;
        QTest::newRow("required list argument missing")
            << playbookText({u"{ \"id\": \"bugs\", \"connector\": \"linear\", \"operation\": "
                             u"\"search_issues\", \"args\": { \"team\": \"GW\" } }"_s})
            << 5 << u"{ \"team\""_s << u"$.steps[0].args"_s
            << u"step 'bugs' calls linear.search_issues without its required argument 'terms'"_s;
        QTest::newRow("missing operation")
            << playbookText({u"{ \"id\": \"a\", \"connector\": \"github\" }"_s}) << 5 << u"{"_s
            << u"$.steps[0]"_s << u"missing required field 'operation'"_s;
        QTest::newRow("bad depends_on")
            << playbookText({step(u"a"_s), step(u"b"_s, u", \"depends_on\": [\"zz\"]"_s)}) << 6
            << u"[\"zz\"]"_s << u"$.steps[1].depends_on"_s << u"depends on unknown step 'zz'"_s;
        QTest::newRow("cycle") << playbookText({step(u"a"_s, u", \"depends_on\": [\"b\"]"_s),
                                                step(u"b"_s, u", \"depends_on\": [\"a\"]"_s)})
                               << 6 << u"[\"a\"]"_s << u"$.steps[1].depends_on"_s
                               << u"dependency cycle: a -> b -> a"_s;
        QTest::newRow("self dependency")
            << playbookText({step(u"a"_s, u", \"depends_on\": [\"a\"]"_s)}) << 5 << u"[\"a\"]"_s
            << u"$.steps[0].depends_on"_s << u"depends on itself"_s;
        QTest::newRow("duplicate id")
            << playbookText({step(u"a"_s), step(u"a"_s)}) << 6 << u"\"a\""_s << u"$.steps[1].id"_s
            << u"duplicate step id 'a'"_s;
        QTest::newRow("unknown template")
            << playbookText({step(u"a"_s, {}, u", \"org\": \"{{organisation}}\""_s)}) << 5
            << u"{ \"from\""_s << u"$.steps[0].args"_s
            << u"unknown template name '{{organisation}}'"_s;
        QTest::newRow("template of unknown step")
            << playbookText({step(u"a"_s, {}, u", \"ids\": \"{{steps.nope.ids}}\""_s)}) << 5
            << u"[\"zz\"]"_s << u"$.steps[0].depends_on"_s << u"depends on unknown step 'nope'"_s;
        QTest::newRow("unknown analyzer")
            << playbookText({step(u"a"_s)}, u"\"change_point\", \"crystal_ball\""_s) << 7
            << u"\"crystal_ball\""_s << u"$.analyzers[1]"_s << u"unknown analyzer 'crystal_ball'"_s;
        QTest::newRow("timeout out of range")
            << playbookText({step(u"a"_s, u", \"timeout_s\": 9000"_s)}) << 5 << u"9000"_s
            << u"$.steps[0].timeout_s"_s << u"out of range"_s;
        QTest::newRow("retries not whole")
            << playbookText({step(u"a"_s, u", \"retries\": 1.5"_s)}) << 5 << u"1.5"_s
            << u"$.steps[0].retries"_s << u"whole number"_s;
        QTest::newRow("misspelt field")
            << playbookText({step(u"a"_s, u", \"timout_s\": 5"_s)}) << 5 << u"5 }"_s
            << u"$.steps[0].timout_s"_s << u"unknown field 'timout_s'"_s;
        QTest::newRow("unknown include")
            << playbookText({step(u"a"_s)}, u"\"change_point\""_s,
                            u"  \"include\": [\"contxt\"],\n"_s)
            << 7 << u"\"contxt\""_s << u"$.include[0]"_s << u"unknown shared steps 'contxt'"_s;
        QTest::newRow("wrong format")
            << "{\n  \"format\": \"casefile-playbook/2\",\n  \"name\": \"t\", \"steps\": []\n}"_ba
            << 2 << u"\"casefile-playbook/2\""_s << u"$.format"_s
            << u"expected \"casefile-playbook/1\""_s;
        QTest::newRow("not an object")
            << "[1, 2]"_ba << 1 << u"["_s << u"$"_s << u"must be a JSON object"_s;
        QTest::newRow("skip_unless unknown")
            << playbookText({step(u"a"_s, u", \"skip_unless\": [\"vendor\"]"_s)}) << 5
            << u"\"vendor\""_s << u"$.steps[0].skip_unless[0]"_s << u"unknown parameter 'vendor'"_s;
        QTest::newRow("skip_unless on an unknown step's output")
            << playbookText({step(u"a"_s, u", \"skip_unless\": [\"steps.nope.ids\"]"_s)}) << 5
            << u"[\"zz\"]"_s << u"$.steps[0].depends_on"_s << u"depends on unknown step 'nope'"_s;
    }

    void errors()
    {
        QFETCH(QByteArray, text);
        QFETCH(int, line);
        QFETCH(QString, marker);
        QFETCH(QString, path);
        QFETCH(QString, message);

        const auto result = parsePlaybook(text, u"pb.json"_s, sharedContext());
        QVERIFY(!result.playbook);
        QVERIFY(!result.diagnostics.isEmpty());
        const PlaybookDiagnostic *hit = nullptr;
        for (const PlaybookDiagnostic &d : result.diagnostics) {
            if (d.message.contains(message))
                hit = &d;
        }
        if (!hit) {
            QStringList all;
            for (const PlaybookDiagnostic &d : result.diagnostics)
                all.append(d.toString());
            QFAIL(qPrintable(u"no diagnostic says '"_s + message + u"'; got: "_s +
                             all.join(u" | "_s)));
        }
        QCOMPARE(hit->file, u"pb.json"_s);
        QCOMPARE(hit->jsonPath, path);
        QCOMPARE(hit->line, line);
        const QList<QByteArray> lines = text.split('\n');
        if (marker.isEmpty()) {
            QVERIFY(hit->column >= 1);
        } else if (path == u"$.steps[0].depends_on"_s && marker == u"[\"zz\"]"_s) {
            // An implied dependency has no depends_on in the text: the step is pointed at.
            QCOMPARE(hit->column, 5);
        } else {
            const int at = int(QString::fromUtf8(lines.at(line - 1)).indexOf(marker));
            QVERIFY(at >= 0);
            QCOMPARE(hit->column, at + 1);
        }
        QVERIFY(hit->toString().startsWith(u"pb.json:%1:"_s.arg(line)));
    }

    void renderTemplates_data()
    {
        QTest::addColumn<QJsonValue>("input");
        QTest::addColumn<QJsonValue>("expected");
        QTest::newRow("whole value keeps its type")
            << QJsonValue(u"{{keywords}}"_s) << QJsonValue(QJsonArray{u"slow"_s, u"dashboard"_s});
        QTest::newRow("interpolated") << QJsonValue(u"org={{org}} since {{ window.from }}"_s)
                                      << QJsonValue(u"org=org_acme since 2026-11-20T09:00:00Z"_s);
        QTest::newRow("missing becomes empty") << QJsonValue(u"{{model}}"_s) << QJsonValue(u""_s);
        QTest::newRow("nested") << QJsonValue(QJsonObject{{u"a"_s, QJsonArray{u"{{org}}"_s}}})
                                << QJsonValue(QJsonObject{{u"a"_s, QJsonArray{u"org_acme"_s}}});
        QTest::newRow("step output")
            << QJsonValue(u"{{steps.o.ids}}"_s) << QJsonValue(QJsonArray{u"pc-1"_s});
        QTest::newRow("text is never re-expanded")
            << QJsonValue(u"{{ticket.subject}}"_s) << QJsonValue(u"{{org}}'; DROP TABLE x; --"_s);
    }

    void renderTemplates()
    {
        QFETCH(QJsonValue, input);
        QFETCH(QJsonValue, expected);
        const QJsonObject values{{u"org"_s, u"org_acme"_s},
                                 {u"window.from"_s, u"2026-11-20T09:00:00Z"_s},
                                 {u"keywords"_s, QJsonArray{u"slow"_s, u"dashboard"_s}},
                                 {u"steps.o.ids"_s, QJsonArray{u"pc-1"_s}},
                                 {u"ticket.subject"_s, u"{{org}}'; DROP TABLE x; --"_s}};
        QCOMPARE(Casefile::renderTemplates(input, values), expected);
    }

    void libraryUserOverrideAndInvalidFiles()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QDir(dir.path()).mkpath(u"shared"_s);
        auto write = [&](const QString &name, const QByteArray &text) {
            QFile f(dir.filePath(name));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(text);
        };
        write(u"shared/context.json"_s, readData(u"shared-context.json"_s));
        write(u"test-latency.json"_s, readData(u"test-latency.json"_s));
        write(u"broken.json"_s, "{ \"format\": "_ba);

        PlaybookLibrary library;
        library.addDirectory(dir.path());
        QVERIFY(library.names().contains(u"test-latency"_s));
        QVERIFY(library.find(u"test-latency"_s));
        QCOMPARE(library.find(u"test-latency"_s)->steps.size(), 3);
        QCOMPARE(library.diagnostics().size(), 1);
        QVERIFY(library.diagnostics().at(0).file.endsWith(u"broken.json"_s));

        // A second, invalid file with the same name never hides the valid one.
        QByteArray invalid = readData(u"test-latency.json"_s);
        invalid.replace("\"latency_series\"", "\"latency_curve\"");
        const auto diags = library.addPlaybook(invalid, u"override.json"_s);
        QVERIFY(!diags.isEmpty());
        QCOMPARE(library.find(u"test-latency"_s)->file, dir.filePath(u"test-latency.json"_s));

        // A valid one overrides by name.
        QByteArray valid = readData(u"test-latency.json"_s);
        valid.replace("\"title\": \"Test latency\"", "\"title\": \"Mine\"");
        QVERIFY(library.addPlaybook(valid, u"mine.json"_s).isEmpty());
        QCOMPARE(library.find(u"test-latency"_s)->title, u"Mine"_s);
    }

    void builtInsAreValid()
    {
        const PlaybookLibrary library = PlaybookLibrary::load({}, false);
        for (const PlaybookDiagnostic &d : library.diagnostics())
            qWarning().noquote() << d.toString();
        QVERIFY(library.diagnostics().isEmpty());
        if (library.names().isEmpty())
            QSKIP("no built-in playbooks in this build yet");
        for (const QString &name :
             {u"api-errors"_s, u"latency-spike"_s, u"webhook-failures"_s, u"provider-routing"_s,
              u"fallback"_s, u"token-billing"_s, u"metadata"_s}) {
            QVERIFY2(library.find(name), qPrintable(name));
            QVERIFY(library.find(name)->builtIn);
        }
    }

    // A playbook with a topic of its own searches both trackers by the topic's words, not only
    // by the ticket's: a ticket about an invoice in any language still finds a filed metering
    // bug, and one about metadata a filed metadata bug.
    void trackersSearchedByTopic_data()
    {
        QTest::addColumn<QString>("playbook");
        QTest::addColumn<QString>("term");
        QTest::newRow("token-billing") << u"token-billing"_s << u"meter"_s;
        QTest::newRow("metadata") << u"metadata"_s << u"metadata"_s;
    }

    void trackersSearchedByTopic()
    {
        QFETCH(QString, playbook);
        QFETCH(QString, term);
        const PlaybookLibrary library = PlaybookLibrary::load({}, false);
        const Playbook *p = library.find(playbook);
        if (!p)
            QSKIP("no built-in playbooks in this build yet");
        QStringList trackers;
        for (const PlaybookStep &s : p->steps) {
            const QJsonArray terms = s.args.value(u"terms"_s).toArray();
            if (s.operation == u"search_issues" && terms.contains(QJsonValue(term)))
                trackers.append(s.connector);
        }
        trackers.sort();
        QCOMPARE(trackers, (QStringList{u"jira"_s, u"linear"_s}));
    }

    void hostileText()
    {
        // Deep nesting, binary junk and a huge string must produce diagnostics, not crashes.
        QByteArray deep(100000, '[');
        QVERIFY(!parsePlaybook(deep, u"deep.json"_s).diagnostics.isEmpty());
        QByteArray junk("\xff\xfe\x00{\"a\"", 7);
        QVERIFY(!parsePlaybook(junk, u"junk.json"_s).diagnostics.isEmpty());
        QVERIFY(!PlaybookLibrary::validate(QByteArray(), u"empty.json"_s).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestPlaybook)
#include "tst_playbook.moc"
