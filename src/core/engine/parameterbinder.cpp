#include "core/engine/parameterbinder.h"

#include "core/analysis/analysisutil.h"

#include "core/engine/textnormalizer.h"
#include "core/engine/timeexpressions.h"
#include "core/text/language.h"
#include "core/text/quotedthread.h"
#include "core/time.h"

#include <QHash>
#include <QJsonArray>
#include <QRegularExpression>
#include <QTimeZone>

#include <cstdlib>
#include <functional>

using namespace Qt::StringLiterals;

namespace Casefile {

namespace {

constexpr qsizetype MaxText = 20000;
constexpr qsizetype MaxKeywords = 12; // terms of a bug or doc search
constexpr int TicketMarginMinutes = 5;

// `hour`:00 of `date` on the customer's clock (UTC when the ticket names no zone), in UTC.
QDateTime hourOfDay(const QDate &date, int hour, const std::optional<QTimeZone> &zone)
{
    return QDateTime(date, QTime(hour, 0), zone ? *zone : QTimeZone::utc()).toUTC();
}

// Earlier of two times, ignoring invalid ones.
QDateTime earliest(const QDateTime &a, const QDateTime &b)
{
    if (!a.isValid())
        return b;
    if (!b.isValid())
        return a;
    return std::min(a, b);
}

QString firstCapture(const QRegularExpression &re, const QString &text, int group = 1)
{
    const auto m = re.match(text);
    return m.hasMatch() ? m.captured(group) : QString();
}

QString trimUrlTail(QString s)
{
    while (!s.isEmpty() && QStringLiteral(".,;:!?)]}'\"`>").contains(s.back()))
        s.chop(1);
    return s;
}

} // namespace

namespace {

// The earliest time the ticket says the problem started. A bare day word ("OpenAI had an
// incident yesterday") says less than a start ("since yesterday", "for the past 2 hours",
// "13:45 UTC"): bare words count only when nothing says when it started. A day or a part of
// one said as the start ("since this morning", "seit Montag") is coarse: a time of day the
// customer gives within that day ("since 9:05", "vor 2 Stunden") says more precisely when it
// began and wins over the day's start. A pasted log line's time only says that failures had
// begun by then, so it never refines a day on its own.
struct AnchorSearch
{
    QDateTime t;        // the ticket's time, UTC
    QDateTime stated;   // a time of day or an amount ago, in the customer's words
    QDateTime observed; // a timestamp pasted in the ticket
    QDateTime coarse;   // the start of a day or a part of one said as the start
    QDateTime weak;     // a bare day word

