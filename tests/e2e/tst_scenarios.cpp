// Every scenario through the sandbox and `casefile investigate --format json`, checked
// against its truth: playbook, category, all refs_required cited, none of refs_forbidden,
// every must_mention in the reply draft.
#include "sandboxprocess.h"

#include "core/investigationjson.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Casefile;
using namespace Casefile::Testing;

namespace {

QStringList scenarioFiles()
{
    QStringList files;
    const QString shared = qEnvironmentVariable("CASEFILE_SOURCE_DIR") + u"/resources/demo"_s;
    const QString own = qEnvironmentVariable("CASEFILE_SOURCE_DIR") + u"/tests/scenarios"_s;
    for (const QString &dir : {shared, own}) {
        const QDir d(dir);
        for (const QString &name : d.entryList({u"*.json"_s}, QDir::Files, QDir::Name))
            files.append(d.filePath(name));
    }
    return files;
}

QStringList toStrings(const QJsonValue &v)
{
    QStringList out;
    for (const QJsonValue &item : v.toArray())
        out.append(item.toString());
    return out;
}

} // namespace

class TestScenarios final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(SandboxProcess::sandboxBinary()), "casefile-sandbox is not built");
        QVERIFY2(QFile::exists(SandboxProcess::casefileBinary()), "casefile is not built");
        QVERIFY2(!scenarioFiles().isEmpty(), "no scenarios found");
    }

    void scenarioTruth_data()
    {
        QTest::addColumn<QString>("file");
        for (const QString &file : scenarioFiles())
            QTest::newRow(qPrintable(QFileInfo(file).completeBaseName())) << file;
    }

    void scenarioTruth()
    {
        QFETCH(QString, file);
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject scenario = QJsonDocument::fromJson(f.readAll()).object();
        const QJsonObject truth = scenario.value(u"truth"_s).toObject();
        QVERIFY2(!truth.isEmpty(), "scenario has no truth block");

        SandboxProcess sandbox(file);
        QVERIFY2(sandbox.waitReady(), qPrintable(sandbox.errorText()));

        QStringList problems;
        for (auto it = truth.begin(); it != truth.end(); ++it) {
            const QString ticket = it.key();
            const QJsonObject expected = it.value().toObject();
            QElapsedTimer wall;
            wall.start();
            const CommandResult run =
                runCasefile({u"investigate"_s, u"--profile"_s, sandbox.profilePath(), u"--ticket"_s,
                             ticket, u"--format"_s, u"json"_s});
            const qint64 ms = wall.elapsed();
            if (run.exitCode != 0) {
                problems << u"ticket %1: exit %2: %3"_s.arg(ticket)
                                .arg(run.exitCode)
                                .arg(QString::fromUtf8(run.err).trimmed());
                continue;
            }
            const auto inv = investigationFromJsonBytes(run.out);
            if (!inv) {
                problems << u"ticket %1: bad JSON: %2"_s.arg(ticket, inv.error().message);
                continue;
            }
            qInfo("%s ticket %s: %lld ms wall, engine %lld ms, category %s",
                  qPrintable(QFileInfo(file).completeBaseName()), qPrintable(ticket), ms,
                  inv->durationMs,
                  qPrintable(inv->rootCause ? inv->rootCause->category : u"(none)"_s));

            const QString playbook = expected.value(u"playbook"_s).toString();
            if (inv->playbook.name != playbook)
                problems << u"ticket %1: playbook %2, expected %3"_s.arg(ticket, inv->playbook.name,
                                                                         playbook);
            const QString category = expected.value(u"category"_s).toString();
            const QString got = inv->rootCause ? inv->rootCause->category : u"(none)"_s;
            if (got != category)
                problems << u"ticket %1: category %2, expected %3"_s.arg(ticket, got, category);

            QStringList cited = inv->rootCause ? inv->rootCause->refs : QStringList{};
            QStringList citedAnywhere = cited;
            for (const Finding &finding : inv->findings)
                citedAnywhere << finding.refs;
            for (const QString &ref : toStrings(expected.value(u"refs_required"_s))) {
                if (!cited.contains(ref))
                    problems << u"ticket %1: root cause does not cite %2 (cites %3)"_s.arg(
                        ticket, ref, cited.join(u", "_s));
            }
            for (const QString &ref : toStrings(expected.value(u"refs_forbidden"_s))) {
                if (citedAnywhere.contains(ref))
                    problems << u"ticket %1: cites the bystander %2"_s.arg(ticket, ref);
            }
            for (const QString &text : toStrings(expected.value(u"must_mention"_s))) {
                if (!inv->diagnosisMarkdown.contains(text, Qt::CaseInsensitive))
                    problems << u"ticket %1: the reply does not mention \"%2\""_s.arg(ticket, text);
            }
        }
        QCOMPARE(sandbox.stop(), 0);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u"\n"_s)));
    }
};

QTEST_GUILESS_MAIN(TestScenarios)
#include "tst_scenarios.moc"
