#include "core/engine/parameterbinder.h"

#include "core/engine/textnormalizer.h"
#include "core/investigationjson.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace Casefile {

namespace {

constexpr qsizetype MaxText = 20000;
constexpr int TicketMarginMinutes = 5;

QDateTime atTime(const QDateTime &day, int hour, int minute = 0)
{
    return QDateTime(day.date(), QTime(hour, minute), QTimeZone::utc());
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

int weekdayFromName(const QString &w)
{
    static const QStringList names{u"monday"_s, u"tuesday"_s,  u"wednesday"_s, u"thursday"_s,
                                   u"friday"_s, u"saturday"_s, u"sunday"_s};
    return int(names.indexOf(w)) + 1; // 0 when unknown
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

QDateTime ParameterBinder::anchorFromText(const QString &rawText, const QDateTime &ticketTime)
{
    if (!ticketTime.isValid())
        return {};
    const QDateTime t = ticketTime.toUTC();
    const QString text = rawText.left(MaxText).toLower();
    QDateTime anchor;
    // A bare day word ("OpenAI had an incident yesterday") says less than a start ("since
    // yesterday", "for the past 2 hours", "13:45 UTC"): bare words count only when nothing
    // says when it started.
    QDateTime weakAnchor;
    auto consider = [&](const QDateTime &candidate, bool strong = true) {
        // Only the past, and not absurdly far: a month at most.
        if (!candidate.isValid() || candidate > t || candidate < t.addDays(-31))
            return;
        if (strong)
            anchor = earliest(anchor, candidate);
        else
            weakAnchor = earliest(weakAnchor, candidate);
    };

    // Relative amounts: "for the past 2 hours", "last 3 days", "in the last 30 minutes", "2 hours
    // ago".
    static const QRegularExpression amount(
        u"\\b(?:past|last|for|since|about|over)\\s+(?:the\\s+)?(?:past\\s+|last\\s+)?(\\d{1,3}|a|an|one|two|three|four|five|six|several|few)\\s*(minutes?|mins?|hours?|hrs?|h|days?|weeks?)\\b|\\b(\\d{1,3}|an?|one|two|three)\\s*(minutes?|mins?|hours?|hrs?|days?|weeks?)\\s+ago\\b"_s);
    auto number = [](const QString &w) -> int {
        bool ok = false;
        const int n = w.toInt(&ok);
        if (ok)
            return n;
        static const QStringList words{u"a"_s,    u"one"_s,  u"two"_s, u"three"_s,
                                       u"four"_s, u"five"_s, u"six"_s};
        if (w == u"an"_s)
            return 1;
        if (w == u"several"_s || w == u"few"_s)
            return 3;
        const qsizetype i = words.indexOf(w);
        return i < 0 ? 0 : int(std::max<qsizetype>(1, i));
    };
    for (auto it = amount.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        const int n = number(m.captured(1).isEmpty() ? m.captured(3) : m.captured(1));
        const QString unit = m.captured(2).isEmpty() ? m.captured(4) : m.captured(2);
        if (n <= 0)
            continue;
        if (unit.startsWith(u'm'))
            consider(t.addSecs(-qint64(n) * 60));
        else if (unit.startsWith(u'h'))
            consider(t.addSecs(-qint64(n) * 3600));
        else if (unit.startsWith(u'd'))
            consider(t.addDays(-n));
        else if (unit.startsWith(u'w'))
            consider(t.addDays(-7 * qint64(n)));
    }

    // "in the last hour or so", "the past few hours", "last couple of days".
    static const QRegularExpression vague(
        u"\\b(?:last|past)\\s+(few\\s+|couple\\s+(?:of\\s+)?)?(minutes|hour|hours|day|days)\\b"_s);
    for (auto it = vague.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        const bool few = !m.captured(1).isEmpty();
        const QString unit = m.captured(2);
        if (unit.startsWith(u'm'))
            consider(t.addSecs(few ? -15 * 60 : -30 * 60));
        else if (unit.startsWith(u'h'))
            consider(t.addSecs(few || unit == u"hours"_s ? -3 * 3600 : -3600));
        else
            consider(t.addDays(few || unit == u"days"_s ? -3 : -1));
    }

    // Times of day: "since 09:00", "since 9am", "around 14:30 utc", "at 9.15".
    static const QRegularExpression clock(
        u"\\b(?:since|from|at|around|about|after|starting|started|seit|ab|gegen|um|depuis|vers|desde|a partir de|a las|as)\\s+(?:about\\s+|around\\s+|approx\\.?\\s+|etwa\\s+|ca\\.?\\s+|environ\\s+|unos\\s+)?(\\d{1,2})(?:[:.h](\\d{2}))?\\s*(am|pm|a\\.m\\.|p\\.m\\.)?(?!\\d)"_s);
    for (auto it = clock.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        int hour = m.captured(1).toInt();
        const int minute = m.captured(2).isEmpty() ? 0 : m.captured(2).toInt();
        const QString ampm = m.captured(3);
        if (m.captured(2).isEmpty() && ampm.isEmpty())
            continue; // "since 3" is too vague (3 what?)
        if (ampm.startsWith(u'p') && hour < 12)
            hour += 12;
        if (ampm.startsWith(u'a') && hour == 12)
            hour = 0;
        if (hour > 23 || minute > 59)
            continue;
        QDateTime c = atTime(t, hour, minute);
        if (c > t)
            c = c.addDays(-1); // "since 23:00" said at 01:00 means last night
        consider(c);
    }

    // An explicit UTC time of day anywhere ("13:45 UTC").
    static const QRegularExpression utcClock(u"\\b(\\d{1,2}):(\\d{2})\\s*(?:utc|gmt|z)\\b"_s);
    for (auto it = utcClock.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        const int hour = m.captured(1).toInt();
        const int minute = m.captured(2).toInt();
        if (hour > 23 || minute > 59)
            continue;
        QDateTime c = atTime(t, hour, minute);
        if (c > t)
            c = c.addDays(-1);
        consider(c);
    }

    // ISO dates and times: "2026-11-19", "2026-11-19T09:14:00Z", "2026-11-19 09:14".
    static const QRegularExpression iso(
        u"\\b(\\d{4}-\\d{2}-\\d{2})(?:[t ](\\d{2}):(\\d{2})(?::(\\d{2}))?(?:\\.\\d+)?(z|[+-]\\d{2}:?\\d{2})?)?"_s);
    for (auto it = iso.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        const QDate date = QDate::fromString(m.captured(1), u"yyyy-MM-dd"_s);
        if (!date.isValid())
            continue;
        if (m.captured(2).isEmpty()) {
            consider(QDateTime(date, QTime(0, 0), QTimeZone::utc()));
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
        }
        consider(dt);
    }

    // Day words.
    const QString folded = foldForMatching(text, MaxText);
    static const QStringList startWords{u"since"_s, u"from"_s,    u"started"_s, u"starting"_s,
                                        u"began"_s, u"depuis"_s,  u"seit"_s,    u"desde"_s,
                                        u"until"_s, u"all day"_s, u"earlier"_s};
    // 0: not mentioned; 1: mentioned; 2: mentioned as the start ("since <phrase>").
    auto mention = [&](std::initializer_list<const char16_t *> phrases) {
        int best = 0;
        for (const char16_t *p : phrases) {
            const QString phrase = QString::fromUtf16(p);
            if (findTerm(folded, phrase).count == 0)
                continue;
            best = std::max(best, 1);
            for (const QString &w : startWords) {
                if (findTerm(folded, w + u' ' + phrase).count > 0)
                    best = 2;
            }
        }
        return best;
    };
    auto day = [&](std::initializer_list<const char16_t *> phrases, const QDateTime &at) {
        const int m = mention(phrases);
        if (m > 0)
            consider(at, m == 2);
        return m > 0;
    };
    day({u"this morning", u"ce matin", u"heute morgen", u"esta manana"},
        t.time().hour() >= 6 ? atTime(t, 6) : atTime(t, 0));
    day({u"this afternoon"}, t.time().hour() >= 12 ? atTime(t, 12) : atTime(t, 6));
    day({u"this evening", u"tonight"}, t.time().hour() >= 17 ? atTime(t, 17) : atTime(t, 12));
    day({u"today", u"aujourd hui", u"aujourdhui", u"heute", u"hoy", u"hoje"}, atTime(t, 0));
    day({u"last night", u"overnight", u"cette nuit", u"heute nacht", u"letzte nacht", u"anoche",
         u"esta noite"},
        atTime(t.addDays(-1), 18));
    if (!day({u"yesterday morning"}, atTime(t.addDays(-1), 6)) &&
        !day({u"yesterday afternoon"}, atTime(t.addDays(-1), 12)) &&
        !day({u"yesterday evening"}, atTime(t.addDays(-1), 17)))
        day({u"yesterday", u"hier", u"gestern", u"ayer", u"ontem"}, atTime(t.addDays(-1), 0));
    day({u"this week"}, atTime(t.addDays(-(t.date().dayOfWeek() - 1)), 0));
    day({u"last week"}, atTime(t.addDays(-(t.date().dayOfWeek() - 1) - 7), 0));
    {
        const int back =
            t.date().dayOfWeek() >= 6 ? t.date().dayOfWeek() - 6 : t.date().dayOfWeek() + 1;
        day({u"weekend"}, atTime(t.addDays(-back), 0));
    }
    static const QRegularExpression weekday(
        u"\\b(?:since|on|from|last)\\s+(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\\b"_s);
    for (auto it = weekday.globalMatch(text); it.hasNext();) {
        const int wd = weekdayFromName(it.next().captured(1));
        if (wd == 0)
            continue;
        int back = t.date().dayOfWeek() - wd;
        if (back <= 0)
            back += 7; // "since Monday" said on a Monday means last week's
        consider(atTime(t.addDays(-back), 0));
    }
    return anchor.isValid() ? anchor : weakAnchor;
}

BoundParameters ParameterBinder::bind(const Ticket &ticket,
                                      const QList<Organisation> &organisations,
                                      const QDateTime &now, int windowHoursBefore)
{
    BoundParameters p;
    const QString text = QString(ticket.subject + u"\n"_s + ticket.description).left(MaxText);
    const QString lower = text.toLower();

    // Organisation: the ticket's own, else the requester's e-mail domain, else a name the
    // ticket mentions.
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
    if (p.org.isEmpty()) {
        const QString folded = foldForMatching(text);
        for (const Organisation &o : organisations) {
            const QString name = foldForMatching(o.name).trimmed();
            if (name.size() >= 3 && folded.contains(u' ' + name + u' ')) {
                p.org = o.id;
                p.orgName = o.name;
                break;
            }
        }
    }

    // Window: [anchor - look-back, ticket time + margin), never after the workspace's clock.
    const QDateTime clock = now.isValid() ? now.toUTC() : QDateTime::currentDateTimeUtc();
    QDateTime ticketTime = ticket.createdAt.isValid() ? ticket.createdAt.toUTC() : clock;
    if (ticketTime > clock)
        ticketTime = clock;
    p.anchor = anchorFromText(text, ticketTime);
    const QDateTime base = p.anchor.isValid() ? p.anchor : ticketTime;
    QDateTime from = base.addSecs(-qint64(std::max(1, windowHoursBefore)) * 3600);
    from = QDateTime(from.date(), QTime(from.time().hour(), 0),
                     QTimeZone::utc()); // whole hours read better
    QDateTime to = std::min(ticketTime.addSecs(TicketMarginMinutes * 60), clock);
    if (to <= from)
        to = from.addSecs(3600);
    p.window = TimeWindow{from, to};

    // Provider and model: the first one the ticket names ("Claude fails but GPT-4o works" is
    // about Anthropic).
    struct ProviderWord
    {
        const char16_t *word;
        const char16_t *provider;
    };
    static const ProviderWord providerWords[] = {{u"anthropic", u"anthropic"},
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
    static const QRegularExpression providerRe = [] {
        QStringList alts;
        for (const ProviderWord &w : providerWords)
            alts.append(QRegularExpression::escape(QString::fromUtf16(w.word)));
        return QRegularExpression(u"(?<![a-z0-9_-])("_s + alts.join(u'|') + u")(?![a-z])"_s);
    }();
    static const QRegularExpression modelRe(
        u"(?<![a-z0-9_./-])((?:gpt-?[0-9][a-z0-9.\\-]*|o[134](?:-mini|-preview|-pro)?|claude-[a-z0-9.\\-]+|gemini-[a-z0-9.\\-]+|mistral-[a-z0-9.\\-]+|mixtral-[a-z0-9.\\-]+|command-r[a-z0-9.\\-+]*|llama-?[0-9][a-z0-9.\\-]*|deepseek-[a-z0-9.\\-]+|text-embedding-[a-z0-9.\\-]+))(?![a-z0-9])"_s);
    qsizetype providerAt = -1;
    if (const auto m = providerRe.match(lower); m.hasMatch()) {
        const QString word = m.captured(1);
        for (const ProviderWord &w : providerWords) {
            if (QString::fromUtf16(w.word) == word) {
                p.provider = QString::fromUtf16(w.provider);
                break;
            }
        }
        providerAt = m.capturedStart();
    }
    // Explicit "azure openai" beats "openai".
    if (lower.contains(u"azure openai"_s) || lower.contains(u"azure-openai"_s))
        p.provider = u"azure-openai"_s;
    QList<std::pair<QString, QString>> models; // model, provider family
    for (auto it = modelRe.globalMatch(lower); it.hasNext() && models.size() < 20;) {
        QString model = it.next().captured(1);
        while (model.endsWith(u'.') || model.endsWith(u'-'))
            model.chop(1);
        const QString family = model.startsWith(u"claude"_s)   ? u"anthropic"_s
                               : model.startsWith(u"gemini"_s) ? u"google"_s
                               : model.startsWith(u"mistral"_s) || model.startsWith(u"mixtral"_s)
                                   ? u"mistral-ai"_s
                               : model.startsWith(u"command"_s)  ? u"cohere"_s
                               : model.startsWith(u"llama"_s)    ? QString()
                               : model.startsWith(u"deepseek"_s) ? u"deepseek"_s
                                                                 : u"openai"_s;
        models.append({model, family});
    }
    if (p.provider.isEmpty() && !models.isEmpty())
        p.provider = models.first().second;
    // The model of the provider the ticket is about; a model of another provider is the one
    // that "works" and is not it.
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
    Q_UNUSED(providerAt);

    // Route ("/v1/chat/completions"), endpoint (a URL that is not our API route), SDK.
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

    // Keywords for bug and doc searches: salient words, subject first.
    QStringList keywords = salientWords(foldForMatching(ticket.subject, 2000), 6);
    for (const QString &w : salientWords(foldForMatching(ticket.description, MaxText), 16)) {
        if (keywords.size() >= 12)
            break;
        if (!keywords.contains(w))
            keywords.append(w);
    }
    p.keywords = keywords;
    p.values = templateValues(p, ticket);
    return p;
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
    v.insert(u"keywords"_s, QJsonArray::fromStringList(p.keywords));
    v.insert(u"ticket.id"_s, ticket.id);
    v.insert(u"ticket.requester_domain"_s,
             ticket.requesterEmail.section(u'@', 1).trimmed().toLower());
    v.insert(u"ticket.subject"_s, ticket.subject.left(500));
    return v;
}

} // namespace Casefile