    enum class Kind { Stated, Observed, Coarse, Weak };
    void consider(const QDateTime &candidate, Kind kind)
    {
        // Only the past, and not absurdly far: a month at most.
        if (!candidate.isValid() || candidate > t || candidate < t.addDays(-31))
            return;
        QDateTime &slot = kind == Kind::Stated     ? stated
                          : kind == Kind::Observed ? observed
                          : kind == Kind::Coarse   ? coarse
                                                   : weak;
        slot = earliest(slot, candidate);
    }
    void considerDay(const QDateTime &start, bool saidAsStart)
    {
        consider(start, saidAsStart ? Kind::Coarse : Kind::Weak);
    }
    QDateTime result() const
    {
        const QDateTime precise = earliest(stated, observed);
        if (coarse.isValid()) {
            const bool refines = stated.isValid() && stated >= coarse && stated < coarse.addDays(1);
            return refines ? precise : earliest(precise, coarse);
        }
        return precise.isValid() ? precise : weak;
    }
};

// "for the past 2 hours", "2 hours ago", "depuis 2 h 30 min", "hace unas 3 horas", "há 45
// minutos", "vor 2 Stunden", "il y a 2 heures", "seit 2 Stunden", "2時間前から", hedged or not
// ("há cerca de 3 horas", "vor etwa 2 Stunden"): a start that far before the ticket.
void relativeAmounts(const QString &text, AnchorSearch &s)
{
    for (const qint64 seconds : TimeText::durationsAgo(text)) {
        if (seconds > 0)
            s.consider(s.t.addSecs(-seconds), AnchorSearch::Kind::Stated);
    }
}

// Times of day in the ticket's words and zone ("since 9am Berlin time", "seit 14 Uhr MEZ",
// "desde las 9 de la mañana (hora de Madrid)", "午前9時から"), converted to UTC.
void clockTimes(const QString &rawText, const std::optional<QTimeZone> &zone, AnchorSearch &s)
{
    for (const TimeText::Clock &c : TimeText::clockTimes(rawText))
        s.consider(TimeText::toUtc(c, s.t, zone), AnchorSearch::Kind::Stated);
}

// ISO dates and times: "2026-11-19", "2026-11-19T09:14:00Z", "2026-11-19 09:14+02:00", and a
// zone written right after the time, "2026-11-19 09:14:00 EDT" (on that date's offset).
void isoTimes(const QString &text, AnchorSearch &s)
{
    static const QRegularExpression iso(
        u"\\b(\\d{4}-\\d{2}-\\d{2})(?:[t ](\\d{2}):(\\d{2})(?::(\\d{2}))?(?:\\.\\d+)?(z|[+-]\\d{2}:?\\d{2})?)?"_s,
        QRegularExpression::CaseInsensitiveOption);
    for (auto it = iso.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        const QDate date = QDate::fromString(m.captured(1), u"yyyy-MM-dd"_s);
        if (!date.isValid())
            continue;
        if (m.captured(2).isEmpty()) {
            s.considerDay(QDateTime(date, QTime(0, 0), QTimeZone::utc()), true);
            continue;
        }
        const QTime time(m.captured(2).toInt(), m.captured(3).toInt(),
                         m.captured(4).isEmpty() ? 0 : m.captured(4).toInt());
        QDateTime dt(date, time, QTimeZone::utc());
        const QString zone = m.captured(5);
        if (zone.size() > 1) { // an offset: convert to UTC
            const int sign = zone.startsWith(u'-') ? -1 : 1;
            const QString digits = QString(zone.mid(1)).remove(u':');
            const int offset = digits.left(2).toInt() * 3600 + digits.mid(2, 2).toInt() * 60;
            dt = dt.addSecs(-sign * qint64(offset));
        } else if (zone.isEmpty()) {
            // the clock and what follows it on the line: "09:14:00 EDT", "09:14 (CET)"
            const QString clock =
                text.mid(m.capturedStart(2), m.capturedEnd(0) - m.capturedStart(2) + 7)
                    .section(u'\n', 0, 0);
            if (const auto named = Text::detectTimeZone(clock))
                dt = QDateTime(date, time, *named).toUTC();
        }
        s.consider(dt, AnchorSearch::Kind::Observed);
    }
}

// 0: not mentioned; 1: mentioned; 2: mentioned as the start ("since <phrase>").
int dayMention(const QString &folded, std::initializer_list<const char16_t *> phrases)
{
    int best = 0;
    for (const char16_t *p : phrases) {
        const QString phrase = QString::fromUtf16(p);
        const bool spaceless = phrase.front().unicode() > 0x2000;
        if (spaceless ? !folded.contains(phrase) : findTerm(folded, phrase).count == 0)
            continue;
        best = std::max(best, 1);
        // Japanese marks a start after the word (昨日から), the others before it
        for (const QString &w : spaceless ? TimeText::startMarksAfter() : TimeText::startWords()) {
            if (spaceless ? folded.contains(phrase + w)
                          : findTerm(folded, w + u' ' + phrase).count > 0)
                best = 2;
        }
    }
    return best;
}

// Day words in six languages ("this morning", "esta mañana", "heute früh", "昨日", "this week",
// "le week-end"), read on the customer's clock when the ticket names a zone ("this morning,
// Tokyo time").
void dayWords(const QString &text, const std::optional<QTimeZone> &zone, AnchorSearch &s)
{
    const QString folded = foldForMatching(text, MaxText);
    const QDateTime t = zone ? s.t.toTimeZone(*zone) : s.t;
    // `hour` of the customer's day `t` (moved by days), in UTC.
    auto localHour = [&](const QDateTime &day, int hour) {
        return hourOfDay(day.date(), hour, zone);
    };
    auto day = [&](std::initializer_list<const char16_t *> phrases, const QDateTime &at) {
        const int m = dayMention(folded, phrases);
        if (m > 0)
            s.considerDay(at, m == 2);
        return m > 0;
    };
    // days and their parts ("since yesterday afternoon", "esta mañana", "hier soir", "昨日の午後")
    for (const TimeText::DayReference &r : TimeText::dayReferences(text))
        s.considerDay(TimeText::startOf(r, s.t, zone), r.start);
    day({u"this week", u"cette semaine", u"diese woche", u"esta semana", u"今週"},
        localHour(t.addDays(-(t.date().dayOfWeek() - 1)), 0));
    day({u"last week", u"la semaine derniere", u"letzte woche", u"la semana pasada",
         u"semana passada", u"先週"},
        localHour(t.addDays(-(t.date().dayOfWeek() - 1) - 7), 0));
    const int back =
        t.date().dayOfWeek() >= 6 ? t.date().dayOfWeek() - 6 : t.date().dayOfWeek() + 1;
    day({u"weekend", u"week end", u"wochenende", u"fin de semana", u"fim de semana", u"週末"},
        localHour(t.addDays(-back), 0));
}

// "since Monday", "on Friday", "desde el lunes", "seit Montag", "depuis lundi", "火曜日から"
// (TimeText's grammar). Only a start says when the problem began; a bare day ("we rotated the
// key on Friday", "la rotamos el viernes") dates something else and counts only when nothing
// says when it started, like a bare day word.
void weekdays(const QString &text, const std::optional<QTimeZone> &zone, AnchorSearch &s)
{
    for (const TimeText::WeekdayReference &r : TimeText::weekdayReferences(text)) {
        const QDate today = (zone ? s.t.toTimeZone(*zone) : s.t).date();
        int back = today.dayOfWeek() - r.weekday;
        if (back <= 0)
            back += 7; // "since Monday" said on a Monday means last week's
        s.considerDay(hourOfDay(today.addDays(-back), 0, zone), r.start);
    }
}

} // namespace

QDateTime ParameterBinder::anchorFromText(const QString &rawText, const QDateTime &ticketTime)
{
    if (!ticketTime.isValid())
        return {};
    AnchorSearch s;
    s.t = ticketTime.toUTC();
    const QString capped = rawText.left(MaxText);
    const QString text = capped.toLower();
    const std::optional<QTimeZone> zone = Text::customerTimeZone(capped);
    relativeAmounts(text, s);
    clockTimes(capped, zone, s);
    isoTimes(capped, s);
    dayWords(text, zone, s);
    weekdays(text, zone, s);
    return s.result();
}

namespace {

// The ticket's own org, else the requester's e-mail domain, else a name the ticket mentions.
void bindOrganisation(const Ticket &ticket, const QString &text,
                      const QList<Organisation> &organisations, BoundParameters &p)
{
    p.org = ticket.orgId;
    p.orgName = ticket.orgName;
    const QString domain = ticket.requesterEmail.section(u'@', 1).trimmed().toLower();
    for (const Organisation &o : organisations) {
        if (!p.org.isEmpty()) {
            if (o.id == p.org && p.orgName.isEmpty())
                p.orgName = o.name;
            continue;
        }
        for (const QString &d : o.domains) {
            const QString dd = d.trimmed().toLower();
            if (!domain.isEmpty() && !dd.isEmpty() &&
                (domain == dd || domain.endsWith(u'.' + dd))) {
                p.org = o.id;
                p.orgName = o.name;
            }
        }
    }
    if (!p.org.isEmpty())
        return;
    const QString folded = foldForMatching(text);
    for (const Organisation &o : organisations) {
        const QString name = foldForMatching(o.name).trimmed();
        if (name.size() >= 3 && folded.contains(u' ' + name + u' ')) {
            p.org = o.id;
            p.orgName = o.name;
            return;
        }
    }
}

// [anchor - look-back, ticket time + margin), never after the workspace's clock.
void bindWindow(const Ticket &ticket, const QString &text, const QDateTime &now,
                int windowHoursBefore, BoundParameters &p)
{
    const QDateTime clock = now.isValid() ? now.toUTC() : QDateTime::currentDateTimeUtc();
    QDateTime ticketTime = ticket.createdAt.isValid() ? ticket.createdAt.toUTC() : clock;
    if (ticketTime > clock)
        ticketTime = clock;
    p.anchor = ParameterBinder::anchorFromText(text, ticketTime);
    const QDateTime base = p.anchor.isValid() ? p.anchor : ticketTime;
    QDateTime from = base.addSecs(-qint64(std::max(1, windowHoursBefore)) * 3600);
    from = QDateTime(from.date(), QTime(from.time().hour(), 0),
                     QTimeZone::utc()); // whole hours read better
    QDateTime to = std::min(ticketTime.addSecs(TicketMarginMinutes * 60), clock);
    if (to <= from)
        to = from.addSecs(3600);
    p.window = TimeWindow{from, to};
}

struct ProviderWord
{
    const char16_t *word;
    const char16_t *provider;
};

const ProviderWord ProviderWords[] = {{u"anthropic", u"anthropic"},
                                      {u"claude", u"anthropic"},
                                      {u"openai", u"openai"},
                                      {u"open ai", u"openai"},
                                      {u"gpt", u"openai"},
                                      {u"chatgpt", u"openai"},
                                      {u"o1", u"openai"},
                                      {u"o3", u"openai"},
                                      {u"o4", u"openai"},
                                      {u"gemini", u"google"},
                                      {u"google", u"google"},
                                      {u"vertex", u"google"},
                                      {u"azure", u"azure-openai"},
                                      {u"bedrock", u"bedrock"},
                                      {u"aws", u"bedrock"},
                                      {u"mistral", u"mistral-ai"},
                                      {u"mixtral", u"mistral-ai"},
                                      {u"cohere", u"cohere"},
                                      {u"groq", u"groq"},
                                      {u"together", u"together-ai"},
                                      {u"deepseek", u"deepseek"},
                                      {u"perplexity", u"perplexity-ai"},
                                      {u"fireworks", u"fireworks-ai"}};

QString familyOfModel(const QString &model)
{
    return model.startsWith(u"claude"_s)                                      ? u"anthropic"_s
           : model.startsWith(u"gemini"_s)                                    ? u"google"_s
           : model.startsWith(u"mistral"_s) || model.startsWith(u"mixtral"_s) ? u"mistral-ai"_s
           : model.startsWith(u"command"_s)                                   ? u"cohere"_s
           : model.startsWith(u"llama"_s)                                     ? QString()
           : model.startsWith(u"deepseek"_s)                                  ? u"deepseek"_s
                                                                              : u"openai"_s;
}

// Provider and model: the first one the ticket names ("Claude fails but GPT-4o works" is
// about Anthropic); a model of another provider is the one that "works" and is not it.
void bindProviderAndModel(const QString &lower, BoundParameters &p)
{
    static const QRegularExpression providerRe = [] {
        QStringList alts;
        for (const ProviderWord &w : ProviderWords)
            alts.append(QRegularExpression::escape(QString::fromUtf16(w.word)));
        return QRegularExpression(u"(?<![a-z0-9_-])("_s + alts.join(u'|') + u")(?![a-z])"_s);
    }();
    static const QRegularExpression modelRe(
        u"(?<![a-z0-9_./-])((?:gpt-?[0-9][a-z0-9.\\-]*|o[134](?:-mini|-preview|-pro)?|claude-[a-z0-9.\\-]+|gemini-[a-z0-9.\\-]+|mistral-[a-z0-9.\\-]+|mixtral-[a-z0-9.\\-]+|command-r[a-z0-9.\\-+]*|llama-?[0-9][a-z0-9.\\-]*|deepseek-[a-z0-9.\\-]+|text-embedding-[a-z0-9.\\-]+))(?![a-z0-9])"_s);
    if (const auto m = providerRe.match(lower); m.hasMatch()) {
        for (const ProviderWord &w : ProviderWords) {
            if (QStringView(w.word) == m.captured(1)) {
                p.provider = QString::fromUtf16(w.provider);
                break;
            }
        }
    }
    if (lower.contains(u"azure openai"_s) || lower.contains(u"azure-openai"_s))
        p.provider = u"azure-openai"_s;        // explicit "azure openai" beats "openai"
    QList<std::pair<QString, QString>> models; // model, provider family
    for (auto it = modelRe.globalMatch(lower); it.hasNext() && models.size() < 20;) {
        QString model = it.next().captured(1);
        while (model.endsWith(u'.') || model.endsWith(u'-'))
            model.chop(1);
        models.append({model, familyOfModel(model)});
    }
    if (p.provider.isEmpty() && !models.isEmpty())
        p.provider = models.first().second;
    auto compatible = [&](const QString &family) {
        return family.isEmpty() || family == p.provider || p.provider == u"bedrock"_s ||
               (p.provider == u"azure-openai"_s && family == u"openai"_s);
    };
    for (const auto &[model, family] : models) {
        if (compatible(family)) {
            p.model = model;
            break;
        }
    }
}

// Route ("/v1/chat/completions"), endpoint (a URL that is not our API route), SDK.
void bindRouteEndpointSdk(const QString &text, const QString &lower, BoundParameters &p)
{
    static const QRegularExpression routeRe(u"(?<![a-z0-9])(/v[0-9]+(?:/[a-z0-9_\\-.]+)+)"_s,
                                            QRegularExpression::CaseInsensitiveOption);
    p.route = trimUrlTail(firstCapture(routeRe, text));
    static const QRegularExpression urlRe(u"\\bhttps?://[^\\s\"'<>`]+"_s,
                                          QRegularExpression::CaseInsensitiveOption);
    QString firstUrl;
    for (auto it = urlRe.globalMatch(text); it.hasNext();) {
        const QString url = trimUrlTail(it.next().captured(0));
        if (url.size() > 2048)
            continue;
        if (firstUrl.isEmpty())
            firstUrl = url;
        const QString path = url.section(u'/', 3);
        if (!QString(u'/' + path).startsWith(u"/v1/"_s)) {
            p.endpoint = url;
            break;
        }
    }
    if (p.endpoint.isEmpty() && lower.contains(u"hook"_s))
        p.endpoint = firstUrl;
    static const QRegularExpression sdkRe(
        u"\\b([a-z][a-z0-9]*(?:[-_.][a-z0-9]+)*[-_](?:python|node|js|ts|go|java|ruby|dotnet|sdk|ai))\\s*(?:==|@|/|\\s+v(?:ersion)?\\s*|\\s+|\\s*v)(\\d+\\.\\d+(?:\\.\\d+)?(?:[-.][a-z0-9]+)?)"_s);
    if (const auto m = sdkRe.match(lower); m.hasMatch())
        p.sdk = m.captured(1) + u'/' + m.captured(2);
}

// Keywords for bug and doc searches: salient words, subject first; a reply's subject (the
// thread's first topic, which may no longer be the body's) after the body's words.
QStringList keywordsOf(const Ticket &ticket)
{
    const QStringList subject = salientWords(foldForMatching(ticket.subject, 2000), 6);
    const QStringList body = salientWords(foldForMatching(ticket.description, MaxText), 16);
    const bool reply = Text::isReplySubject(ticket.subject);
    QStringList keywords;
    for (const QStringList *part : {reply ? &body : &subject, reply ? &subject : &body}) {
        for (const QString &w : *part) {
            if (keywords.size() >= MaxKeywords)
                return keywords;
            if (!keywords.contains(w))
                keywords.append(w);
        }
    }
    return keywords;
}

// The customer's own theory of the cause, in their words, and the category it suggests.
void bindCustomerHypothesis(const QString &text, BoundParameters &p)
{
    static const QRegularExpression theory(
        u"(?:\\bi think\\b|\\bi guess\\b|\\bi suspect\\b|\\bwe suspect\\b|\\bwe think\\b|"
        u"\\bprobably\\b|\\bmust be\\b|\\bmy guess\\b|\\bcreo que\\b|\\bsospecho\\b|"
        u"\\bseguramente\\b|\\bacho que\\b|\\bsuspeito\\b|\\bprovavelmente\\b|"
        u"\\bich glaube\\b|\\bwir vermuten\\b|\\bvermutlich\\b|\\bwahrscheinlich\\b|"
        u"\\bje pense que\\b|\\bje crois que\\b|\\bsans doute\\b|\\bprobablement\\b|"
        u"\\bmy theory\\b|\\bour theory\\b|\\bmy hunch\\b|\\bwe believe\\b|\\bi believe\\b|"
        u"\\bcould it be\\b|\\bmaybe (?:it|this|that|the|your|our)\\b|"
        u"\\b(?:meine|unsere) vermutung\\b|\\bich vermute\\b|\\bwir glauben\\b|"
        u"\\bliegt es (?:vielleicht |wohl )?an\\b|\\bk(?:ö|oe)nnte es\\b|"
        u"\\bcreemos que\\b|\\b(?:mi|nuestra) teor(?:í|i)a\\b|\\bsospechamos\\b|"
        u"\\b(?:tal vez|quiz(?:á|a)s?|puede que) sea\\b|\\bachamos que\\b|"
        u"\\bacreditamos que\\b|\\bminha teoria\\b|\\bsuspeitamos\\b|\\btalvez seja\\b|"
        u"\\bser(?:á|a) que\\b|\\b(?:je|on|nous) soup(?:ç|c)onn\\w*|\\b(?:nous|on) pens(?:ons|e) "
        u"que\\b|"
        u"\\bmon hypoth(?:è|e)se\\b|\\bma th(?:é|e)orie\\b|\\bserait-ce\\b|"
        u"と思います|と思われます|のせいでは|原因では|のではないか|かもしれません)[^.!?\\n。！？]{0,160}"_s,
        QRegularExpression::CaseInsensitiveOption | QRegularExpression::UseUnicodePropertiesOption);
    const auto m = theory.match(text);
    if (!m.hasMatch())
        return;
    p.customerHypothesis = m.captured(0).trimmed().left(200);
    // The Japanese markers close the sentence: take the clause before them too.
    if (m.captured(0).startsWith(u'と') || m.captured(0).startsWith(u'の') ||
        m.captured(0).startsWith(u'原') || m.captured(0).startsWith(u'か')) {
        const qsizetype start = std::max<qsizetype>(0, m.capturedStart() - 60);
        p.customerHypothesis = text.mid(start, m.capturedEnd() - start).trimmed();
    }
    const QString f = foldForMatching(p.customerHypothesis);
    struct Cue
    {
        const char16_t *category;
        std::initializer_list<const char16_t *> words;
    };
    static const Cue cues[] = {
        {u"deploy_regression",
         {u"deploy", u"release", u"update", u"change", u"despliegue", u"cambio", u"atualiza",
          u"mudanca", u"deployment", u"anderung", u"mise a jour", u"デプロイ", u"リリース"}},
        {u"provider_outage",
         {u"openai", u"anthropic", u"claude", u"gemini", u"google", u"azure", u"provider",
          u"outage", u"incident", u"proveedor", u"provedor", u"anbieter", u"fournisseur"}},
        {u"rate_limited", {u"rate limit", u"429", u"quota", u"limite", u"throttl"}},
        {u"customer_config",
         {u"config",  u"our setup",   u"configuracion", u"configuracao", u"konfiguration",
          u"設定",    u"credential",  u"credentials",   u"iam",          u"permission",
          u"api key", u"virtual key", u"berechtigung",  u"zugangsdaten", u"credencial",
          u"permiso", u"permissao",   u"identifiant",   u"権限",         u"認証情報"}},
        {u"sdk_version", {u"sdk", u"version", u"library", u"client"}},
        {u"billing_pipeline", {u"billing", u"metering", u"invoice", u"factura", u"fatura"}},
    };
    // The kind of cause the theory names first: "I think OpenAI changed something" blames the
    // provider, "your deploy broke the OpenAI route" a deploy; a cue it denies ("not the
    // deploy") names none.
    qsizetype first = -1;
    for (const Cue &c : cues) {
        for (const char16_t *w : c.words) {
            const qsizetype at = findTerm(f, foldForMatching(QString::fromUtf16(w))).first;
            if (at >= 0 && (first < 0 || at < first)) {
                first = at;
                p.customerHypothesisCategory = QString::fromUtf16(c.category);
            }
        }
    }
}

} // namespace

BoundParameters ParameterBinder::bind(const Ticket &asWritten,
                                      const QList<Organisation> &organisations,
                                      const QDateTime &now, int windowHoursBefore)
{
    // What the customer wrote this time: an earlier reply quoted under it speaks of older
    // times and other topics.
    Ticket ticket = asWritten;
    ticket.description = Text::withoutQuotedThread(asWritten.description);
    BoundParameters p;
    const QString text = QString(ticket.subject + u"\n"_s + ticket.description).left(MaxText);
    const QString lower = text.toLower();
    bindOrganisation(ticket, text, organisations, p);
    bindWindow(ticket, text, now, windowHoursBefore, p);
    bindProviderAndModel(lower, p);
    bindRouteEndpointSdk(text, lower, p);
    bindCustomerHypothesis(text, p);
    p.keywords = keywordsOf(ticket);
    p.values = templateValues(p, ticket);
    return p;
}

ParameterBinder::Observed ParameterBinder::observedIn(const QMap<QString, StepData> &steps)
{
    Observed seen;
    const auto note = [&](const QString &key, const QJsonValue &v) {
        const QString value = v.toString().trimmed().toLower();
        QStringList *list = key == u"provider"_s ? &seen.providers
                            : key == u"model"_s  ? &seen.models
                                                 : nullptr;
        if (list && !value.isEmpty() && !list->contains(value))
            list->append(value);
    };
    // Any "provider" or "model" value in what the organisation's logs returned: series
    // labels, objects, and the columns of tables ({"columns": [...], "rows": [[...]]}).
    std::function<void(const QJsonValue &)> walk = [&](const QJsonValue &v) {
        if (seen.providers.size() + seen.models.size() > 200)
            return;
        if (v.isArray()) {
            for (const QJsonValue &x : v.toArray())
                walk(x);
            return;
        }
        if (!v.isObject())
            return;
        const QJsonObject o = v.toObject();
        const QJsonArray columns = o.value(u"columns"_s).toArray();
        for (qsizetype c = 0; c < columns.size(); ++c) {
            const QString name = columns.at(c).toString();
            if (name != u"provider"_s && name != u"model"_s)
                continue;
            for (const QJsonValue &row : o.value(u"rows"_s).toArray()) {
                if (row.isArray())
                    note(name, row.toArray().at(c));
            }
        }
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (it.key() == u"provider"_s || it.key() == u"model"_s)
                note(it.key(), it.value());
            else
                walk(it.value());
        }
    };
    for (const StepData &step : steps) {
        if (step.record.connector != u"clickhouse"_s)
            continue; // the organisation's own logs, not a status page or a bug tracker
        for (const Evidence &e : step.evidence)
            walk(e.data);
    }
    return seen;
}

