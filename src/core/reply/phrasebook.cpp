#include "core/reply/phrasebook.h"

#include "core/reply/replytemplates.h"

#include <QRegularExpression>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace Casefile::Reply {

namespace {

const QRegularExpression &placeholderRe()
{
    static const QRegularExpression re(u"\\{([a-z][a-z0-9_]*)\\}"_s);
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

// The units of durations in a language: ms, s, min, h, days (Japanese without a space).
struct Units
{
    QString ms, s, min, h, days;
    bool spaced = true;
};

const Units &unitsFor(const QString &language)
{
    static const QHash<QString, Units> units{
        {u"en"_s, {u"ms"_s, u"s"_s, u"min"_s, u"h"_s, u"days"_s}},
        {u"es"_s, {u"ms"_s, u"s"_s, u"min"_s, u"h"_s, u"días"_s}},
        {u"pt"_s, {u"ms"_s, u"s"_s, u"min"_s, u"h"_s, u"dias"_s}},
        {u"de"_s, {u"ms"_s, u"s"_s, u"Min."_s, u"Std."_s, u"Tage"_s}},
        {u"fr"_s, {u"ms"_s, u"s"_s, u"min"_s, u"h"_s, u"jours"_s}},
        {u"ja"_s, {u"ミリ秒"_s, u"秒"_s, u"分"_s, u"時間"_s, u"日"_s, false}}};
    static const Units english = units.value(u"en"_s);
    const auto it = units.constFind(language);
    return it == units.cend() ? english : *it;
}

// "340 ms", "1.2 s", "12 min", "2 h 30 min", "3 days" in the language's numbers and units.
QString durationText(double ms, const QString &language)
{
    if (!std::isfinite(ms))
        return {};
    const QLocale locale = localeFor(language);
    const Units &u = unitsFor(language);
    const QString gap = u.spaced ? u" "_s : QString();
    const auto with = [&](const QString &number, const QString &unit) -> QString {
        return number + gap + unit;
    };
    ms = std::abs(ms);
    if (ms < 100.0)
        return with(locale.toString(qint64(std::llround(ms))), u.ms);
    if (ms < 995.0) // two significant digits: "340 ms", not "339 ms"
        return with(locale.toString(qint64(std::llround(ms / 10.0)) * 10), u.ms);
    const double s = ms / 1000.0;
    if (s < 10.0)
        return with(locale.toString(s, 'f', 1), u.s);
    if (s < 60.0)
        return with(locale.toString(qint64(std::llround(s))), u.s);
    const qint64 minutes = (qint64(std::llround(s)) + 30) / 60;
    if (minutes < 60)
        return with(locale.toString(minutes), u.min);
    const qint64 hours = minutes / 60;
    const qint64 rest = minutes % 60;
    if (hours >= 48)
        return with(locale.toString((hours + 12) / 24), u.days);
    if (rest == 0)
        return with(locale.toString(hours), u.h);
    return with(locale.toString(hours), u.h) + (u.spaced ? u" "_s : QString()) +
           with(locale.toString(rest), u.min);
}

// "14:10 UTC" (with the date when not the reference's day), then the customer's local time.
QString timeText(const QDateTime &time, const PhraseContext &context, QStringView before)
{
    if (!time.isValid())
        return {};
    const QDateTime utc = time.toUTC();
    const bool otherDay =
        context.reference.isValid() && context.reference.toUTC().date() != utc.date();
    QString out = utc.toString(otherDay ? u"yyyy-MM-dd HH:mm"_s : u"HH:mm"_s) + u" UTC"_s;
    if (!context.zone)
        return out;
    const QString local = localClock(utc, *context.zone);
    if (insideBrackets(before))
        return out + u", "_s + local;
    return out + u" ("_s + local + u')';
}

QString valueText(const PhraseArg &arg, const PhraseBook &book, const PhraseContext &context,
                  QStringView before)
{
    const QString &language = context.language;
    const QLocale locale = localeFor(language);
    switch (arg.kind) {
    case PhraseArg::Kind::Count:
        return locale.toString(qint64(std::llround(arg.number)));
    case PhraseArg::Kind::Share:
        return shareText(arg.number, language);
    case PhraseArg::Kind::Number:
        return locale.toString(arg.number, 'f', arg.decimals);
    case PhraseArg::Kind::Time:
        return timeText(arg.time, context, before);
    case PhraseArg::Kind::Date:
        return arg.time.isValid() ? dateText(arg.time.toUTC().date(), language) : QString();
    case PhraseArg::Kind::Duration:
        return durationText(arg.number, language);
    case PhraseArg::Kind::Term:
        return book.text(arg.names.value(0));
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

QString dateText(const QDate &date, const QString &language)
{
    static const QHash<QString, QString> formats{
        {u"en"_s, u"d MMMM yyyy"_s},           {u"es"_s, u"d 'de' MMMM 'de' yyyy"_s},
        {u"pt"_s, u"d 'de' MMMM 'de' yyyy"_s}, {u"de"_s, u"d. MMMM yyyy"_s},
        {u"fr"_s, u"d MMMM yyyy"_s},           {u"ja"_s, u"yyyy年M月d日"_s}};
    return localeFor(language).toString(date, formats.value(language, u"yyyy-MM-dd"_s));
}

// Whether the text so far leaves an open round bracket (ASCII or full width).
bool insideBrackets(QStringView text)
{
    int depth = 0;
    for (const QChar c : text) {
        if (c == u'(' || c == u'\uff08')
            ++depth;
        else if ((c == u')' || c == u'\uff09') && depth > 0)
            --depth;
    }
    return depth > 0;
}

QString localClock(const QDateTime &utc, const QTimeZone &zone)
{
    const QDateTime local = utc.toTimeZone(zone);
    QString name = zone.abbreviation(utc);
    if (name.isEmpty() || name.startsWith(u"GMT"_s) || name.startsWith(u"UTC"_s) ||
        name.startsWith(u'+') || name.startsWith(u'-'))
        name = u"UTC"_s + local.toString(u"t"_s).remove(u"UTC"_s);
    QString text = local.toString(u"HH:mm"_s);
    if (local.date() != utc.toUTC().date())
        text += local.date() > utc.toUTC().date() ? u"⁺¹"_s : u"⁻¹"_s;
    return text + u' ' + name;
}

QString renderPhrases(const QList<Phrase> &phrases, const PhraseBook &book,
                      const PhraseContext &context)
{
    QStringList clauses;
    for (const Phrase &phrase : phrases) {
        if (!book.has(phrase.key))
            return {};
        const auto clause =
            substitute(book.text(phrase.key), placeholderRe(),
                       [&](const QString &name, const QString &before) -> std::optional<QString> {
                           const auto arg =
                               std::find_if(phrase.args.cbegin(), phrase.args.cend(),
                                            [&](const PhraseArg &a) { return a.name == name; });
                           if (arg == phrase.args.cend())
                               return std::nullopt;
                           QString value = valueText(*arg, book, context, before);
                           if (value.isEmpty())
                               return std::nullopt;
                           return value;
                       });
        if (!clause)
            return {};
        clauses.append(*clause);
    }
    // Japanese clauses are sentences of their own; elsewhere they read as one sentence.
    return clauses.join(context.language == u"ja"_s ? u"。"_s : u"; "_s);
}

QString renderPhrases(const QList<Phrase> &phrases, const PhraseBook &book, const QString &language,
                      const QDateTime &reference)
{
    return renderPhrases(phrases, book, PhraseContext{language, reference, std::nullopt});
}

} // namespace Casefile::Reply
