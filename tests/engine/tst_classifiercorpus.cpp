// The classifier against the ticket corpus in tests/engine/data/classifier-corpus: prints
// accuracy overall, per language and on the held-out part, lists every miss, and fails below
// 95 % overall.
#include "core/engine/classifier.h"
#include "core/engine/playbooklibrary.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Casefile;

namespace {

struct Example
{
    QString id;
    QString lang;
    QString label; // playbook name or "question"
    bool heldOut = false;
    QString subject;
    QString body;
};

QString corpusDir()
{
    return qEnvironmentVariable("CASEFILE_SOURCE_DIR") +
           u"/tests/engine/data/classifier-corpus"_s;
}

QList<Example> loadCorpus(QString *error)
{
    QList<Example> out;
    const QDir dir(corpusDir());
    for (const QString &name : dir.entryList({u"*.jsonl"_s}, QDir::Files, QDir::Name)) {
        QFile f(dir.filePath(name));
        if (!f.open(QIODevice::ReadOnly)) {
            *error = u"cannot read "_s + name;
            return {};
        }
        int line = 0;
        while (!f.atEnd()) {
            const QByteArray raw = f.readLine().trimmed();
            ++line;
            if (raw.isEmpty())
                continue;
            QJsonParseError pe;
            const QJsonObject o = QJsonDocument::fromJson(raw, &pe).object();
            if (pe.error != QJsonParseError::NoError) {
                *error = u"%1:%2: %3"_s.arg(name).arg(line).arg(pe.errorString());
                return {};
            }
            out.append(Example{o.value(u"id"_s).toString(), o.value(u"lang"_s).toString(),
                               o.value(u"label"_s).toString(),
                               o.value(u"split"_s).toString() == u"heldout"_s,
                               o.value(u"subject"_s).toString(), o.value(u"body"_s).toString()});
        }
    }
    return out;
}

struct Tally
{
    int right = 0;
    int total = 0;
    double percent() const { return total ? 100.0 * right / total : 0.0; }
    QString text() const
    {
        return u"%1% (%2/%3)"_s.arg(QString::number(percent(), 'f', 1)).arg(right).arg(total);
    }
};

} // namespace

class TestClassifierCorpus : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void corpusIsLargeAndBalanced()
    {
        QString error;
        const QList<Example> corpus = loadCorpus(&error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY2(corpus.size() >= 300, qPrintable(QString::number(corpus.size())));
        QMap<QString, int> perLang;
        int heldOut = 0;
        const PlaybookLibrary library = PlaybookLibrary::load({}, false);
        const QStringList names = library.names();
        for (const Example &e : corpus) {
            ++perLang[e.lang];
            heldOut += e.heldOut ? 1 : 0;
            QVERIFY2(e.label == u"question"_s || names.contains(e.label),
                     qPrintable(e.id + u": unknown label "_s + e.label));
            QVERIFY2(!e.subject.isEmpty() || !e.body.isEmpty(), qPrintable(e.id));
        }
        for (const QString &lang : {u"en"_s, u"es"_s, u"pt"_s, u"de"_s, u"fr"_s, u"ja"_s})
            QVERIFY2(perLang.value(lang) >= 30, qPrintable(lang));
        QVERIFY(heldOut * 5 >= corpus.size()); // at least a fifth is only scored
    }

    void accuracy()
    {
        QString error;
        const QList<Example> corpus = loadCorpus(&error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const PlaybookLibrary library = PlaybookLibrary::load({}, false);
        if (library.names().isEmpty())
            QSKIP("no built-in playbooks in this build");
        const Classifier classifier(library.playbooks());
        Tally overall;
        Tally heldOut;
        QMap<QString, Tally> perLang;
        QMap<QString, Tally> perLabel;
        QStringList misses;
        for (const Example &e : corpus) {
            Ticket t;
            t.id = e.id;
            t.subject = e.subject;
            t.description = e.body;
            const PlaybookChoice choice = classifier.classify(t);
            const QString got = choice.name.isEmpty() ? u"question"_s : choice.name;
            const bool ok = got == e.label;
            for (Tally *tally : {&overall, &perLang[e.lang], &perLabel[e.label]}) {
                ++tally->total;
                tally->right += ok ? 1 : 0;
            }
            if (e.heldOut) {
                ++heldOut.total;
                heldOut.right += ok ? 1 : 0;
            }
            if (!ok)
                misses.append(u"  %1%2: want %3, got %4 (%5)"_s.arg(
                    e.id, e.heldOut ? u" [held out]"_s : QString(), e.label, got, choice.reason));
        }
        qInfo().noquote() << u"classifier corpus: overall %1, held out %2"_s.arg(overall.text(),
                                                                                 heldOut.text());
        for (auto it = perLang.cbegin(); it != perLang.cend(); ++it)
            qInfo().noquote() << u"  language %1: %2"_s.arg(it.key(), it.value().text());
        for (auto it = perLabel.cbegin(); it != perLabel.cend(); ++it)
            qInfo().noquote() << u"  label %1: %2"_s.arg(it.key(), it.value().text());
        for (const QString &m : std::as_const(misses))
            qInfo().noquote() << m;
        QVERIFY2(overall.percent() >= 95.0, qPrintable(overall.text()));
    }
};

QTEST_GUILESS_MAIN(TestClassifierCorpus)
#include "tst_classifiercorpus.moc"
