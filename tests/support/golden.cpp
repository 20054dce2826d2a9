#include "golden.h"

#include <QDir>
#include <QFile>
#include <QSaveFile>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace TestSupport {

bool updatingGolden()
{
    return qEnvironmentVariable("CASEFILE_UPDATE_GOLDEN") == u"1"_s;
}

QString readText(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll());
}

namespace {

QString writeText(const QString &path, const QString &text)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return u"cannot write %1: %2"_s.arg(path, file.errorString());
    file.write(text.toUtf8());
    if (!file.commit())
        return u"cannot write %1: %2"_s.arg(path, file.errorString());
    return {};
}

// The first differing line with two lines of context either side, as "-expected/+actual".
QString firstDifference(const QString &expected, const QString &actual)
{
    const QStringList want = expected.split(u'\n');
    const QStringList got = actual.split(u'\n');
    qsizetype line = 0;
    while (line < want.size() && line < got.size() && want.at(line) == got.at(line))
        ++line;
    QStringList out;
    out << u"first difference at line %1:"_s.arg(line + 1);
    for (qsizetype i = std::max<qsizetype>(0, line - 2); i < line; ++i)
        out << u"  "_s + want.at(i);
    for (qsizetype i = line; i < std::min(want.size(), line + 3); ++i)
        out << u"- "_s + want.at(i);
    for (qsizetype i = line; i < std::min(got.size(), line + 3); ++i)
        out << u"+ "_s + got.at(i);
    return out.join(u'\n');
}

} // namespace

QString compareGolden(const QString &actual, const QString &expectedPath)
{
    if (updatingGolden()) {
        if (readText(expectedPath) == actual)
            return {};
        return writeText(expectedPath, actual);
    }
    const QString expected = readText(expectedPath);
    if (expected.isNull())
        return u"%1 is missing: run scripts/update-golden.sh to write it"_s.arg(expectedPath);
    if (expected == actual)
        return {};
    return u"%1 differs from the output (scripts/update-golden.sh rewrites it on purpose)\n%2"_s
        .arg(expectedPath, firstDifference(expected, actual));
}

QList<GoldenCase> goldenCases(const QString &folder, const QString &inputSuffix,
                              const QString &expectedSuffix)
{
    QList<GoldenCase> cases;
    const QDir dir(folder);
    const QStringList inputs =
        dir.entryList({u"*"_s + inputSuffix}, QDir::Files | QDir::Readable, QDir::Name);
    for (const QString &input : inputs) {
        const QString name = input.chopped(inputSuffix.size());
        cases.append({name, dir.filePath(input), dir.filePath(name + expectedSuffix)});
    }
    return cases;
}

} // namespace TestSupport
