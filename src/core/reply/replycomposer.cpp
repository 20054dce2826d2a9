#include "core/reply/replycomposer.h"

#include "core/engine/classifier.h"

#include "core/reply/phrasebook.h"
#include "core/reply/privacyfilter.h"
#include "core/reply/providernames.h"
#include "core/reply/questiondocs.h"
#include "core/text/language.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QLocale>
#include <QRegularExpression>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Casefile::Reply {

namespace {

constexpr int MaxDetails = 5;
constexpr int MaxDocs = 2;
constexpr int MaxQuote = 240;

// Escapes what the reply renderer would read as formatting; leaves snake_case, routes and
// numbers readable (the draft is also read as text).
QString escaped(const QString &text)
{
    QString out;
    out.reserve(text.size() + 8);
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        const bool prevWord = i > 0 && text.at(i - 1).isLetterOrNumber();
        const bool nextWord = i + 1 < text.size() && text.at(i + 1).isLetterOrNumber();
        switch (c.unicode()) {
        case u'\\':
        case u'`':
        case u'*':
        case u'[':
        case u']':
        case u'<':
        case u'>':
            out += u'\\';
            out += c;
            break;
        case u'_':
            if (!(prevWord && nextWord))
                out += u'\\';
            out += c;
            break;
        case u'\n':
        case u'\r':
            out += u' ';
            break;
        default:
            out += c;
        }
    }
    return out;
}

// Escaped like escaped(), but the text's own code spans (`budget_exceeded`) stay code: a
// quote from the docs reads as the page does. Unbalanced backticks are all escaped.
QString escapedKeepingCode(const QString &text)
{
    const QStringList parts = text.split(u'`');
    if (parts.size() % 2 == 0)
        return escaped(text);
    QString out;
    for (qsizetype i = 0; i < parts.size(); ++i) {
        const QString part = QString(parts.at(i)).replace(u'\n', u' ').replace(u'\r', u' ');
        if (i % 2 == 0)
            out += escaped(part);
        else if (part.trimmed().isEmpty())
            out += escaped(u"``"_s);
        else
            out += u'`' + part + u'`';
    }
    return out;
}

// The text as one sentence: providers by their names, a capital first letter, a full stop. A
// first word that is an identifier as written ("gpt-4.1-mini", "o4-mini", "vk_main") keeps its
// first letter.
QString sentence(const QString &text)
{
    QString s = withProviderNames(text.trimmed());
    if (s.isEmpty())
        return s;
    static const QRegularExpression identifier(u"^[^\\s]*\\w[-._/]\\w"_s);
    if (!identifier.match(s).hasMatch())
        s[0] = s.at(0).toUpper();
    if (!s.endsWith(u'.') && !s.endsWith(u'!') && !s.endsWith(u'?') && !s.endsWith(u'\u3002'))
        s += u'.';
    return s;
}

// "12 November 2026, 08:00 – 12:40 UTC" (or with both dates when they differ).
QString windowText(const TimeWindow &window, const QString &language)
{
    if (!window.isValid())
        return {};
    const QDateTime from = window.from.toUTC();
    const QDateTime to = window.to.toUTC();
    const QString sep = language == u"ja"_s ? u"〜"_s : u" – "_s;
    if (from.date() == to.date()) {
        return dateText(from.date(), language) + u", "_s + from.toString(u"HH:mm"_s) + sep +
               to.toString(u"HH:mm"_s) + u" UTC"_s;
    }
    return dateText(from.date(), language) + u' ' + from.toString(u"HH:mm"_s) + sep +
           dateText(to.date(), language) + u' ' + to.toString(u"HH:mm"_s) + u" UTC"_s;
}

// Whether position `at` of the text stands inside a quotation (“…”, „…“, «…», 「…」, "…").
bool insideQuote(const QString &text, qsizetype at)
{
    QString open; // the closing marks still awaited
    bool straight = false;
    for (qsizetype i = 0; i < at; ++i) {
        const QChar c = text.at(i);
        if (!open.isEmpty() && c == open.back())
            open.chop(1);
        else if (c == u'\u201c')
            open += u'\u201d';
        else if (c == u'\u201e')
            open += u'\u201c';
        else if (c == u'\u00ab')
            open += u'\u00bb';
        else if (c == u'\u300c')
            open += u'\u300d';
        else if (c == u'"')
            straight = !straight;
    }
    return !open.isEmpty() || straight;
}

