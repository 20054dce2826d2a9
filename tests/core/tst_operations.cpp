// The operations table (src/core/operations.h): consistent in itself, shown exactly by
// docs/operations.md, and honoured by the built-in playbooks.

#include "core/engine/playbooklibrary.h"
#include "core/operations.h"
#include "golden.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Casefile;

namespace {

const QString BlockStart = u"<!-- operations-table: %1 (generated from src/core/operations.cpp "
                           u"by scripts/update-golden.sh) -->\n"_s;
const QString BlockEnd = u"<!-- end of operations-table -->"_s;

// The document with every generated block replaced by the table's current text. Blocks for a
// connector the table does not have are reported in `problems`.
QString regenerated(const QString &doc, QStringList *problems)
{
    static const QRegularExpression block(
        u"<!-- operations-table: ([a-z]+) [^\\n]*-->\\n(.*?)<!-- end of operations-table -->"_s,
        QRegularExpression::DotMatchesEverythingOption);
    QString out;
    qsizetype last = 0;
    QSet<QString> seen;
    auto it = block.globalMatch(doc);
    while (it.hasNext()) {
        const auto m = it.next();
        const QString connector = m.captured(1);
        if (!Operations::connectors().contains(connector))
            problems->append(u"docs/operations.md has a table for unknown connector "_s +
                             connector);
        seen.insert(connector);
        out += QStringView(doc).mid(last, m.capturedStart() - last);
        out += BlockStart.arg(connector) + u'\n' + Operations::markdownTable(connector) + u'\n' +
               BlockEnd;
        last = m.capturedEnd();
    }
    out += QStringView(doc).mid(last);
    for (const QString &connector : Operations::connectors()) {
        if (!seen.contains(connector))
            problems->append(u"docs/operations.md has no generated table for "_s + connector);
    }
    return out;
}

} // namespace

class TestOperations final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void tableIsConsistent()
    {
        QSet<QString> seen;
        for (const Operations::Operation &op : Operations::all()) {
            const QString key = op.connector + u'.' + op.name;
            QVERIFY2(!seen.contains(key), qPrintable(u"listed twice: "_s + key));
            seen.insert(key);
            QVERIFY2(Operations::find(op.connector, op.name) == &op, qPrintable(key));
            QSet<QString> arguments;
            for (const Operations::Argument &a : op.arguments) {
                QVERIFY2(!arguments.contains(a.name), qPrintable(key + u" argument "_s + a.name));
                arguments.insert(a.name);
                QCOMPARE(a.type == Operations::ArgumentType::Choice, !a.choices.isEmpty());
            }
            const bool tabular =
                op.evidence == EvidenceKind::Table || op.evidence == EvidenceKind::TimeSeries;
            QVERIFY2(op.columns.isEmpty() || tabular, qPrintable(key));
        }
        QVERIFY(Operations::names(u"nonexistent"_s).isEmpty());
        QVERIFY(!Operations::find(u"clickhouse"_s, u"deployments"_s));
        QCOMPARE(Operations::names(u"linear"_s), Operations::names(u"jira"_s));
    }

    void checkValue_data()
    {
        QTest::addColumn<QString>("connector");
        QTest::addColumn<QString>("operation");
        QTest::addColumn<QString>("argument");
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<bool>("fits");
        const auto row = [](const char *tag, const QString &connector, const QString &operation,
                            const QString &argument, const QJsonValue &value, bool fits) {
            QTest::newRow(tag) << connector << operation << argument << value << fits;
        };
        const QString ch = u"clickhouse"_s;
        row("template", ch, u"latency_series"_s, u"group_by"_s, u"{{route}}"_s, true);
        row("choice", ch, u"latency_series"_s, u"group_by"_s, u"provider"_s, true);
        row("empty choice", ch, u"latency_series"_s, u"group_by"_s, u""_s, true);
        row("not a choice", ch, u"latency_series"_s, u"group_by"_s, u"region"_s, false);
        row("choice not text", ch, u"latency_series"_s, u"component"_s, 3, false);
        row("whole number", ch, u"error_series"_s, u"bucket_s"_s, 60, true);
        row("number as text", ch, u"error_series"_s, u"bucket_s"_s, u"60"_s, true);
        row("fraction", ch, u"error_series"_s, u"bucket_s"_s, 1.5, false);
        row("words", ch, u"error_series"_s, u"bucket_s"_s, u"a minute"_s, false);
        row("time", ch, u"token_usage"_s, u"from"_s, u"2026-11-20T09:00:00Z"_s, true);
        row("time not text", ch, u"token_usage"_s, u"from"_s, QJsonObject{}, false);
        row("text", ch, u"token_usage"_s, u"org"_s, u"org_acme"_s, true);
        row("text not a list", ch, u"token_usage"_s, u"org"_s, QJsonArray{u"a"_s}, false);
        row("list", u"docs"_s, u"search"_s, u"terms"_s, QJsonArray{u"a"_s, u"b c"_s}, true);
        row("one term", u"docs"_s, u"search"_s, u"terms"_s, u"timeout"_s, true);
        row("list of objects", u"docs"_s, u"search"_s, u"terms"_s, QJsonArray{QJsonObject{}},
            false);
        row("templated list", u"docs"_s, u"search"_s, u"terms"_s,
            QJsonArray{u"{{keywords}}"_s, QJsonObject{}}, true);
    }

    void checkValue()
    {
        QFETCH(QString, connector);
        QFETCH(QString, operation);
        QFETCH(QString, argument);
        QFETCH(QJsonValue, value);
        QFETCH(bool, fits);
        const Operations::Operation *op = Operations::find(connector, operation);
        QVERIFY(op);
        const Operations::Argument *a = op->argument(argument);
        QVERIFY(a);
        const auto problem = Operations::checkValue(*a, value);
        QCOMPARE(!problem.has_value(), fits);
    }

    // docs/operations.md shows the table: its generated blocks are the table's current text.
    void documentShowsTheTable()
    {
        const QString path = qEnvironmentVariable("CASEFILE_SOURCE_DIR") + u"/docs/operations.md"_s;
        const QString doc = TestSupport::readText(path);
        QVERIFY2(!doc.isNull(), qPrintable(u"cannot read "_s + path));
        QStringList problems;
        const QString expected = regenerated(doc, &problems);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
        // The document is the expected output of itself with fresh tables.
        const QString problem = TestSupport::compareGolden(expected, path);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    // Every step of a built-in playbook gives the arguments its operation requires.
    void builtInPlaybooksGiveRequiredArguments()
    {
        const PlaybookLibrary library = PlaybookLibrary::load({}, false);
        QVERIFY(!library.playbooks().isEmpty());
        for (const Playbook &pb : library.playbooks()) {
            for (const PlaybookStep &step : pb.steps) {
                const Operations::Operation *op = Operations::find(step.connector, step.operation);
                QVERIFY2(op, qPrintable(pb.name + u": "_s + step.id));
                for (const Operations::Argument &a : op->arguments) {
                    if (a.required)
                        QVERIFY2(step.args.contains(a.name),
                                 qPrintable(u"%1: step %2 lacks argument %3 of %4"_s.arg(
                                     pb.name, step.id, a.name, op->name)));
                }
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestOperations)
#include "tst_operations.moc"