QStringList ParameterBinder::reconcile(BoundParameters &p, const Observed &seen)
{
    QStringList notes;
    if (!seen.providers.isEmpty()) {
        if (!p.provider.isEmpty() && !seen.providers.contains(p.provider)) {
            const QString said = p.provider;
            // the ticket's vendor under the logs' spelling ("Azure": "azure" or "azure-openai")
            QStringList spelled;
            for (const QString &s : seen.providers) {
                if (Analysis::vendorOf(s) == Analysis::vendorOf(said))
                    spelled.append(s);
            }
            p.provider = spelled.size() == 1          ? spelled.first()
                         : seen.providers.size() == 1 ? seen.providers.first()
                                                      : QString();
            p.entityCorrections.append({u"provider"_s, said, p.provider});
            notes.append(
                spelled.size() == 1
                    ? u"the ticket's %1 is %2 in the organisation's logs"_s.arg(said, p.provider)
                : p.provider.isEmpty()
                    ? u"the ticket names %1, but the organisation's logs show no %1 traffic "
                      u"in the window (only %2): the logs win, no provider filter"_s.arg(
                          said, seen.providers.mid(0, 5).join(u", "_s))
                    : u"the ticket names %1, but the organisation's logs show only %2 in the "
                      u"window: the logs win"_s.arg(said, p.provider));
        } else if (p.provider.isEmpty() && seen.providers.size() == 1) {
            p.provider = seen.providers.first();
            p.entityCorrections.append({u"provider"_s, QString(), p.provider});
            notes.append(
                u"the ticket names no provider; the organisation's logs show only %1"_s.arg(
                    p.provider));
        }
    }
    if (!seen.models.isEmpty() && !p.model.isEmpty() && !seen.models.contains(p.model)) {
        // "gpt-4o" in the ticket, "gpt-4o-2024-08-06" in the logs: the same model.
        QString match;
        for (const QString &m : seen.models) {
            // A dated snapshot of the same model, not a sibling ("gpt-4o-mini").
            if (m.startsWith(p.model + u'-') && m.size() > p.model.size() + 1 &&
                m.at(p.model.size() + 1).isDigit() && (match.isEmpty() || m.size() < match.size()))
                match = m;
        }
        const QString said = p.model;
        p.model = match;
        p.entityCorrections.append({u"model"_s, said, match});
        notes.append(match.isEmpty()
                         ? u"the ticket names model %1, which the organisation's logs do not "
                           u"show in the window (%2): the logs win, no model filter"_s.arg(
                               said, seen.models.mid(0, 5).join(u", "_s))
                         : u"the ticket's %1 is %2 in the organisation's logs"_s.arg(said, match));
    }
    if (!notes.isEmpty()) {
        p.entityNotes += notes;
        p.values.insert(u"provider"_s, p.provider);
        p.values.insert(u"model"_s, p.model);
    }
    return notes;
}

