// The held-out scenarios (tests/scenarios/heldout): written like the library but never used to
// tune the engine. Every investigation must complete; how many are right is printed as the
// held-out score, not asserted, so the set stays a measurement. What the engine got wrong is not
// printed: nobody tunes against this set.
#include "sandboxprocess.h"
#include "scenariotruth.h"

#include <QDir>
#include <QFile>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Casefile::Testing;

class TestHeldOut final : public QObject
{
    Q_OBJECT

private slots:
    void score()
    {
        QVERIFY2(QFile::exists(SandboxProcess::sandboxBinary()), "casefile-sandbox is not built");
        QVERIFY2(QFile::exists(SandboxProcess::casefileBinary()), "casefile is not built");
        const QDir dir(qEnvironmentVariable("CASEFILE_SOURCE_DIR") + u"/tests/scenarios/heldout"_s);
        const QStringList files = dir.entryList({u"*.json"_s}, QDir::Files, QDir::Name);
        QVERIFY2(!files.isEmpty(), qPrintable(u"no held-out scenarios in "_s + dir.path()));
        int tickets = 0;
        int right = 0;
        QStringList runFailures;
        for (const QString &name : files) {
            const ScenarioScore s = scoreScenario(dir.filePath(name), false);
            tickets += s.tickets;
            right += s.right;
            runFailures << s.runFailures;
        }
        qInfo("held-out score: %d of %d tickets right (%d scenarios)", right, tickets,
              static_cast<int>(files.size()));
        QVERIFY2(runFailures.isEmpty(), qPrintable(runFailures.join(u"\n"_s)));
    }
};

QTEST_GUILESS_MAIN(TestHeldOut)
#include "tst_heldout.moc"