// A sentence the phrase book cannot word (English): "11:32" / "11:32 UTC" -> "11:32 UTC
// (12:32 CET)" when the customer's zone is known; inside brackets "(from 11:32 UTC, 12:32
// CET)", and a local time on another day "00:32⁺¹ JST". The date of each time is the latest
// one inside the investigation window. A time the text already gives in another zone
// ("11:32 UTC (12:32 CET)") is left as it is, and so is anything quoted.
QString annotatedTimes(const QString &text, const TimeWindow &window,
                       const std::optional<QTimeZone> &zone, bool *sawTime)
{
    static const QRegularExpression clock(
        u"(?<![\\d:.])([01]?\\d|2[0-3]):([0-5]\\d)(?![\\d:])(\\s?UTC)?"_s);
    QString out;
    qsizetype at = 0;
    for (auto it = clock.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        if (insideQuote(text, m.capturedStart()))
            continue;
        *sawTime = true;
        out += QStringView(text).mid(at, m.capturedEnd() - at);
        at = m.capturedEnd();
        if (!zone || !window.isValid())
            continue;
        const QTime t(m.captured(1).toInt(), m.captured(2).toInt());
        QDateTime when(window.to.toUTC().date(), t, QTimeZone::utc());
        while (when > window.to && when.addDays(-1) >= window.from.addDays(-1))
            when = when.addDays(-1);
        static const QRegularExpression alreadyLocal(u"\\s*\\(\\s*\\d{1,2}:\\d{2}"_s);
        if (alreadyLocal
                .match(text, at, QRegularExpression::NormalMatch,
                       QRegularExpression::AnchorAtOffsetMatchOption)
                .hasMatch())
            continue;
        if (m.captured(3).isEmpty())
            out += u" UTC"_s;
        const QString local = localClock(when, *zone);
        if (insideBrackets(QStringView(text).left(m.capturedStart())))
            out += u", "_s + local;
        else
            out += u" ("_s + local + u')';
    }
    out += QStringView(text).mid(at);
    return out;
}

QString zoneName(const QTimeZone &zone, const TimeWindow &window)
{
    const QDateTime at = window.isValid() ? window.to : QDateTime::currentDateTimeUtc();
    QString name = zone.abbreviation(at);
    if (name.isEmpty() || name.startsWith(u'+') || name.startsWith(u'-'))
        name = zone.displayName(at, QTimeZone::OffsetName);
    const QString id = QString::fromUtf8(zone.id());
    if (id.contains(u'/'))
        return name + u", "_s + id;
    return name;
}

QString refValue(const QStringList &refs, QStringView prefix)
{
    for (const QString &ref : refs) {
        if (ref.startsWith(prefix))
            return ref.mid(prefix.size());
    }
    return {};
}

QString configSnippet(const RootCause &cause)
{
    const QString s = cause.summary;
    if (!s.contains(u"request_timeout"_s) && !s.contains(u"on_status_codes"_s) &&
        !s.contains(u"fallback"_s, Qt::CaseInsensitive))
        return {};
    const bool codes = s.contains(u"on_status_codes"_s);
    QStringList lines;
    lines << u"{"_s << u"  \"strategy\": {"_s;
    lines << (codes ? u"    \"mode\": \"fallback\","_s : u"    \"mode\": \"fallback\""_s);
    if (codes)
        lines << u"    \"on_status_codes\": [408, 429, 500, 502, 503, 504]"_s;
    lines << u"  },"_s << u"  \"targets\": ["_s;
    lines << u"    { \"virtual_key\": \"<primary key>\", \"request_timeout\": 20000 },"_s;
    lines
        << u"    { \"virtual_key\": \"<fallback key on another provider>\", \"request_timeout\": 20000 }"_s;
    lines << u"  ]"_s << u"}"_s;
    return u"```json\n"_s + lines.join(u'\n') + u"\n```"_s;
}

