#include "core/async.h"
#include "ui/playbookeditor.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Casefile;

class TestPlaybookEditor : public QObject
{
    Q_OBJECT

private:
    static QString builtInPlaybook()
    {
        const QDir dir(qEnvironmentVariable("CASEFILE_SOURCE_DIR") + u"/resources/playbooks"_s);
        const QStringList files = dir.entryList({u"*.json"_s}, QDir::Files, QDir::Name);
        return files.isEmpty() ? QString() : dir.filePath(files.first());
    }

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void syntaxErrorIsMarkedAtItsLine()
    {
        PlaybookEditor editor;
        editor.show();
        QSignalSpy validated(&editor, &PlaybookEditor::validated);
        editor.setText(
            u"{\n  \"format\": \"casefile-playbook/1\",\n  \"name\": \"x\",\n  oops\n}\n"_s,
            u"broken.json"_s);
        QVERIFY(validated.wait(5000));
        QVERIFY(validated.last().first().toInt() > 0);
        QVERIFY(editor.problemCount() > 0);
        QVERIFY2(editor.markedLines().contains(4),
                 qPrintable(QString::number(editor.markedLines().value(0))));
    }

    void builtInPlaybookIsValid()
    {
        const QString path = builtInPlaybook();
        if (path.isEmpty())
            QSKIP("no built-in playbooks in this tree");
        PlaybookEditor editor;
        QSignalSpy validated(&editor, &PlaybookEditor::validated);
        QVERIFY(editor.openFile(path));
        QVERIFY(validated.wait(5000));
        QCOMPARE(validated.last().first().toInt(), 0);
        QCOMPARE(editor.problemCount(), 0);
        QVERIFY(editor.markedLines().isEmpty());

        // Saving writes exactly the text.
        QTemporaryDir dir;
        const QString copy = dir.filePath(u"copy.json"_s);
        QVERIFY(editor.saveFile(copy));
        QFile file(copy);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(file.readAll()), editor.text());
    }

    void runRequestCarriesTheText()
    {
        PlaybookEditor editor;
        QSignalSpy run(&editor, &PlaybookEditor::runRequested);
        QSignalSpy validated(&editor, &PlaybookEditor::validated);
        editor.setText(u"{}"_s, u"x.json"_s);
        QVERIFY(validated.wait(5000));
        emit editor.runRequested(editor.text().toUtf8(), editor.fileName());
        QCOMPARE(run.count(), 1);
        QCOMPARE(run.first().first().toByteArray(), "{}"_ba);
    }

    // The built-ins are listed and open read-only; "Duplicate to edit" makes a copy to edit.
    void listsBuiltInsReadOnly()
    {
        PlaybookEditor editor;
        const QStringList listed = editor.listedPlaybooks();
        QVERIFY2(listed.contains(u"latency-spike (built-in)"_s), qPrintable(listed.join(u", "_s)));
        QVERIFY(editor.openListed(u":/playbooks/latency-spike.json"_s));
        QVERIFY(editor.isReadOnly());
        QVERIFY(editor.text().contains(u"latency"_s));
        QVERIFY(!editor.saveFile()); // never over a built-in
        editor.duplicateToEdit();
        QVERIFY(!editor.isReadOnly());
        QCOMPARE(editor.fileName(), u"latency-spike-copy.json"_s);
        backgroundPool()->waitForDone(); // the validations finish before the app goes
    }
};

QTEST_MAIN(TestPlaybookEditor)
#include "tst_playbookeditor.moc"
