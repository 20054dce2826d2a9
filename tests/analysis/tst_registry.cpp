// The analyzer registry: the one list of analyzers that the ranking runs, playbook validation
// accepts and docs/analyzers.md describes.
#include "core/analysis/analyzers.h"
#include "core/engine/playbook.h"
#include "golden.h"

#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Casefile;

namespace {

// The names in the first column of the "The analyzers" table of docs/analyzers.md.
QStringList documentedNames(const QString &doc)
{
    const qsizetype start = doc.indexOf(u"\n## The analyzers"_s);
    if (start < 0)
        return {};
    const qsizetype end = doc.indexOf(u"\n## "_s, start + 1);
    const QString section = doc.mid(start, end < 0 ? -1 : end - start);
    static const QRegularExpression row(u"^\\| `([a-z_]+)` \\|"_s,
                                        QRegularExpression::MultilineOption);
    QStringList names;
    auto it = row.globalMatch(section);
    while (it.hasNext())
        names.append(it.next().captured(1));
    return names;
}

const char *playbookWithAnalyzers(const QString &analyzer)
{
    static QByteArray text;
    text = R"({"name": "custom", "description": "d", "match": {"keywords": ["x"]},
               "steps": [], "analyzers": [")" +
           analyzer.toUtf8() + R"("]})";
    return text.constData();
}

} // namespace

class TestRegistry final : public QObject
{
    Q_OBJECT

private slots:
    void namesAreUniqueAndDescribed()
    {
        QSet<QString> seen;
        for (const AnalyzerInfo &a : analyzerRegistry()) {
            const QString name(a.name);
            QVERIFY2(!seen.contains(name), qPrintable(u"listed twice: "_s + name));
            seen.insert(name);
            QVERIFY2(a.function, qPrintable(name));
            QVERIFY2(!a.description.isEmpty(), qPrintable(name));
            QVERIFY(analyzerByName(name) == a.function);
        }
        QCOMPARE(knownAnalyzers().size(), qsizetype(seen.size()));
        QVERIFY(!analyzerByName(u"no_such_analyzer"_s));
    }

    // docs/analyzers.md has one table row per registered analyzer and none other.
    void documentListsTheRegistry()
    {
        const QString path = qEnvironmentVariable("CASEFILE_SOURCE_DIR") + u"/docs/analyzers.md"_s;
        const QString doc = TestSupport::readText(path);
        QVERIFY2(!doc.isNull(), qPrintable(u"cannot read "_s + path));
        QStringList documented = documentedNames(doc);
        QStringList registered = knownAnalyzers();
        documented.sort();
        registered.sort();
        QCOMPARE(documented, registered);
    }

    void playbookValidationUsesTheRegistry_data()
    {
        QTest::addColumn<QString>("analyzer");
        QTest::addColumn<bool>("accepted");
        for (const QString &name : knownAnalyzers())
            QTest::newRow(qPrintable(name)) << name << true;
        QTest::newRow("unknown") << u"tea_leaves"_s << false;
        QTest::newRow("case matters") << u"Scope"_s << false;
    }
    void playbookValidationUsesTheRegistry()
    {
        QFETCH(QString, analyzer);
        QFETCH(bool, accepted);
        const auto parsed =
            parsePlaybook(QByteArray(playbookWithAnalyzers(analyzer)), u"custom.json"_s);
        bool analyzerError = false;
        for (const PlaybookDiagnostic &d : parsed.diagnostics)
            analyzerError = analyzerError || d.message.contains(u"unknown analyzer"_s);
        QCOMPARE(!analyzerError, accepted);
    }
};

QTEST_GUILESS_MAIN(TestRegistry)
#include "tst_registry.moc"