struct DocPage
{
    QString ref;
    QString title;
    QString text;
};

QList<DocPage> docPages(const Investigation &inv)
{
    QList<DocPage> pages;
    QStringList seen;
    for (const Evidence &e : inv.evidence) {
        if (e.connector != u"docs"_s)
            continue;
        for (const QJsonValue &v : e.data.value(u"items"_s).toArray()) {
            const QJsonObject o = v.toObject();
            const QString ref = o.value(u"ref"_s).toString();
            if (ref.isEmpty() || seen.contains(ref))
                continue;
            seen.append(ref);
            pages.append({ref, o.value(u"title"_s).toString(), o.value(u"text"_s).toString()});
        }
    }
    return pages;
}

// The page's first sentence-like line that says something (no headings), shortened.
QString quoteOf(const DocPage &page, const QStringList &wanted)
{
    QString best;
    int bestScore = -1;
    for (QString line : page.text.split(u'\n')) {
        line = line.trimmed();
        if (line.isEmpty() || line.startsWith(u'#') || line.startsWith(u"```"_s) ||
            line.size() < 20)
            continue;
        int score = 0;
        for (const QString &w : wanted)
            score += line.contains(w, Qt::CaseInsensitive) ? 1 : 0;
        if (score > bestScore) {
            bestScore = score;
            best = line;
        }
    }
    if (best.size() > MaxQuote) {
        const qsizetype cut = best.lastIndexOf(u' ', MaxQuote);
        best = best.left(cut > 80 ? cut : MaxQuote) + u"…"_s;
    }
    return best;
}

QString bullets(const QStringList &items)
{
    QString out;
    for (const QString &item : items)
        out += u"- "_s + item + u'\n';
    return out.trimmed();
}

QString categoryWords(const QString &category)
{
    static const QHash<QString, QString> words{
        {u"deploy_regression"_s, u"a change we deployed"_s},
        {u"provider_outage"_s, u"an upstream provider incident"_s},
        {u"customer_config"_s, u"the routing configuration"_s},
        {u"known_bug"_s, u"a known issue"_s},
        {u"billing_pipeline"_s, u"usage metering"_s},
        {u"expected_behavior"_s, u"documented behaviour"_s},
        {u"customer_endpoint"_s, u"the receiving endpoint"_s},
        {u"rate_limited"_s, u"rate limits"_s},
        {u"sdk_version"_s, u"the SDK version"_s},
        {u"no_fault_found"_s, u"no fault found"_s}};
    return words.value(category, category);
}

QString nameFallback(const QString &language)
{
    static const QHash<QString, QString> words{{u"en"_s, u"there"_s},  {u"es"_s, u"equipo"_s},
                                               {u"pt"_s, u"equipe"_s}, {u"de"_s, u"zusammen"_s},
                                               {u"fr"_s, u"à tous"_s}, {u"ja"_s, u"ご担当者"_s}};
    return words.value(language, u"there"_s);
}

// "Provider: the ticket says Anthropic, the logs show OpenAI." One line, for the note.
QString correctionLine(const EntityCorrection &c)
{
    if (c.entity == u"time"_s)
        return u"Time: the ticket says "_s + escaped(c.ticket) +
               u", the logs show the change at "_s + escaped(c.logs) +
               u", which the diagnosis used."_s;
    if (c.entity == u"window"_s)
        return u"Window: the ticket's time put its start at "_s + escaped(c.ticket) +
               u"; the change in the logs began earlier, so the steps ran again from "_s +
               escaped(c.logs) + u'.';
    const QString entity = c.entity == u"model"_s ? u"Model"_s : u"Provider"_s;
    const auto shown = [&](const QString &value) {
        return c.entity == u"model"_s ? u'`' + QString(value).remove(u'`') + u'`'
                                      : escaped(withProviderNames(value));
    };
    const QString said =
        c.ticket.isEmpty() ? u"the ticket names none"_s : u"the ticket says "_s + shown(c.ticket);
    const QString logs = c.logs.isEmpty()
                             ? u"the logs show no such traffic in the window, so no %1 filter was "
                               u"used"_s.arg(c.entity == u"model"_s ? u"model"_s : u"provider"_s)
                             : u"the logs show "_s + shown(c.logs) + u", which the steps used"_s;
    return entity + u": "_s + said + u", "_s + logs + u'.';
}

