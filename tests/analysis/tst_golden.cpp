// Golden-output tests: each renderer's reference inputs and the exact output expected from
// them, one folder per renderer under tests/analysis/golden/ (input and expected file side by
// side, same name). scripts/update-golden.sh rewrites the expected files on purpose.

#include "core/analysis/markdown.h"
#include "golden.h"

#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Casefile;

class TestGolden final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void markdown_data() { addCases(u"markdown"_s, u".md"_s, u".html"_s); }
    void markdown();

private:
    static QString folder(const QString &renderer)
    {
        return qEnvironmentVariable("CASEFILE_SOURCE_DIR") + u"/tests/analysis/golden/"_s +
               renderer;
    }

    // One row per input file of the renderer's folder; none at all is a failure.
    static void addCases(const QString &renderer, const QString &inputSuffix,
                         const QString &expectedSuffix)
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");
        const auto cases = TestSupport::goldenCases(folder(renderer), inputSuffix, expectedSuffix);
        if (cases.isEmpty())
            QFAIL(qPrintable(u"no golden inputs in "_s + folder(renderer)));
        for (const TestSupport::GoldenCase &c : cases)
            QTest::newRow(qPrintable(c.name)) << c.inputPath << c.expectedPath;
    }
};

void TestGolden::markdown()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    const QString markdown = TestSupport::readText(input);
    QVERIFY2(!markdown.isNull(), qPrintable(u"cannot read "_s + input));
    const QString problem =
        TestSupport::compareGolden(renderMarkdownToSafeHtml(markdown) + u'\n', expected);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

QTEST_GUILESS_MAIN(TestGolden)
#include "tst_golden.moc"