QString ParameterBinder::correctTime(BoundParameters &p, const QDateTime &onset)
{
    if (!p.anchor.isValid() || !onset.isValid())
        return {};
    const qint64 apart = p.anchor.secsTo(onset);
    if (std::abs(apart) <= TimeAgreesSecs)
        return {};
    const QDateTime said = p.anchor;
    p.anchor = onset;
    if (onset < p.window.from)
        p.window.from = QDateTime(onset.date(), QTime(onset.time().hour(), 0), QTimeZone::utc());
    p.entityCorrections.append({u"time"_s, toIsoUtc(said), toIsoUtc(onset)});
    const QString note =
        u"the ticket's time (%1) is %2 h %3 the change the organisation's logs show at %4: "
        u"the logs win"_s.arg(toIsoUtc(said))
            .arg(QString::number(std::abs(apart) / 3600.0, 'f', 1))
            .arg(apart > 0 ? u"before"_s : u"after"_s)
            .arg(toIsoUtc(onset));
    p.entityNotes.append(note);
    p.values.insert(u"anchor"_s, toIsoUtc(p.anchor));
    p.values.insert(u"window.from"_s, toIsoUtc(p.window.from));
    return note;
}

QString ParameterBinder::widenToOnset(BoundParameters &p, const QDateTime &onset, int hoursBefore,
                                      int maxLookBackDays)
{
    if (!onset.isValid() || !p.window.isValid() || onset >= p.window.to)
        return {};
    if (p.anchor.isValid() && std::abs(p.anchor.secsTo(onset)) <= TimeAgreesSecs)
        return {}; // the ticket's time agrees with the logs
    const QDateTime floor = p.window.to.addDays(-std::max(1, maxLookBackDays));
    QDateTime from = onset.addSecs(-qint64(std::max(1, hoursBefore)) * 3600);
    from = QDateTime(from.date(), QTime(from.time().hour(), 0), QTimeZone::utc());
    if (from < floor)
        from = floor;
    // less than an hour more baseline is not worth running the steps again
    if (from.secsTo(p.window.from) < 3600)
        return {};
    const QDateTime was = p.window.from;
    p.window.from = from;
    p.entityCorrections.append({u"window"_s, toIsoUtc(was), toIsoUtc(from)});
    p.values.insert(u"window.from"_s, toIsoUtc(from));
    const QString why =
        p.anchor.isValid()
            ? u"the ticket's time (%1) is %2 h %3 the change"_s.arg(toIsoUtc(p.anchor))
                  .arg(QString::number(std::abs(p.anchor.secsTo(onset)) / 3600.0, 'f', 1))
                  .arg(p.anchor < onset ? u"before"_s : u"after"_s)
            : u"the ticket gives no time for the change"_s;
    const QString note = u"the organisation's logs show the change beginning at %1 and %2: the "
                         u"window now starts at %3 instead of %4 and the steps that read it ran "
                         u"again"_s.arg(toIsoUtc(onset), why, toIsoUtc(from), toIsoUtc(was));
    p.entityNotes.append(note);
    return note;
}