QString internalNote(const Investigation &inv, const PrivacyFilter &filter,
                     const QStringList &withheld, const QString &category, const QString &language,
                     const QList<DocPage> &docs)
{
    QString md = u"**Internal note: not for the customer**\n\n"_s;
    md += u"Reply drafted from the `%1` template in `%2`.\n\n"_s.arg(category, language);
    const auto refList = [](const QStringList &refs) {
        QStringList quoted;
        for (const QString &r : refs)
            quoted << u'`' + r + u'`';
        return quoted.join(u", "_s);
    };
    if (inv.rootCause) {
        const RootCause &c = *inv.rootCause;
        md += u"**Cause:** %1 (confidence %2%): %3\n\n"_s.arg(
            c.category, QString::number(qRound(c.confidence * 100)),
            escaped(withProviderNames(c.summary)));
        if (!c.refs.isEmpty())
            md += u"Cited: "_s + refList(c.refs) + u"\n\n"_s;
        if (inv.needsHuman) {
            md += u"**Needs a human:** the evidence is too thin to stand on this conclusion; "
                  u"check it before sending."_s;
            QStringList missing;
            for (const QString &m : inv.missing)
                missing << escaped(m);
            md += missing.isEmpty() ? u"\n\n"_s : u" Missing:\n\n"_s + bullets(missing) + u"\n\n"_s;
        }
    } else if (inv.playbook.name.isEmpty()) {
        md += u"**No investigation:** "_s + escaped(inv.playbook.reason) + u"\n\n"_s;
        if (docs.isEmpty())
            md += u"No documentation page matched the question; the reply is a holding reply "
                  u"until someone answers it.\n\n"_s;
        else {
            QStringList used;
            for (const DocPage &d : docs)
                used << u'`' + d.ref + u"` (" + escaped(d.title) + u')';
            md += u"Answered from: "_s + used.join(u", "_s) + u"\n\n"_s;
        }
    } else {
        md += u"**No root cause** was established.\n\n"_s;
    }
    if (!inv.entityCorrections.isEmpty()) {
        md += u"**Ticket vs logs**\n\n"_s;
        for (const EntityCorrection &c : inv.entityCorrections)
            md += u"- "_s + correctionLine(c) + u'\n';
        md += u'\n';
    }
    if (!inv.secondaryCauses.isEmpty()) {
        md += u"**Also supported by the evidence**\n\n"_s;
        for (const RootCause &c : inv.secondaryCauses)
            md += u"- %1 (%2%): %3 %4\n"_s.arg(
                c.category, QString::number(qRound(c.confidence * 100)),
                escaped(withProviderNames(c.summary)), refList(c.refs));
        md += u'\n';
    }
    if (!inv.findings.isEmpty()) {
        md += u"**Findings**\n\n"_s;
        for (const Finding &f : inv.findings)
            md += u"- "_s + escaped(sentence(f.summary)) +
                  (f.refs.isEmpty() ? QString() : u' ' + refList(f.refs)) + u'\n';
        md += u'\n';
    }
    if (!inv.rejected.isEmpty()) {
        md += u"**Ruled out**\n\n"_s;
        for (const RejectedHypothesis &r : inv.rejected)
            md += u"- %1: %2\n"_s.arg(r.category, escaped(r.reason));
        md += u'\n';
    }
    if (!withheld.isEmpty()) {
        md += u"**Kept out of the customer reply**\n\n"_s;
        for (const QString &w : withheld)
            md += u"- "_s + escaped(w) + u'\n';
        md += u'\n';
    }
    QStringList internal;
    if (!filter.trackerIds().isEmpty())
        internal << u"Issues: "_s + filter.trackerIds().join(u", "_s);
    if (!filter.incidentTexts().isEmpty())
        internal << u"On-call incidents: "_s + escaped(filter.incidentTexts().join(u"; "_s));
    if (!filter.filePaths().isEmpty())
        internal << u"Files changed by the deploys in the window: "_s +
                        refList(filter.filePaths().mid(0, 20));
    if (!filter.otherOrganisations().isEmpty())
        internal << u"Other organisations in the evidence: "_s +
                        escaped(filter.otherOrganisations().join(u", "_s));
    if (!internal.isEmpty())
        md += u"**Internal references**\n\n"_s + bullets(internal) + u"\n\n"_s;
    if (!inv.notChecked.isEmpty()) {
        md += u"**Not checked**\n\n"_s;
        for (const QString &n : inv.notChecked)
            md += u"- "_s + escaped(sentence(n)) + u'\n';
        md += u'\n';
    }
    if (!inv.evidence.isEmpty()) {
        md += u"**Evidence**\n\n"_s;
        for (const Evidence &e : inv.evidence)
            md += u"- %1: %2 (`%3`)\n"_s.arg(e.id, escaped(e.title), e.source);
    }
    return md.trimmed() + u'\n';
}

