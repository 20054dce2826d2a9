#include "core/reply/phrasebook.h"

#include <QRegularExpression>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace Casefile::Reply {

namespace {

const QRegularExpression &placeholderRe()
{
    static const QRegularExpression re(u"\\{([a-z_]+)\\}"_s);
    return re;
}

QString shareText(double share, const QString &language)
{
    if (!std::isfinite(share))
        return u"?"_s;
    const double percent = share * 100.0;
    // one decimal below 10% ("0.3%", "4.5%"), whole numbers above, as the analyzers write them
    const int decimals = percent != 0.0 && std::abs(percent) < 10.0 ? 1 : 0;
    const QString number = localeFor(language).toString(percent, 'f', decimals);
    // "38 %" in French and German (a no-break space), "38%" elsewhere.
    if (language == u"fr"_s || language == u"de"_s)
        return number + u"\u00a0%"_s;
    return number + u'%';
}

QString valueText(const PhraseArg &arg, const QString &language, const QDateTime &reference)
{
    const QLocale locale = localeFor(language);
    switch (arg.kind) {
    case PhraseArg::Kind::Count:
        return locale.toString(qint64(std::llround(arg.number)));
    case PhraseArg::Kind::Share:
        return shareText(arg.number, language);
    case PhraseArg::Kind::Number:
        return locale.toString(arg.number, 'f', arg.decimals);
    case PhraseArg::Kind::Time: {
        if (!arg.time.isValid())
            return {};
        // the date only when it is not the reference's day, as the analyzers' clock() does
        const QDateTime utc = arg.time.toUTC();
        const bool otherDay = reference.isValid() && reference.toUTC().date() != utc.date();
        return utc.toString(otherDay ? u"yyyy-MM-dd HH:mm"_s : u"HH:mm"_s) + u" UTC"_s;
    }
    case PhraseArg::Kind::Name:
        return arg.names.value(0).simplified();
    case PhraseArg::Kind::Names: {
        QStringList names;
        bool punctuated = false; // names with commas of their own are set apart with ";"
        for (const QString &n : arg.names) {
            if (!n.trimmed().isEmpty())
                names.append(n.simplified());
            punctuated = punctuated || n.contains(u',') || n.contains(u':');
        }
        if (language == u"ja"_s)
            return names.join(u"、"_s);
        return names.join(punctuated ? u"; "_s : u", "_s);
    }
    }
    return {};
}

} // namespace

PhraseBook PhraseBook::parse(const QString &text)
{
    PhraseBook book;
    for (const QString &raw : text.split(u'\n')) {
        const QString line = raw.trimmed();
        if (line.isEmpty() || line.startsWith(u'#'))
            continue;
        const qsizetype colon = line.indexOf(u':');
        if (colon <= 0)
            continue;
        const QString key = line.left(colon).trimmed();
        const QString value = line.mid(colon + 1).trimmed();
        if (!key.contains(u' ') && !value.isEmpty())
            book.m_texts.insert(key, value);
    }
    return book;
}

QStringList PhraseBook::keys() const
{
    QStringList keys = m_texts.keys();
    keys.sort();
    return keys;
}

QLocale localeFor(const QString &language)
{
    if (language == u"en"_s)
        return QLocale(QLocale::English, QLocale::UnitedKingdom);
    if (language == u"pt"_s)
        return QLocale(QLocale::Portuguese, QLocale::Brazil);
    return QLocale(language);
}

QStringList phrasePlaceholders(const QString &text)
{
    QStringList out;
    for (auto it = placeholderRe().globalMatch(text); it.hasNext();)
        out.append(it.next().captured(1));
    return out;
}

QString renderPhrases(const QList<Phrase> &phrases, const PhraseBook &book, const QString &language,
                      const QDateTime &reference)
{
    QStringList clauses;
    for (const Phrase &phrase : phrases) {
        if (!book.has(phrase.key))
            return {};
        const QString text = book.text(phrase.key);
        QString out;
        qsizetype at = 0;
        for (auto it = placeholderRe().globalMatch(text); it.hasNext();) {
            const QRegularExpressionMatch m = it.next();
            const auto arg =
                std::find_if(phrase.args.cbegin(), phrase.args.cend(),
                             [&](const PhraseArg &a) { return a.name == m.captured(1); });
            const QString value =
                arg == phrase.args.cend() ? QString() : valueText(*arg, language, reference);
            if (value.isEmpty())
                return {};
            out += QStringView(text).mid(at, m.capturedStart() - at);
            out += value;
            at = m.capturedEnd();
        }
        out += QStringView(text).mid(at);
        clauses.append(out);
    }
    // Japanese clauses are sentences of their own; elsewhere they read as one sentence.
    return clauses.join(language == u"ja"_s ? u"。"_s : u"; "_s);
}

} // namespace Casefile::Reply
