#include "core/reply/replytemplates.h"

#include "core/domain.h"
#include "core/engine/playbooklibrary.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace Casefile::Reply {

namespace {

constexpr qint64 MaxTemplateBytes = 64 * 1024;

QString key(const QString &language, const QString &name)
{
    return language + u'/' + name;
}

} // namespace

const QStringList &Templates::languages()
{
    static const QStringList list{u"en"_s, u"es"_s, u"pt"_s, u"de"_s, u"fr"_s, u"ja"_s};
    return list;
}

const QStringList &Templates::categories()
{
    static const QStringList list = [] {
        QStringList l = knownCategories();
        l << u"question"_s << u"question_unanswered"_s << u"not_investigated"_s;
        return l;
    }();
    return list;
}

QString Templates::userDirectory()
{
    return PlaybookLibrary::userDirectory() + u"/replies"_s;
}

Templates Templates::load(const QStringList &extraDirs, bool includeUserDirectory)
{
    Templates t;
    t.addDirectory(u":/replies"_s);
    if (includeUserDirectory)
        t.addDirectory(userDirectory());
    for (const QString &dir : extraDirs)
        t.addDirectory(dir + u"/replies"_s);
    return t;
}

void Templates::addDirectory(const QString &dir)
{
    const QDir root(dir);
    if (!root.exists())
        return;
    for (const QString &language : languages()) {
        const QDir d(root.filePath(language));
        if (!d.exists())
            continue;
        for (const QString &file : d.entryList({u"*.md"_s}, QDir::Files, QDir::Name)) {
            const QString name = file.chopped(3);
            if (name != frameName() && name != phrasesName() && !categories().contains(name))
                continue;
            QFile f(d.filePath(file));
            if (f.size() > MaxTemplateBytes || !f.open(QIODevice::ReadOnly)) {
                m_problems.append(u"%1: not readable or larger than 64 KiB"_s.arg(f.fileName()));
                continue;
            }
            const QByteArray bytes = f.readAll();
            m_texts.insert(key(language, name), QString::fromUtf8(bytes));
            m_origins.insert(key(language, name), f.fileName());
        }
    }
}

bool Templates::has(const QString &language, const QString &name) const
{
    return m_texts.contains(key(language, name));
}

QString Templates::text(const QString &language, const QString &name) const
{
    if (const auto it = m_texts.constFind(key(language, name)); it != m_texts.cend())
        return *it;
    return m_texts.value(key(u"en"_s, name));
}

QString Templates::origin(const QString &language, const QString &name) const
{
    return m_origins.value(key(language, name));
}

std::optional<QString> substitute(const QString &text, const QRegularExpression &variable,
                                  const ValueOf &value)
{
    QString out;
    qsizetype at = 0;
    for (auto it = variable.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        out += QStringView(text).mid(at, m.capturedStart() - at);
        const std::optional<QString> v = value(m.captured(1), out);
        if (!v)
            return std::nullopt;
        out += *v;
        at = m.capturedEnd();
    }
    out += QStringView(text).mid(at);
    return out;
}

QString fill(const QString &templateText, const QHash<QString, QString> &values)
{
    static const QRegularExpression section(u"\\{\\{([#^])(\\w+)\\}\\}(.*?)\\{\\{/\\2\\}\\}"_s,
                                            QRegularExpression::DotMatchesEverythingOption);
    QString text = templateText;
    text.replace(u"\r\n"_s, u"\n"_s);
    // Sections, innermost-last: each pass resolves the outermost ones it finds; nested
    // sections of other keys are resolved by the following passes.
    for (int pass = 0; pass < 8; ++pass) {
        QString out;
        qsizetype at = 0;
        bool any = false;
        for (auto it = section.globalMatch(text); it.hasNext();) {
            const QRegularExpressionMatch m = it.next();
            any = true;
            out += QStringView(text).mid(at, m.capturedStart() - at);
            const bool present = !values.value(m.captured(2)).trimmed().isEmpty();
            if (present == (m.captured(1) == u"#"_s))
                out += m.captured(3);
            at = m.capturedEnd();
        }
        if (!any)
            break;
        out += QStringView(text).mid(at);
        text = out;
    }
    static const QRegularExpression variable(u"\\{\\{(\\w+)\\}\\}"_s);
    const QString out = *substitute(text, variable, [&](const QString &name, const QString &) {
        return std::optional<QString>(values.value(name));
    });
    // Tidy: no trailing spaces, at most one blank line in a row, outside code blocks too
    // (the composer's code blocks have no blank lines).
    QStringList lines;
    bool blank = true;
    for (QString line : out.split(u'\n')) {
        while (line.endsWith(u' '))
            line.chop(1);
        if (line.isEmpty()) {
            if (!blank)
                lines.append(line);
            blank = true;
            continue;
        }
        blank = false;
        lines.append(line);
    }
    while (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    return lines.join(u'\n') + u'\n';
}

QStringList placeholders(const QString &text)
{
    static const QRegularExpression re(
        u"(?<!\\\\)\\[([A-Z][A-Z0-9 _\\-]{0,40}[A-Z0-9])\\](?!\\()"_s);
    QStringList out;
    for (auto it = re.globalMatch(text); it.hasNext();) {
        const QString p = it.next().captured(0);
        if (!out.contains(p))
            out.append(p);
    }
    return out;
}

} // namespace Casefile::Reply