bool hasTime(const QList<Phrase> &phrases)
{
    for (const Phrase &p : phrases) {
        for (const PhraseArg &a : p.args) {
            if (a.kind == PhraseArg::Kind::Time)
                return true;
        }
    }
    return false;
}

// The customer's sentences of a reply: a finding from its phrases in the reply's language
// when the phrase book words them all, else its summary with the figures in the reader's
// format; what the privacy filter withholds goes to `withheld`.
class CustomerWording
{
public:
    CustomerWording(const Investigation &inv, const PrivacyFilter &filter, const QString &lang,
                    const std::optional<QTimeZone> &zone, const Templates &templates,
                    QStringList *withheld)
        : m_inv(inv)
        , m_filter(filter)
        , m_lang(lang)
        , m_zone(zone)
        , m_book(PhraseBook::parse(templates.text(lang, Templates::phrasesName())))
        , m_english(PhraseBook::parse(templates.text(u"en"_s, Templates::phrasesName())))
        , m_withheld(withheld)
    {}

    QString text(const QString &summary, const QList<Phrase> &phrases)
    {
        const QList<Phrase> allowed = permitted(phrases);
        if (!phrases.isEmpty() && allowed.isEmpty())
            return {}; // every clause withheld
        const QString worded =
            allowed.isEmpty()
                ? QString()
                : renderPhrases(allowed, m_book, PhraseContext{m_lang, m_inv.window.to, m_zone});
        const QString safe = m_filter.customerSafe(worded.isEmpty() ? summary : worded, m_withheld);
        if (safe.isEmpty())
            return {};
        if (!worded.isEmpty()) {
            // the values are already in the reader's format and zone: nothing is rewritten
            sawTime = sawTime || hasTime(allowed);
            const QString full =
                m_lang == u"ja"_s && !safe.endsWith(u'\u3002') ? safe + u"\u3002"_s : safe;
            return escaped(sentence(full));
        }
        // not worded in the reply's language: the English sentence as the analyzer wrote it,
        // figures and names untouched (the frame says it is in English)
        sawEnglish = sawEnglish || m_lang != u"en"_s;
        return annotatedTimes(escaped(sentence(safe)), m_inv.window, m_zone, &sawTime);
    }

    // A cause in a few words, in the reply's language ("category.<name>" of the phrase book).
    QString causeWords(const QString &category) const
    {
        const QString words = m_book.text(u"category."_s + category);
        return words.isEmpty() ? categoryWords(category) : words;
    }

    bool sawTime = false;
    bool sawEnglish = false; // a sentence of a non-English reply the phrase book cannot word

private:
    // The privacy filter judges each clause in English (its patterns are English), and what
    // it withholds is left out in every language.
    QList<Phrase> permitted(const QList<Phrase> &phrases) const
    {
        QList<Phrase> kept;
        for (const Phrase &p : phrases) {
            const QString clause = renderPhrases({p}, m_english, u"en"_s, m_inv.window.to);
            if (clause.isEmpty() || !m_filter.customerSafe(clause, m_withheld).isEmpty())
                kept.append(p);
        }
        return kept;
    }