QJsonObject ParameterBinder::templateValues(const BoundParameters &p, const Ticket &ticket)
{
    QJsonObject v;
    v.insert(u"org"_s, p.org);
    v.insert(u"org_name"_s, p.orgName);
    v.insert(u"window.from"_s, toIsoUtc(p.window.from));
    v.insert(u"window.to"_s, toIsoUtc(p.window.to));
    v.insert(u"anchor"_s, p.anchor.isValid() ? toIsoUtc(p.anchor) : QString());
    v.insert(u"provider"_s, p.provider);
    v.insert(u"model"_s, p.model);
    v.insert(u"route"_s, p.route);
    v.insert(u"endpoint"_s, p.endpoint);
    v.insert(u"sdk"_s, p.sdk);
    v.insert(u"customer_hypothesis"_s, p.customerHypothesis);
    v.insert(u"keywords"_s, QJsonArray::fromStringList(p.keywords));
    v.insert(u"ticket.id"_s, ticket.id);
    v.insert(u"ticket.requester_domain"_s,
             ticket.requesterEmail.section(u'@', 1).trimmed().toLower());
    v.insert(u"ticket.subject"_s, ticket.subject.left(500));
    // The same organisation, for a step over every organisation that keeps the ticket's in its
    // answer: not a step reading the organisation's own logs, as a step naming {{org}} is.
    v.insert(u"ticket.org"_s, p.org);
    return v;
}

} // namespace Casefile
