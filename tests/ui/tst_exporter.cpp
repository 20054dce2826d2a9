#include "fixtures.h"

#include "core/investigationjson.h"
#include "ui/exporter.h"

#include <QApplication>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Casefile;

class TestExporter : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void formatFromSuffix_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("format");
        QTest::newRow("markdown") << u"a/report.md"_s << int(ExportFormat::Markdown);
        QTest::newRow("html upper case") << u"REPORT.HTML"_s << int(ExportFormat::Html);
        QTest::newRow("pdf") << u"r.pdf"_s << int(ExportFormat::Pdf);
        QTest::newRow("json") << u"r.json"_s << int(ExportFormat::Json);
        QTest::newRow("unknown") << u"r.docx"_s << -1;
    }

    void formatFromSuffix()
    {
        QFETCH(QString, path);
        QFETCH(int, format);
        const auto got = exportFormatForPath(path);
        QCOMPARE(got ? int(*got) : -1, format);
    }

    void exportsEveryFormat()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        Investigation inv = TestData::investigation();
        inv.diagnosisMarkdown = u"Hi <img src=\"https://evil.example/x.png\"> **bold**"_s;
        for (const QString &name : {u"r.md"_s, u"r.html"_s, u"r.pdf"_s, u"r.json"_s}) {
            const QString path = dir.filePath(name);
            const auto done = exportInvestigation(inv, *exportFormatForPath(path), path);
            QVERIFY2(done, qPrintable(name));
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadOnly));
            QVERIFY(file.size() > 100);
            const QByteArray bytes = file.readAll();
            if (name.endsWith(u".pdf"_s))
                QVERIFY(bytes.startsWith("%PDF"));
            if (name.endsWith(u".html"_s)) {
                QVERIFY(!bytes.contains("<img"));   // untrusted HTML is escaped, never passed
                QVERIFY(bytes.contains("&lt;img")); // ...but still visible as text
                QVERIFY(bytes.contains("<strong>bold</strong>"));
            }
            if (name.endsWith(u".md"_s)) {
                QVERIFY(bytes.contains("deploy_regression"));
                QVERIFY(bytes.contains("Linear did not answer within 5 s"));
            }
        }
        const auto back = importInvestigation(dir.filePath(u"r.json"_s));
        QVERIFY(back);
        QCOMPARE(back->ticket.id, u"1042"_s);
        QCOMPARE(back->evidence.size(), inv.evidence.size());
        QCOMPARE(back->rootCause->category, u"deploy_regression"_s);
    }

    void importRejectsBadFiles_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::newRow("not json") << "hello"_ba;
        QTest::newRow("wrong format") << R"({"format": "something-else/1"})"_ba;
        QTest::newRow("empty") << QByteArray();
    }

    void importRejectsBadFiles()
    {
        QFETCH(QByteArray, content);
        QTemporaryDir dir;
        const QString path = dir.filePath(u"bad.json"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(content);
        file.close();
        const auto imported = importInvestigation(path);
        QVERIFY(!imported);
        QVERIFY(imported.error().message.startsWith(u"bad.json is not a Casefile investigation"_s));
        QVERIFY(!imported.error().message.contains(u'\n'));
    }

    void importNamesAMissingFile()
    {
        const auto imported = importInvestigation(u"/nonexistent/missing.json"_s);
        QVERIFY(!imported);
        QVERIFY(imported.error().message.contains(u"missing.json"_s));
    }
};

QTEST_MAIN(TestExporter)
#include "tst_exporter.moc"