    const Investigation &m_inv;
    const PrivacyFilter &m_filter;
    QString m_lang;
    std::optional<QTimeZone> m_zone;
    PhraseBook m_book;
    PhraseBook m_english;
    QStringList *m_withheld;
};

// A "not checked" line as phrases: the wording its writer gave it (an analyzer's line by its
// key, a step's by the system it asks and how it ended, the engine's by its kind); empty when
// it has none.
QList<Phrase> uncheckedPhrases(const QString &line, const Investigation &inv)
{
    for (const WordedLine &w : inv.notCheckedWording) {
        if (w.text == line)
            return w.phrases;
    }
    return {};
}

// The customer's zone: the one asked for, else the ticket's; none for plain UTC.
std::optional<QTimeZone> replyZone(const Investigation &inv, const ComposeOptions &options)
{
    std::optional<QTimeZone> zone;
    if (!options.customerZone.isEmpty()) {
        const QTimeZone z(options.customerZone.toUtf8());
        if (z.isValid())
            zone = z;
    } else {
        zone = customerZoneFor(inv.ticket);
    }
    if (zone &&
        zone->offsetFromUtc(inv.window.isValid() ? inv.window.to
                                                 : QDateTime::currentDateTimeUtc()) == 0 &&
        !QString::fromUtf8(zone->id()).contains(u'/'))
        zone.reset(); // "UTC+0" is UTC
    return zone;
}

// A doc page sentence a phrase quotes (`docs.page_quote`), without its markdown emphasis.
struct PageQuote
{
    QString path;
    QString quote;
};
QList<PageQuote> pageQuotes(const QList<Phrase> &phrases)
{
    QList<PageQuote> quotes;
    for (const Phrase &p : phrases) {
        if (p.key != u"docs.page_quote")
            continue;
        PageQuote q;
        for (const PhraseArg &a : p.args) {
            if (a.name == u"path")
                q.path = a.names.value(0);
            else if (a.name == u"quote")
                q.quote = a.names.value(0).remove(u"**"_s).simplified();
        }
        quotes << q;
    }
    return quotes;
}

// Every phrase of `phrases` quotes a sentence of a page that one of `said` quotes too (the one
// holding the other).
bool quotesOnly(const QList<Phrase> &phrases, const QList<PageQuote> &said)
{
    const QList<PageQuote> quotes = pageQuotes(phrases);
    return !phrases.isEmpty() && quotes.size() == phrases.size() &&
           std::ranges::all_of(quotes, [&](const PageQuote &q) {
               return std::ranges::any_of(said, [&](const PageQuote &s) {
                   return s.path == q.path && !s.quote.isEmpty() && !q.quote.isEmpty() &&
                          (s.quote.contains(q.quote) || q.quote.contains(s.quote));
               });
           });
}

// "What we saw": the findings in the customer's words, at most MaxDetails, leaving out what the
// summary already said and a page sentence the cause already quotes.
QStringList detailLines(const Investigation &inv, const QStringList &summaryUsed,
                        CustomerWording &wording)
{
    QStringList details;
    const QList<PageQuote> quotedByCause =
        inv.rootCause ? pageQuotes(inv.rootCause->phrases) : QList<PageQuote>{};
    for (const Finding &f : inv.findings) {
        if (details.size() >= MaxDetails)
            break;
        if (summaryUsed.contains(f.summary) || quotesOnly(f.phrases, quotedByCause))
            continue;
        const QString text = wording.text(f.summary, f.phrases);
        if (!text.isEmpty() && !details.contains(text))
            details << text;
    }
    return details;
}

// What the advice speaks of, in the terms of the ticket's complaint: the invoice, slowness,
// webhook deliveries, only the metadata of served requests (else failures). On a fallback ticket
// with a second cause, that cause says why the fallback did not catch the failures, so the advice
// points there instead of suggesting a fallback.
void setAdviceFlags(const Investigation &inv, QHash<QString, QString> &v)
{
    static const QHash<QString, QString> complaint{{u"token-billing"_s, u"billing"_s},
                                                   {u"latency-spike"_s, u"slower"_s},
                                                   {u"webhook-failures"_s, u"deliveries"_s},
                                                   {u"metadata"_s, u"metadata"_s}};
    if (const QString flag = complaint.value(inv.playbook.name); !flag.isEmpty())
        v[flag] = u"1"_s;
    if (inv.playbook.name == u"fallback" && !inv.secondaryCauses.isEmpty())
        v[u"fallback_missed"_s] = u"1"_s;
    // a cause on the customer's side beside the provider's: the reply does not also say their
    // setup played no part
    if (std::ranges::any_of(inv.secondaryCauses, [](const RootCause &c) {
            return Category::onCustomerSide(c.category);
        }))
        v[u"own_part"_s] = u"1"_s;
    // an invoice line billed at another price than the documented one: the price is what is
    // wrong, not how the tokens were counted
    if (inv.rootCause && std::ranges::any_of(inv.rootCause->phrases, [](const Phrase &p) {
            return p.key.startsWith(u"billing.price_"_s);
        }))
        v[u"price"_s] = u"1"_s;
}

} // namespace

QString replyLanguageFor(const Ticket &ticket)
{
    const QString detected = Text::detectLanguage(ticket.subject + u"\n"_s + ticket.description);
    return Templates::languages().contains(detected) ? detected : u"en"_s;
}

std::optional<QTimeZone> customerZoneFor(const Ticket &ticket)
{
    return Text::customerTimeZone(ticket.subject + u"\n"_s + ticket.description);
}

Composed compose(const Investigation &inv, const ComposeOptions &options)
{
    std::optional<Templates> loaded;
    if (!options.templates)
        loaded = Templates::load();
    const Templates &templates = options.templates ? *options.templates : *loaded;

    Composed out;
    out.language = Templates::languages().contains(options.language) ? options.language
                                                                     : replyLanguageFor(inv.ticket);
    const QString lang = out.language;
    const std::optional<QTimeZone> zone = replyZone(inv, options);

    const PrivacyFilter filter(inv);
    QStringList withheld;
    const QList<DocPage> docs = docPages(inv);
    CustomerWording wording{inv, filter, lang, zone, templates, &withheld};
    const auto customerText = [&](const QString &text, const QList<Phrase> &phrases) {
        return wording.text(text, phrases);
    };
    const auto causeWords = [&](const QString &category) {
        return wording.causeWords(category);
    };

    if (inv.rootCause)
        out.category = inv.rootCause->category;
    else if (inv.playbook.name.isEmpty())
        out.category = docs.isEmpty() ? u"question_unanswered"_s : u"question"_s;
    else
        out.category = u"not_investigated"_s;

    QHash<QString, QString> v;
    QString name = inv.ticket.requesterName.trimmed();
    if (lang != u"ja"_s)
        name = name.section(u' ', 0, 0);
    v[u"name"_s] = name.isEmpty() ? nameFallback(lang) : escaped(name.left(80));
    // a subject from an older conversation is not what this one is about: not quoted
    if (!Classifier::subjectIsStale(inv.ticket))
        v[u"subject"_s] = escaped(inv.ticket.subject.trimmed().left(200));
    if (!inv.playbook.name.isEmpty())
        v[u"window"_s] = windowText(inv.window, lang);

    QStringList summaryUsed;
    if (inv.rootCause) {
        const RootCause &c = *inv.rootCause;
        v[u"summary"_s] = customerText(c.summary, c.phrases);
        if (v[u"summary"_s].isEmpty() && !withheld.isEmpty())
            v[u"summary"_s] = escaped(sentence(causeWords(c.category)));
        summaryUsed << c.summary;
        QStringList affected;
        for (const QString &ref : c.refs) {
            for (const auto prefix : {u"route:", u"model:", u"provider:"}) {
                if (ref.startsWith(prefix)) {
                    const QString value = ref.mid(QStringView(prefix).size());
                    if (!value.contains(u'`'))
                        affected << u'`' + value + u'`';
                }
            }
        }
        v[u"affected"_s] = affected.join(u", "_s);
        const QString config = refValue(c.refs, u"config:");
        if (!config.contains(u'`'))
            v[u"config"_s] = config;
        if (c.category == QLatin1StringView(Category::CustomerConfig))
            v[u"config_example"_s] = configSnippet(c);
        // the customer's own client, not a config, is what to change
        if (const QString sdk = refValue(c.refs, u"sdk:");
            c.category == QLatin1StringView(Category::CustomerConfig) && config.isEmpty() &&
            !sdk.isEmpty() && !sdk.contains(u'`')) {
            v[u"client"_s] = u"1"_s;
            v[u"sdk"_s] = sdk;
        }
        setAdviceFlags(inv, v);
        const QString endpoint = refValue(c.refs, u"endpoint:");
        if (!endpoint.contains(u'`'))
            v[u"endpoint"_s] = endpoint;
        const QString sdk = refValue(c.refs, u"sdk:");
        if (!sdk.contains(u'`'))
            v[u"sdk"_s] = sdk;
        const QString doc = refValue(c.refs, u"docs:");
        if (!doc.isEmpty()) {
            QString title;
            for (const DocPage &p : docs) {
                if (p.ref == u"docs:"_s + doc)
                    title = p.title;
            }
            v[u"docs_inline"_s] = (title.isEmpty() ? QString() : escaped(title) + u", "_s) + u'`' +
                                  QString(doc).remove(u'`') + u'`';
        }
    } else if (!inv.playbook.name.isEmpty() && !inv.findings.isEmpty()) {
        // no cause: the most confident finding, in the customer's terms, if it may be said
        v[u"summary"_s] = customerText(inv.findings.first().summary, inv.findings.first().phrases);
        summaryUsed << inv.findings.first().summary;
    }
    if (out.category == u"question"_s) {
        // the question's words and, for a question in another language, the words of our docs
        const QStringList wanted = questionWords(inv.ticket);
        QStringList blocks;
        for (const DocPage &p : docs.mid(0, MaxDocs)) {
            const QString quote = quoteOf(p, wanted);
            QString block = u"**"_s + escaped(p.title.isEmpty() ? p.ref.mid(5) : p.title) +
                            u"** (`"_s + QString(p.ref.mid(5)).remove(u'`') + u"`)"_s;
            if (!quote.isEmpty())
                block += u"\n\n> "_s + escapedKeepingCode(quote);
            blocks << block;
        }
        v[u"docs"_s] = blocks.join(u"\n\n"_s);
    }

    wording.sawEnglish = false;
    const QStringList details = detailLines(inv, summaryUsed, wording);
    v[u"details"_s] = bullets(details);
    if (wording.sawEnglish && !details.isEmpty())
        v[u"details_english"_s] = u"1"_s;
    QStringList secondary;
    for (const RootCause &c : inv.secondaryCauses) {
        const QString text = customerText(c.summary, c.phrases);
        secondary << (text.isEmpty() ? escaped(sentence(causeWords(c.category))) : text);
    }
    v[u"secondary"_s] = bullets(secondary);
    QStringList notChecked;
    wording.sawEnglish = false;
    for (const QString &n : inv.notChecked) {
        const QString text = customerText(n, uncheckedPhrases(n, inv));
        if (!text.isEmpty() && !notChecked.contains(text))
            notChecked << text;
    }
    v[u"not_checked"_s] = bullets(notChecked);
    if (wording.sawEnglish && !notChecked.isEmpty())
        v[u"not_checked_english"_s] = u"1"_s;
    if (wording.sawTime || !v.value(u"window"_s).isEmpty())
        v[u"times"_s] = u"1"_s;
    if (zone)
        v[u"zone"_s] = escaped(zoneName(*zone, inv.window));

    v[u"body"_s] = fill(templates.text(lang, out.category), v).trimmed();
    out.reply = fill(templates.text(lang, Templates::frameName()), v);
    out.note = internalNote(inv, filter, withheld, out.category, lang, docs);
    return out;
}

} // namespace Casefile::Reply
