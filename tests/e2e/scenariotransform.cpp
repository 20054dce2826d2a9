#include "scenariotransform.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QRegularExpression>
#include <QTimeZone>

#include <algorithm>
#include <functional>

using namespace Qt::StringLiterals;

namespace Casefile::Testing {

namespace {

using StringMap = std::function<QString(const QString &)>;

// Every string value of a JSON tree through `map` (object keys are left as they are).
QJsonValue mapStrings(const QJsonValue &value, const StringMap &map)
{
    if (value.isString())
        return map(value.toString());
    if (value.isArray()) {
        QJsonArray out;
        for (const QJsonValue &item : value.toArray())
            out.append(mapStrings(item, map));
        return out;
    }
    if (value.isObject()) {
        QJsonObject out;
        const QJsonObject in = value.toObject();
        for (auto it = in.begin(); it != in.end(); ++it)
            out.insert(it.key(), mapStrings(it.value(), map));
        return out;
    }
    return value;
}

QString shortHash(const QString &text, int variant, int length)
{
    const QByteArray digest = QCryptographicHash::hash((text + QString::number(variant)).toUtf8(),
                                                       QCryptographicHash::Sha256);
    return QString::fromLatin1(digest.toHex().left(length));
}

QDateTime parseUtc(const QString &text)
{
    QDateTime t = QDateTime::fromString(text, Qt::ISODate);
    if (t.isValid())
        t = t.toUTC();
    return t;
}

QString isoUtc(const QDateTime &t)
{
    return t.toUTC().toString(u"yyyy-MM-ddTHH:mm:ssZ"_s);
}

QJsonArray arrayAt(const QJsonObject &o, const QString &a, const QString &b)
{
    return o.value(a).toObject().value(b).toArray();
}

QJsonObject setIn(QJsonObject o, const QString &a, const QString &b, const QJsonValue &v)
{
    QJsonObject inner = o.value(a).toObject();
    inner.insert(b, v);
    o.insert(a, inner);
    return o;
}

// The tickets that have a truth entry (the ones an investigation is scored on).
QList<QJsonObject> truthTickets(const QJsonObject &scenario)
{
    QList<QJsonObject> out;
    const QJsonObject truth = scenario.value(u"truth"_s).toObject();
    for (const QJsonValue &t : scenario.value(u"tickets"_s).toArray()) {
        if (truth.contains(t.toObject().value(u"id"_s).toVariant().toString()))
            out.append(t.toObject());
    }
    return out;
}

bool isBillingScenario(const QJsonObject &scenario)
{
    for (const QJsonValue &t : scenario.value(u"truth"_s).toObject()) {
        if (t.toObject().value(u"playbook"_s).toString() == u"token-billing"_s)
            return true;
    }
    return false;
}

QJsonObject forbidInTruth(QJsonObject scenario, const QStringList &refs)
{
    QJsonObject truth = scenario.value(u"truth"_s).toObject();
    for (auto it = truth.begin(); it != truth.end(); ++it) {
        QJsonObject entry = it.value().toObject();
        QJsonArray forbidden = entry.value(u"refs_forbidden"_s).toArray();
        for (const QString &ref : refs)
            forbidden.append(ref);
        entry.insert(u"refs_forbidden"_s, forbidden);
        it.value() = entry;
    }
    scenario.insert(u"truth"_s, truth);
    return scenario;
}

// --- shift the timeline by whole days ---------------------------------------------------------

// Month and weekday names or numeric dates in a ticket: a customer's calendar words would no
// longer agree with a shifted timeline, so those scenarios are left out.
bool ticketNamesCalendarDays(const QJsonObject &scenario)
{
    static const QRegularExpression calendar(
        uR"(\b(january|february|march|april|june|july|august|september|october|november|)"
        uR"(december|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|)"
        uR"(noviembre|diciembre|janeiro|fevereiro|março|maio|junho|julho|setembro|outubro|)"
        uR"(novembro|dezembro|januar|februar|märz|juni|juli|oktober|dezember|janvier|février|)"
        uR"(mars|avril|juin|juillet|août|septembre|octobre|novembre|décembre|monday|tuesday|)"
        uR"(wednesday|thursday|friday|saturday|sunday|lunes|martes|miércoles|jueves|viernes|)"
        uR"(sábado|domingo|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|lundi|)"
        uR"(mardi|mercredi|jeudi|vendredi|samedi|dimanche|segunda-feira|terça-feira|)"
        uR"(quarta-feira|quinta-feira|sexta-feira)\b)"
        uR"(|\b(jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?\s+\d{1,2}\b)"
        uR"(|\b\d{1,2}\.?\s+(de\s+)?(jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec|)"
        uR"(ene|abr|ago|dic|fev|mai|out|dez|okt|janv|févr|avr|juil|déc)\b)"
        uR"(|\b\d{1,2}/\d{1,2}\b|\b\d{1,2}\.\d{1,2}\.(?!\d)|\d+月\d+日|[月火水木金土日]曜)"_s,
        QRegularExpression::CaseInsensitiveOption | QRegularExpression::UseUnicodePropertiesOption);
    for (const QJsonObject &t : truthTickets(scenario)) {
        const QString text =
            t.value(u"subject"_s).toString() + u'\n' + t.value(u"description"_s).toString();
        if (calendar.match(text).hasMatch())
            return true;
    }
    return false;
}

QString shiftDatesInText(const QString &text, int days)
{
    static const QRegularExpression date(uR"((?<!\d)(\d{4})-(\d\d)-(\d\d)(?!\d))"_s);
    QString out;
    qsizetype last = 0;
    auto it = date.globalMatch(text);
    while (it.hasNext()) {
        const auto m = it.next();
        const QDate d(m.captured(1).toInt(), m.captured(2).toInt(), m.captured(3).toInt());
        out += text.mid(last, m.capturedStart() - last);
        out += d.isValid() ? d.addDays(days).toString(u"yyyy-MM-dd"_s) : m.captured(0);
        last = m.capturedEnd();
    }
    out += text.mid(last);
    return out;
}

// Stripe's times are Unix seconds.
QJsonValue shiftUnixSeconds(const QJsonValue &value, qint64 seconds)
{
    if (value.isArray()) {
        QJsonArray out;
        for (const QJsonValue &item : value.toArray())
            out.append(shiftUnixSeconds(item, seconds));
        return out;
    }
    if (value.isObject()) {
        QJsonObject out;
        const QJsonObject in = value.toObject();
        for (auto it = in.begin(); it != in.end(); ++it) {
            const QJsonValue v = it.value();
            const bool timeKey = it.key() == u"created"_s || it.key().endsWith(u"_at"_s) ||
                                 it.key().startsWith(u"period_"_s) || it.key() == u"due_date"_s ||
                                 it.key().startsWith(u"current_"_s);
            if (timeKey && v.isDouble() && v.toDouble() > 1.0e9)
                out.insert(it.key(), QJsonValue(v.toInteger() + seconds));
            else
                out.insert(it.key(), shiftUnixSeconds(v, seconds));
        }
        return out;
    }
    return value;
}

std::expected<QJsonObject, QString> shiftDays(const QJsonObject &scenario, int variant)
{
    if (ticketNamesCalendarDays(scenario))
        return std::unexpected(u"a ticket names a month, a weekday or a date"_s);
    const int days = 1 + variant % 9;
    QJsonObject out = mapStrings(scenario, [days](const QString &s) {
                          return shiftDatesInText(s, days);
                      }).toObject();
    out.insert(u"stripe"_s, shiftUnixSeconds(out.value(u"stripe"_s), qint64(days) * 86400));
    return out;
}

QJsonObject withTickets(QJsonObject scenario, const std::function<QJsonObject(QJsonObject)> &edit,
                        int *changed);
QList<QDateTime> sensitiveTimes(const QJsonObject &scenario);

// --- shift the timeline by hours ---------------------------------------------------------------

// Times of day a shift would have to reinterpret ("9am", "14 Uhr", "this morning", "午前"):
// a ticket with one is left out; plain "HH:MM" clock times move with the timeline.
bool ticketSaysPartOfDay(const QJsonObject &scenario)
{
    static const QRegularExpression words(
        uR"(\d\s*(am|pm|a\.m|p\.m|uhr|h\b|h\d)|\d+時|\b(morning|afternoon|evening|night|noon|)"
        uR"(lunch\w*|mañana|manana|tarde|noche|manhã|manha|noite|morgen|mittag|abend|nacht|matin|)"
        uR"(midi|soir|nuit|overnight|midnight|tonight)\b|朝|午前|午後|夜|昼)"_s,
        QRegularExpression::CaseInsensitiveOption | QRegularExpression::UseUnicodePropertiesOption);
    for (const QJsonObject &t : truthTickets(scenario)) {
        if (words
                .match(t.value(u"subject"_s).toString() + u'\n' +
                       t.value(u"description"_s).toString())
                .hasMatch())
            return true;
    }
    return false;
}

// ISO times ("2026-12-05T09:05:00Z", "2026-12-05 09:05") and, with `clockToo`, bare clock
// times ("09:05", "9:05:12") moved by `seconds`; `crossed` is set when a clock time would
// move to another day.
QString shiftTimesInText(const QString &text, qint64 seconds, bool isoToo, bool clockToo,
                         bool *crossed)
{
    static const QRegularExpression times(
        uR"((?<!\d)(\d{4}-\d\d-\d\d)[T ](\d\d):(\d\d)(?::(\d\d))?(\.\d+)?(Z)?(?![\d:]))"
        uR"(|(?<![\d:.])(\d{1,2}):(\d\d)(?::(\d\d))?(?![\d:]))"_s);
    QString out;
    qsizetype last = 0;
    auto it = times.globalMatch(text);
    while (it.hasNext()) {
        const auto m = it.next();
        QString replacement = m.captured(0);
        if (!m.captured(1).isEmpty()) {
            if (!isoToo) {
                out += text.mid(last, m.capturedEnd() - last);
                last = m.capturedEnd();
                continue;
            }
            const QDate date = QDate::fromString(m.captured(1), u"yyyy-MM-dd"_s);
            const QTime time(m.captured(2).toInt(), m.captured(3).toInt(), m.captured(4).toInt());
            if (date.isValid() && time.isValid()) {
                const QDateTime t = QDateTime(date, time, QTimeZone::utc()).addSecs(seconds);
                const QString sep = m.captured(0).mid(10, 1);
                replacement = t.toString(u"yyyy-MM-dd"_s) + sep + t.toString(u"HH:mm"_s) +
                              (m.captured(4).isEmpty() ? QString() : u':' + t.toString(u"ss"_s)) +
                              m.captured(5) + m.captured(6);
            }
        } else if (clockToo) {
            const int hour = m.captured(7).toInt();
            const int minute = m.captured(8).toInt();
            if (hour <= 23 && minute <= 59) {
                const int moved = hour * 3600 + minute * 60 + int(seconds);
                if (moved < 0 || moved >= 86400)
                    *crossed = true;
                const QTime t = QTime(0, 0).addSecs(moved);
                replacement =
                    (m.captured(7).size() == 1 && t.hour() < 10 ? QString::number(t.hour())
                                                                : t.toString(u"HH"_s)) +
                    u':' + t.toString(u"mm"_s) +
                    (m.captured(9).isEmpty() ? QString() : u':' + m.captured(9));
            } else {
                *crossed = true; // not a clock time: leave the scenario out
            }
        }
        out += text.mid(last, m.capturedStart() - last) + replacement;
        last = m.capturedEnd();
    }
    out += text.mid(last);
    return out;
}

std::expected<QJsonObject, QString> shiftHours(const QJsonObject &scenario, int variant)
{
    if (isBillingScenario(scenario))
        return std::unexpected(u"invoice periods and daily meter summaries are whole days"_s);
    if (ticketSaysPartOfDay(scenario))
        return std::unexpected(u"a ticket names a part of the day or a 12-hour time"_s);
    static const int hours[] = {2, 3, -2, 5, -1, 4};
    const int shift = hours[variant % 6];
    const qint64 seconds = qint64(shift) * 3600;
    // Every time the diagnosis stands on stays on its day ("yesterday" keeps its meaning).
    QList<QDateTime> pinned = sensitiveTimes(scenario);
    pinned.append(parseUtc(scenario.value(u"now"_s).toString()));
    for (const QJsonObject &t : truthTickets(scenario))
        pinned.append(parseUtc(t.value(u"created_at"_s).toString()));
    for (const QDateTime &t : std::as_const(pinned)) {
        if (t.isValid() && t.addSecs(seconds).date() != t.date())
            return std::unexpected(u"a time the truth stands on would move to another day"_s);
    }
    bool crossed = false;
    QJsonObject out = mapStrings(scenario, [&](const QString &s) {
                          return shiftTimesInText(s, seconds, true, false, &crossed);
                      }).toObject();
    // The clock times the customer wrote and the reply must name.
    const QJsonObject truth = out.value(u"truth"_s).toObject();
    QJsonObject newTruth;
    for (auto it = truth.begin(); it != truth.end(); ++it) {
        QJsonObject entry = it.value().toObject();
        QJsonArray mentions;
        for (const QJsonValue &m : entry.value(u"must_mention"_s).toArray())
            mentions.append(shiftTimesInText(m.toString(), seconds, false, true, &crossed));
        entry.insert(u"must_mention"_s, mentions);
        newTruth.insert(it.key(), entry);
    }
    out.insert(u"truth"_s, newTruth);
    int changed = 0;
    out = withTickets(
        out,
        [&](QJsonObject ticket) {
            for (const QString &key : {u"subject"_s, u"description"_s})
                ticket.insert(key, shiftTimesInText(ticket.value(key).toString(), seconds, false,
                                                    true, &crossed));
            return ticket;
        },
        &changed);
    if (crossed)
        return std::unexpected(u"a clock time in the ticket would move to another day"_s);
    // Office hours move with the clock.
    QJsonArray streams;
    for (const QJsonValue &v : arrayAt(out, u"traffic"_s, u"streams"_s)) {
        QJsonObject stream = v.toObject();
        if (stream.contains(u"daily_cycle"_s)) {
            QJsonObject cycle = stream.value(u"daily_cycle"_s).toObject();
            const int from = cycle.value(u"from_hour"_s).toInt() + shift;
            const int to = cycle.value(u"to_hour"_s).toInt() + shift;
            // the scenario format keeps a cycle within 01:00-23:00 (an hour-long ramp each side)
            if (from < 1 || to > 23)
                return std::unexpected(u"office hours would wrap around midnight"_s);
            cycle.insert(u"from_hour"_s, from);
            cycle.insert(u"to_hour"_s, to);
            stream.insert(u"daily_cycle"_s, cycle);
        }
        streams.append(stream);
    }
    out = setIn(out, u"traffic"_s, u"streams"_s, streams);
    out.insert(u"stripe"_s, shiftUnixSeconds(out.value(u"stripe"_s), seconds));
    return out;
}

// --- rename ids ---------------------------------------------------------------------------------

// A virtual key's name is the customer's choice; the provider word it may carry says which
// provider a target without a model override calls, so it stays.
QString virtualKeyName(const QString &key, int variant)
{
    static const QRegularExpression provider(
        uR"((openai|anthropic|azure|bedrock|google|vertex|mistral|cohere|groq))"_s,
        QRegularExpression::CaseInsensitiveOption);
    const QString word = provider.match(key).captured(1);
    return u"vk-"_s + shortHash(key, variant, 10) + (word.isEmpty() ? QString() : u'-' + word);
}

std::expected<QJsonObject, QString> renameIds(const QJsonObject &scenario, int variant)
{
    QList<std::pair<QString, QString>> renames;
    auto add = [&](const QString &from, const QString &to) {
        if (!from.isEmpty() &&
            std::ranges::none_of(renames, [&](const auto &r) { return r.first == from; }))
            renames.append({from, to});
    };
    for (const QJsonValue &o : scenario.value(u"orgs"_s).toArray()) {
        const QJsonObject org = o.toObject();
        const QString id = org.value(u"id"_s).toString();
        add(id, u"org_"_s + shortHash(id, variant, 10));
        const QString customer = org.value(u"stripe_customer"_s).toString();
        add(customer, u"cus_"_s + shortHash(customer, variant, 14));
    }
    for (const QJsonValue &c : scenario.value(u"gateway_configs"_s).toArray()) {
        const QJsonObject config = c.toObject();
        const QString id = config.value(u"id"_s).toString();
        add(id, u"pc-"_s + shortHash(id, variant, 6) + u'-' + shortHash(id, variant + 1, 6));
        for (const QJsonValue &t :
             config.value(u"config"_s).toObject().value(u"targets"_s).toArray()) {
            const QString key = t.toObject().value(u"virtual_key"_s).toString();
            add(key, virtualKeyName(key, variant));
        }
    }
    for (const QJsonValue &s : arrayAt(scenario, u"traffic"_s, u"streams"_s)) {
        const QString key = s.toObject().value(u"api_key_id"_s).toString();
        add(key, virtualKeyName(key, variant));
    }
    if (renames.isEmpty())
        return std::unexpected(u"nothing to rename"_s);
    // Longest first, whole ids only (an id never renames the inside of a longer one).
    std::ranges::sort(renames,
                      [](const auto &a, const auto &b) { return a.first.size() > b.first.size(); });
    QStringList alternatives;
    QHash<QString, QString> to;
    for (const auto &[from, target] : renames) {
        alternatives << QRegularExpression::escape(from);
        to.insert(from, target);
    }
    const QRegularExpression ids(uR"((?<![A-Za-z0-9_\-]))"_s + u'(' + alternatives.join(u'|') +
                                 u')' + uR"((?![A-Za-z0-9_]|-[A-Za-z0-9]))"_s);
    const QString repo = scenario.value(u"company"_s).toObject().value(u"github_repo"_s).toString();
    const QString newRepo =
        repo.isEmpty() ? QString()
                       : repo.section(u'/', 0, 0) + u"/platform-"_s + shortHash(repo, variant, 4);
    return mapStrings(scenario,
                      [&](const QString &s) {
                          QString out;
                          qsizetype last = 0;
                          auto it = ids.globalMatch(s);
                          while (it.hasNext()) {
                              const auto m = it.next();
                              out +=
                                  s.mid(last, m.capturedStart() - last) + to.value(m.captured(1));
                              last = m.capturedEnd();
                          }
                          out += s.mid(last);
                          if (!repo.isEmpty())
                              out.replace(repo, newRepo);
                          return out;
                      })
        .toObject();
}

// --- times the truth depends on
// -------------------------------------------------------------------

QList<QDateTime> sensitiveTimes(const QJsonObject &scenario)
{
    QList<QDateTime> times;
    auto addEdges = [&](const QJsonArray &items) {
        for (const QJsonValue &v : items) {
            for (const QString &key : {u"from"_s, u"to"_s}) {
                const QDateTime t = parseUtc(v.toObject().value(key).toString());
                if (t.isValid())
                    times.append(t);
            }
        }
    };
    addEdges(arrayAt(scenario, u"traffic"_s, u"anomalies"_s));
    addEdges(arrayAt(scenario, u"webhooks"_s, u"anomalies"_s));
    addEdges(arrayAt(scenario, u"billing"_s, u"faults"_s));
    for (const QJsonValue &m : arrayAt(scenario, u"billing"_s, u"meters"_s))
        addEdges(m.toObject().value(u"faults"_s).toArray());
    for (const QJsonValue &c : scenario.value(u"gateway_configs"_s).toArray()) {
        const QDateTime t = parseUtc(c.toObject().value(u"last_updated_at"_s).toString());
        if (t.isValid())
            times.append(t);
    }
    for (const QJsonValue &page : scenario.value(u"statuspage"_s).toObject()) {
        for (const QJsonValue &i : page.toObject().value(u"incidents"_s).toArray()) {
            for (const QString &key : {u"started_at"_s, u"created_at"_s, u"resolved_at"_s}) {
                const QDateTime t = parseUtc(i.toObject().value(key).toString());
                if (t.isValid())
                    times.append(t);
            }
        }
    }
    for (const QJsonValue &i : arrayAt(scenario, u"pagerduty"_s, u"incidents"_s)) {
        const QDateTime t = parseUtc(i.toObject().value(u"created_at"_s).toString());
        if (t.isValid())
            times.append(t);
    }
    // The times the reply must name (on the day of the ticket and the day before).
    const QDateTime now = parseUtc(scenario.value(u"now"_s).toString());
    static const QRegularExpression hhmm(uR"(^(\d\d):(\d\d)$)"_s);
    for (const QJsonValue &entry : scenario.value(u"truth"_s).toObject()) {
        for (const QJsonValue &m : entry.toObject().value(u"must_mention"_s).toArray()) {
            const auto match = hhmm.match(m.toString());
            if (!match.hasMatch() || !now.isValid())
                continue;
            const QTime time(match.captured(1).toInt(), match.captured(2).toInt());
            for (int back = 0; back <= 1; ++back)
                times.append(QDateTime(now.date().addDays(-back), time, QTimeZone::utc()));
        }
    }
    return times;
}

// --- routine deploys ----------------------------------------------------------------------------

struct Routine
{
    QString message;
    QString file;
};

std::expected<QJsonObject, QString> routineDeploys(const QJsonObject &scenario, int variant)
{
    static const QList<Routine> routines{
        {u"docs: fix broken links in the quickstart"_s, u"docs/site/quickstart.md"_s},
        {u"marketing site: new customer logos"_s, u"ui/marketing/logos.tsx"_s},
        {u"ci: cache node_modules between jobs"_s, u".github/workflows/ci.yml"_s},
        {u"team settings: invite e-mail copy"_s, u"ui/settings/team-invites.tsx"_s},
        {u"docs: changelog for the week"_s, u"docs/site/changelog.md"_s},
        {u"admin console: sort audit log by actor"_s, u"ui/admin/audit-log.tsx"_s},
        {u"lint: enable no-floating-promises"_s, u".eslintrc.cjs"_s},
        {u"onboarding: checklist illustration"_s, u"ui/onboarding/checklist.tsx"_s},
        {u"deps: bump prettier"_s, u"package-lock.json"_s},
        {u"status widget: dark mode colours"_s, u"ui/status/widget.css"_s},
        {u"docs: SSO setup screenshots"_s, u"docs/site/sso.md"_s},
        {u"terraform: tag staging buckets"_s, u"infra/staging/buckets.tf"_s},
    };
    const QDateTime from =
        parseUtc(scenario.value(u"traffic"_s).toObject().value(u"from"_s).toString());
    const QDateTime now = parseUtc(scenario.value(u"now"_s).toString());
    if (!from.isValid() || !now.isValid())
        return std::unexpected(u"no traffic window"_s);
    const QList<QDateTime> sensitive = sensitiveTimes(scenario);
    const int wanted = 10 + (variant * 7) % 16;
    const qint64 span = from.secsTo(now);
    QList<QDateTime> freeTimes;
    // Candidate times every 23 minutes, taken in a stride so they spread over the window; a
    // slot counts only three hours or more away from every change the truth depends on.
    for (qint64 s = 20 * 60; s < span - 30 * 60; s += 23 * 60) {
        const QDateTime t = from.addSecs(s);
        if (std::ranges::all_of(sensitive,
                                [&](const QDateTime &x) { return qAbs(x.secsTo(t)) >= 3 * 3600; }))
            freeTimes.append(t);
    }
    if (freeTimes.size() < wanted)
        return std::unexpected(u"no room three hours away from every change"_s);
    int maxId = 0;
    for (const QJsonValue &d : arrayAt(scenario, u"github"_s, u"deployments"_s))
        maxId = std::max(maxId, d.toObject().value(u"id"_s).toInt());
    QJsonArray deployments = arrayAt(scenario, u"github"_s, u"deployments"_s);
    QJsonArray commits = arrayAt(scenario, u"github"_s, u"commits"_s);
    QStringList refs;
    for (int i = 0; i < wanted; ++i) {
        const QDateTime at = freeTimes.at(qsizetype(i) * freeTimes.size() / wanted);
        const Routine &r = routines.at((i + variant) % routines.size());
        const int id = maxId + 5000 + i * 3;
        const QString sha = shortHash(u"deploy"_s + QString::number(id), variant, 7);
        const QString created = isoUtc(at);
        const QString done = isoUtc(at.addSecs(110));
        QJsonObject deployment{
            {u"id"_s, id},
            {u"sha"_s, sha},
            {u"ref"_s, u"main"_s},
            {u"task"_s, u"deploy"_s},
            {u"environment"_s, u"production"_s},
            {u"description"_s, u"Deploy #%1: %2"_s.arg(id).arg(r.message)},
            {u"creator"_s, QJsonObject{{u"login"_s, u"sam"_s}}},
            {u"created_at"_s, created},
            {u"updated_at"_s, done},
            {u"statuses"_s,
             QJsonArray{QJsonObject{{u"state"_s, u"in_progress"_s}, {u"created_at"_s, created}},
                        QJsonObject{{u"state"_s, u"success"_s}, {u"created_at"_s, done}}}}};
        const QJsonObject person{{u"name"_s, u"Sam"_s},
                                 {u"email"_s, u"sam@users.noreply.github.com"_s},
                                 {u"date"_s, isoUtc(at.addSecs(-1800))}};
        QJsonObject commit{{u"sha"_s, sha},
                           {u"commit"_s, QJsonObject{{u"message"_s, r.message},
                                                     {u"author"_s, person},
                                                     {u"committer"_s, person}}},
                           {u"files"_s, QJsonArray{QJsonObject{{u"filename"_s, r.file},
                                                               {u"status"_s, u"modified"_s},
                                                               {u"additions"_s, 6 + i},
                                                               {u"deletions"_s, 2}}}}};
        deployments.append(deployment);
        commits.append(commit);
        refs << u"github:deployment:%1"_s.arg(id);
    }
    QJsonObject out = setIn(scenario, u"github"_s, u"deployments"_s, deployments);
    out = setIn(out, u"github"_s, u"commits"_s, commits);
    return forbidInTruth(out, refs);
}

// --- request streams --------------------------------------------------------------------------

std::expected<QJsonObject, QString> backgroundErrors(const QJsonObject &scenario, int variant)
{
    if (isBillingScenario(scenario))
        return std::unexpected(u"token counts the ticket quotes would change"_s);
    double weakest = 1.0;
    for (const QJsonValue &a : arrayAt(scenario, u"traffic"_s, u"anomalies"_s)) {
        const QJsonObject anomaly = a.toObject();
        if (anomaly.contains(u"rate"_s))
            weakest = std::min(weakest, anomaly.value(u"rate"_s).toDouble());
    }
    // An anomaly stays at least ten times the background (the library's own bar).
    const double rate = std::min(0.015 + 0.005 * (variant % 4), weakest / 10.0);
    if (rate < 0.015)
        return std::unexpected(u"an anomaly is too weak for a 1.5% background"_s);
    QJsonArray streams;
    for (const QJsonValue &s : arrayAt(scenario, u"traffic"_s, u"streams"_s)) {
        QJsonObject stream = s.toObject();
        stream.insert(u"error_rate"_s, std::max(rate, stream.value(u"error_rate"_s).toDouble()));
        streams.append(stream);
    }
    return setIn(scenario, u"traffic"_s, u"streams"_s, streams);
}

// The anomalies stand out of the noise by the library's own bar whatever the draw, so another
// seed changes which requests fail in the background, not what a diagnosis should find.
std::expected<QJsonObject, QString> reseed(const QJsonObject &scenario, int variant)
{
    if (isBillingScenario(scenario))
        return std::unexpected(u"token counts the ticket quotes would change"_s);
    QJsonObject traffic = scenario.value(u"traffic"_s).toObject();
    const qint64 seed = traffic.value(u"seed"_s).toInteger();
    traffic.insert(u"seed"_s, (seed * 31 + 7919 + variant) % 1000003);
    QJsonObject out = scenario;
    out.insert(u"traffic"_s, traffic);
    return out;
}

std::expected<QJsonObject, QString> businessHours(const QJsonObject &scenario, int variant)
{
    if (isBillingScenario(scenario))
        return std::unexpected(u"token counts the ticket quotes would change"_s);
    QJsonArray streams;
    int changed = 0;
    for (const QJsonValue &s : arrayAt(scenario, u"traffic"_s, u"streams"_s)) {
        QJsonObject stream = s.toObject();
        if (!stream.contains(u"daily_cycle"_s)) {
            stream.insert(u"daily_cycle"_s, QJsonObject{{u"from_hour"_s, 7 + variant % 3},
                                                        {u"to_hour"_s, 17 + variant % 3},
                                                        {u"night"_s, 0.35 + 0.05 * (variant % 3)},
                                                        {u"latency"_s, 1.0}});
            ++changed;
        }
        streams.append(stream);
    }
    if (changed == 0)
        return std::unexpected(u"every stream already has a daily cycle"_s);
    return setIn(scenario, u"traffic"_s, u"streams"_s, streams);
}

bool matches(const QJsonObject &match, const QJsonObject &stream)
{
    for (auto it = match.begin(); it != match.end(); ++it) {
        if (stream.value(it.key()) != it.value())
            return false;
    }
    return true;
}

std::expected<QJsonObject, QString> noisyOrg(const QJsonObject &scenario, int variant)
{
    struct Candidate
    {
        QString route, provider, model;
    };
    static const QList<Candidate> candidates{
        {u"/v1/chat/completions"_s, u"openai"_s, u"gpt-4.1-mini"_s},
        {u"/v1/chat/completions"_s, u"anthropic"_s, u"claude-haiku-4-5"_s},
        {u"/v1/embeddings"_s, u"openai"_s, u"text-embedding-3-large"_s},
        {u"/v1/chat/completions"_s, u"google"_s, u"gemini-2.0-flash"_s},
        {u"/v1/chat/completions"_s, u"mistral-ai"_s, u"mistral-large-latest"_s},
    };
    static const QStringList names{u"Northwind Logistics"_s, u"Halcyon Retail Group"_s,
                                   u"Bluefin Insurance"_s};
    const QString name = names.at(variant % names.size());
    const QString slug = u"nw"_s + shortHash(name, variant, 5);
    const QString org = u"org_"_s + slug;
    const QString config = u"pc-"_s + slug + u"-prod"_s;
    const QString domain = name.section(u' ', 0, 0).toLower() + u".example.com"_s;
    const QString customer = u"cus_"_s + shortHash(org, variant, 12);
    const QJsonArray anomalies = arrayAt(scenario, u"traffic"_s, u"anomalies"_s);
    QJsonArray streams = arrayAt(scenario, u"traffic"_s, u"streams"_s);
    QJsonArray targets;
    int added = 0;
    for (int i = 0; i < candidates.size() && added < 2; ++i) {
        const Candidate &c = candidates.at((i + variant) % candidates.size());
        QJsonObject stream{
            {u"org"_s, org},
            {u"route"_s, c.route},
            {u"provider"_s, c.provider},
            {u"model"_s, c.model},
            {u"per_minute"_s, 30},
            {u"latency_ms"_s, QJsonObject{{u"p50"_s, 700}, {u"p95"_s, 1800}}},
            {u"gateway_ms"_s, 10},
            {u"error_rate"_s, 0.03},
            {u"tokens"_s,
             QJsonObject{{u"prompt"_s, 900}, {u"completion"_s, 200}, {u"cached_share"_s, 0.0}}},
            {u"config_id"_s, config},
            {u"api_key_id"_s, QString(u"vk-"_s + slug + u"-1"_s)},
            {u"sdk"_s, u"portkey-python/1.9.2"_s},
            {u"metadata"_s, QJsonObject{}}};
        // Only models no anomaly touches, unless the anomaly touches everything alike.
        const bool hit = std::ranges::any_of(anomalies, [&](const QJsonValue &a) {
            const QJsonObject match = a.toObject().value(u"match"_s).toObject();
            return !match.isEmpty() && matches(match, stream);
        });
        if (hit)
            continue;
        streams.append(stream);
        targets.append(QJsonObject{{u"virtual_key"_s, QString(u"vk-"_s + slug + u'-' + c.provider)},
                                   {u"override_params"_s, QJsonObject{{u"model"_s, c.model}}}});
        ++added;
    }
    if (added == 0)
        return std::unexpected(u"every candidate model is hit by an anomaly"_s);
    QJsonObject out = setIn(scenario, u"traffic"_s, u"streams"_s, streams);
    QJsonArray orgs = out.value(u"orgs"_s).toArray();
    orgs.append(QJsonObject{{u"id"_s, org},
                            {u"name"_s, name},
                            {u"domain"_s, domain},
                            {u"stripe_customer"_s, customer},
                            {u"plan"_s, u"enterprise"_s}});
    out.insert(u"orgs"_s, orgs);
    QJsonArray customers = arrayAt(out, u"stripe"_s, u"customers"_s);
    customers.append(QJsonObject{{u"id"_s, customer},
                                 {u"object"_s, u"customer"_s},
                                 {u"email"_s, QString(u"ap@"_s + domain)},
                                 {u"name"_s, name},
                                 {u"created"_s, 1735689600},
                                 {u"currency"_s, u"usd"_s},
                                 {u"delinquent"_s, false},
                                 {u"livemode"_s, false},
                                 {u"metadata"_s, QJsonObject{{u"org_id"_s, org}}}});
    out = setIn(out, u"stripe"_s, u"customers"_s, customers);
    QJsonArray configs = out.value(u"gateway_configs"_s).toArray();
    configs.append(QJsonObject{
        {u"id"_s, config},
        {u"org"_s, org},
        {u"name"_s, u"prod"_s},
        {u"created_at"_s, u"2025-03-01T09:00:00Z"_s},
        {u"last_updated_at"_s, u"2025-09-01T09:00:00Z"_s},
        {u"config"_s, QJsonObject{{u"strategy"_s, QJsonObject{{u"mode"_s, u"loadbalance"_s}}},
                                  {u"targets"_s, targets}}}});
    out.insert(u"gateway_configs"_s, configs);
    return forbidInTruth(out, {u"config:"_s + config});
}

// --- ticket text --------------------------------------------------------------------------------

enum class Language { English, Spanish, Portuguese, German, French, Japanese };

Language ticketLanguage(const QString &fullText)
{
    // the customer's own words: a quoted older reply may be in another language
    QStringList own;
    for (const QString &line : fullText.split(u'\n')) {
        if (!line.trimmed().startsWith(u'>'))
            own.append(line);
    }
    const QString text = own.join(u'\n');
    static const QRegularExpression kana(uR"([\x{3040}-\x{30ff}\x{4e00}-\x{9fff}])"_s);
    if (kana.match(text).hasMatch())
        return Language::Japanese;
    const QString lower = u' ' + text.toLower() + u' ';
    auto count = [&](const QStringList &words) {
        int n = 0;
        for (const QString &w : words)
            n += int(lower.count(u' ' + w + u' '));
        return n;
    };
    const QList<std::pair<Language, int>> scores{
        {Language::English, count({u"the"_s, u"and"_s, u"our"_s, u"we"_s, u"is"_s, u"since"_s})},
        {Language::Spanish,
         count({u"el"_s, u"los"_s, u"las"_s, u"desde"_s, u"nuestro"_s, u"y"_s, u"es"_s})},
        {Language::Portuguese,
         count({u"não"_s, u"os"_s, u"desde"_s, u"nosso"_s, u"você"_s, u"e"_s, u"às"_s, u"é"_s})},
        {Language::German,
         count({u"der"_s, u"die"_s, u"und"_s, u"nicht"_s, u"wir"_s, u"seit"_s, u"ist"_s})},
        {Language::French,
         count({u"le"_s, u"les"_s, u"nous"_s, u"depuis"_s, u"et"_s, u"est"_s, u"pas"_s})},
    };
    return std::ranges::max_element(scores, {}, &std::pair<Language, int>::second)->first;
}

struct Reply
{
    QString subject;
    QString greeting;
    QString signature;
    QString quoted;
};

Reply staleThread(Language language, int variant)
{
    static const QStringList subjects{u"Re: Re: invoice address for our account"_s,
                                      u"Re: SSO setup question"_s,
                                      u"Fwd: Re: quarterly usage review"_s};
    const QString subject = subjects.at(variant % subjects.size());
    const QString oldReply =
        u"> Hi,\n> thanks for reaching out. We updated the billing address on your account; the "
        "next invoice will show it. Let us know if anything else comes up.\n> Best regards,\n> "
        "Relay Support"_s;
    switch (language) {
    case Language::Spanish:
        return {subject, u"Hola equipo,"_s, u"Saludos,\nLucía Fernández\nIngeniera de plataforma"_s,
                u"El mar, 14 oct 2025 a las 10:12, Relay Support <support@relay.example> "
                "escribió:\n"_s +
                    oldReply};
    case Language::Portuguese:
        return {subject, u"Olá, equipe,"_s, u"Abraços,\nRafael Souza\nEngenheiro de plataforma"_s,
                u"Em ter., 14 de out. de 2025 às 10:12, Relay Support <support@relay.example> "
                "escreveu:\n"_s +
                    oldReply};
    case Language::German:
        return {subject, u"Hallo zusammen,"_s, u"Viele Grüße\nJonas Becker\nPlattform-Team"_s,
                u"Am 14.10.2025 um 10:12 schrieb Relay Support <support@relay.example>:\n"_s +
                    oldReply};
    case Language::French:
        return {subject, u"Bonjour,"_s, u"Cordialement,\nCamille Martin\nÉquipe plateforme"_s,
                u"Le 14 oct. 2025 à 10:12, Relay Support <support@relay.example> a écrit :\n"_s +
                    oldReply};
    case Language::Japanese:
        return {subject, u"お世話になっております。"_s,
                u"よろしくお願いいたします。\n佐藤 健\nプラットフォームチーム"_s,
                u"2025/10/14 10:12、Relay Support <support@relay.example> のメッセージ:\n"_s +
                    oldReply};
    case Language::English:
        break;
    }
    return {subject, u"Hi team,"_s,
            u"--\nAlex Morgan\nStaff Engineer | Platform\n+1 415 555 0134"_s,
            u"On Tue, 14 Oct 2025 at 10:12, Relay Support <support@relay.example> wrote:\n"_s +
                oldReply};
}

bool isReplySubject(const QString &subject)
{
    static const QRegularExpression prefix(uR"(^\s*(re|fwd?|aw|wg|tr|rv|res|enc)\s*:)"_s,
                                           QRegularExpression::CaseInsensitiveOption);
    return prefix.match(subject).hasMatch();
}

QJsonObject withTickets(QJsonObject scenario, const std::function<QJsonObject(QJsonObject)> &edit,
                        int *changed)
{
    const QJsonObject truth = scenario.value(u"truth"_s).toObject();
    QJsonArray tickets;
    for (const QJsonValue &t : scenario.value(u"tickets"_s).toArray()) {
        QJsonObject ticket = t.toObject();
        if (truth.contains(ticket.value(u"id"_s).toVariant().toString())) {
            const QJsonObject edited = edit(ticket);
            if (edited != ticket)
                ++*changed;
            ticket = edited;
        }
        tickets.append(ticket);
    }
    scenario.insert(u"tickets"_s, tickets);
    return scenario;
}

std::expected<QJsonObject, QString> quotedThread(const QJsonObject &scenario, int variant)
{
    int changed = 0;
    const QJsonObject out = withTickets(
        scenario,
        [variant](QJsonObject ticket) {
            const QString subject = ticket.value(u"subject"_s).toString();
            const QString body = ticket.value(u"description"_s).toString();
            const Reply reply = staleThread(ticketLanguage(subject + u'\n' + body), variant);
            QStringList parts;
            // The subject's words stay the customer's: they move to the first line.
            if (!isReplySubject(subject) && !subject.trimmed().isEmpty())
                parts << subject;
            parts << body << reply.signature << reply.quoted;
            ticket.insert(u"subject"_s, reply.subject);
            ticket.insert(u"description"_s, parts.join(u"\n\n"_s));
            return ticket;
        },
        &changed);
    if (changed == 0)
        return std::unexpected(u"no investigated ticket"_s);
    return out;
}

// Winter offsets only (the library's scenarios are dated November to February); a date in a
// daylight-saving month is left out rather than guessed.
struct Zone
{
    int offsetHours;
    QStringList forms; // {HH} hours (24 h), {MM} minutes, {h} hours (12 h), {ap} am/pm
    bool daylightSaving;
};

Zone zoneFor(Language language)
{
    switch (language) {
    case Language::Spanish:
        return {-6,
                {u"{HH}:{MM} hora de Ciudad de México"_s, u"{HH}:{MM} (UTC-6)"_s,
                 u"{HH}:{MM} hora del centro de México"_s},
                false};
    case Language::Portuguese:
        return {-3,
                {u"{HH}h{MM} horário de Brasília"_s, u"{HH}:{MM} BRT"_s, u"{HH}:{MM} (UTC-3)"_s},
                false};
    case Language::German:
        return {1,
                {u"{HH}:{MM} Uhr MEZ"_s, u"{HH}:{MM} Uhr Berliner Zeit"_s, u"{HH}:{MM} (UTC+1)"_s},
                true};
    case Language::French:
        return {
            1, {u"{HH}h{MM} heure de Paris"_s, u"{HH}:{MM} CET"_s, u"{HH}h{MM} (UTC+1)"_s}, true};
    case Language::Japanese:
        return {
            9, {u"{HH}時{MM}分（日本時間）"_s, u"{HH}:{MM} JST"_s, u"{HH}:{MM} (UTC+9)"_s}, false};
    case Language::English:
        break;
    }
    return {-5,
            {u"{h}:{MM} {ap} New York time"_s, u"{h}:{MM} {ap} EST"_s, u"{HH}:{MM} (UTC-05:00)"_s},
            true};
}

std::expected<QJsonObject, QString> localTime(const QJsonObject &scenario, int variant)
{
    const QDateTime now = parseUtc(scenario.value(u"now"_s).toString());
    if (!now.isValid())
        return std::unexpected(u"no clock"_s);
    static const QRegularExpression utcTime(uR"(\b(\d{1,2}):(\d\d)\s*(?:UTC|GMT)\b)"_s);
    QString reason = u"no ticket names a time in UTC"_s;
    int changed = 0;
    const QJsonObject out = withTickets(
        scenario,
        [&](QJsonObject ticket) {
            const QString body = ticket.value(u"description"_s).toString();
            const Language language =
                ticketLanguage(ticket.value(u"subject"_s).toString() + u'\n' + body);
            const Zone zone = zoneFor(language);
            const int month = now.date().month();
            if (zone.daylightSaving && month >= 3 && month <= 11 &&
                !(month == 11 && now.date().day() > 7) && !(month == 3 && now.date().day() < 8)) {
                reason = u"a daylight-saving date: the offset would be a guess"_s;
                return ticket;
            }
            QString text;
            qsizetype last = 0;
            bool crossesDay = false;
            auto it = utcTime.globalMatch(body);
            while (it.hasNext()) {
                const auto m = it.next();
                const int hour = m.captured(1).toInt();
                const int local = hour + zone.offsetHours;
                if (local < 0 || local >= 24)
                    crossesDay = true;
                const int h = (local + 24) % 24;
                QString form = zone.forms.at(variant % zone.forms.size());
                form.replace(u"{HH}"_s, u"%1"_s.arg(h, 2, 10, QChar(u'0')))
                    .replace(u"{MM}"_s, m.captured(2))
                    .replace(u"{h}"_s, QString::number(h % 12 == 0 ? 12 : h % 12))
                    .replace(u"{ap}"_s, h < 12 ? u"am"_s : u"pm"_s);
                text += body.mid(last, m.capturedStart() - last) + form;
                last = m.capturedEnd();
            }
            text += body.mid(last);
            if (crossesDay) {
                reason = u"the local time falls on another day"_s;
                return ticket;
            }
            ticket.insert(u"description"_s, text);
            return ticket;
        },
        &changed);
    if (changed == 0)
        return std::unexpected(reason);
    return out;
}

// --- a red-herring incident ------------------------------------------------------------------

std::expected<QJsonObject, QString> oldIncident(const QJsonObject &scenario, int variant)
{
    const QDateTime from =
        parseUtc(scenario.value(u"traffic"_s).toObject().value(u"from"_s).toString());
    QJsonObject pages = scenario.value(u"statuspage"_s).toObject();
    if (!from.isValid() || pages.isEmpty())
        return std::unexpected(u"no status page"_s);
    const QStringList keys = pages.keys();
    const QString provider = keys.at(variant % keys.size());
    QJsonObject page = pages.value(provider).toObject();
    const bool openai = provider == u"openai"_s;
    const QString product = openai ? u"ChatGPT"_s : u"claude.ai"_s;
    QJsonArray components = page.value(u"components"_s).toArray();
    QString componentId;
    for (const QJsonValue &c : components) {
        if (c.toObject().value(u"name"_s).toString() == product)
            componentId = c.toObject().value(u"id"_s).toString();
    }
    if (componentId.isEmpty()) {
        componentId = shortHash(product, variant, 12);
        components.append(QJsonObject{{u"id"_s, componentId},
                                      {u"name"_s, product},
                                      {u"status"_s, u"operational"_s},
                                      {u"created_at"_s, u"2024-01-01T00:00:00Z"_s},
                                      {u"updated_at"_s, u"2026-10-01T00:00:00Z"_s},
                                      {u"position"_s, components.size() + 1},
                                      {u"description"_s, QJsonValue()},
                                      {u"showcase"_s, true},
                                      {u"group_id"_s, QJsonValue()},
                                      {u"group"_s, false},
                                      {u"only_show_if_degraded"_s, false}});
        page.insert(u"components"_s, components);
    }
    const QDateTime start = from.addDays(-(2 + variant % 3)).addSecs(3600 * (variant % 5));
    const QDateTime end = start.addSecs(95 * 60);
    const QString id = shortHash(u"incident"_s + provider, variant, 12);
    const QString name = u"Elevated error rates on %1"_s.arg(product);
    auto update = [&](const QString &status, const QString &body, const QDateTime &at) {
        return QJsonObject{{u"id"_s, QString(id + status.left(2))},
                           {u"incident_id"_s, id},
                           {u"status"_s, status},
                           {u"body"_s, body},
                           {u"created_at"_s, isoUtc(at)},
                           {u"updated_at"_s, isoUtc(at)},
                           {u"display_at"_s, isoUtc(at)},
                           {u"affected_components"_s, QJsonValue()}};
    };
    QJsonArray incidents = page.value(u"incidents"_s).toArray();
    incidents.append(QJsonObject{
        {u"id"_s, id},
        {u"name"_s, name},
        {u"status"_s, u"resolved"_s},
        {u"impact"_s, u"major"_s},
        {u"created_at"_s, isoUtc(start.addSecs(300))},
        {u"updated_at"_s, isoUtc(end)},
        {u"started_at"_s, isoUtc(start)},
        {u"monitoring_at"_s, QJsonValue()},
        {u"resolved_at"_s, isoUtc(end)},
        {u"shortlink"_s, QString(u"https://stspg.io/"_s + id.left(8))},
        {u"page_id"_s, page.value(u"page"_s).toObject().value(u"id"_s)},
        {u"incident_updates"_s,
         QJsonArray{update(u"resolved"_s, u"This incident has been resolved."_s, end),
                    update(u"investigating"_s,
                           u"Users are seeing elevated error rates and failed requests on %1."_s
                               .arg(product),
                           start.addSecs(300))}},
        {u"components"_s,
         QJsonArray{QJsonObject{
             {u"id"_s, componentId}, {u"name"_s, product}, {u"status"_s, u"operational"_s}}}}});
    page.insert(u"incidents"_s, incidents);
    pages.insert(provider, page);
    QJsonObject out = scenario;
    out.insert(u"statuspage"_s, pages);
    return forbidInTruth(out, {u"statuspage:%1:incident:%2"_s.arg(provider, id)});
}

// --- a config nobody uses ----------------------------------------------------------------------

// A second config of the ticket's org that names the same provider and model as its traffic,
// with what a linter flags (one target, no request_timeout, no retry codes), that no request
// used: a config is cited for the requests that used it, not for naming the provider.
std::expected<QJsonObject, QString> unusedConfig(const QJsonObject &scenario, int variant)
{
    QStringList orgs;
    for (const QJsonObject &t : truthTickets(scenario)) {
        const QString org = t.value(u"organization"_s).toString();
        if (!org.isEmpty() && !orgs.contains(org))
            orgs.append(org);
    }
    QJsonArray configs = scenario.value(u"gateway_configs"_s).toArray();
    QStringList refs;
    static const QStringList names{u"legacy-batch"_s, u"staging"_s, u"old-prototype"_s};
    for (const QString &org : std::as_const(orgs)) {
        QJsonObject stream;
        for (const QJsonValue &v : arrayAt(scenario, u"traffic"_s, u"streams"_s)) {
            if (v.toObject().value(u"org"_s).toString() == org &&
                v.toObject().value(u"route"_s).toString() != u"/v1/embeddings"_s) {
                stream = v.toObject();
                break;
            }
        }
        if (stream.isEmpty())
            continue;
        const QString provider = stream.value(u"provider"_s).toString();
        const QString name = names.at(variant % names.size());
        const QString id = u"pc-"_s + shortHash(org + name, variant, 6) + u'-' + name;
        configs.append(QJsonObject{
            {u"id"_s, id},
            {u"org"_s, org},
            {u"name"_s, name},
            {u"created_at"_s, u"2024-05-02T09:00:00Z"_s},
            {u"last_updated_at"_s, u"2025-02-11T09:00:00Z"_s},
            {u"config"_s,
             QJsonObject{{u"strategy"_s, QJsonObject{{u"mode"_s, u"single"_s}}},
                         {u"targets"_s,
                          QJsonArray{QJsonObject{
                              {u"virtual_key"_s,
                               QString(u"vk-"_s + shortHash(id, variant, 6) + u'-' + provider)},
                              {u"override_params"_s,
                               QJsonObject{{u"model"_s, stream.value(u"model"_s)}}}}}}}}});
        refs << u"config:"_s + id;
    }
    if (refs.isEmpty())
        return std::unexpected(u"no request stream of the ticket's organisation"_s);
    QJsonObject out = scenario;
    out.insert(u"gateway_configs"_s, configs);
    return forbidInTruth(out, refs);
}

} // namespace

QList<ScenarioTransform> allScenarioTransforms()
{
    return {ScenarioTransform::ShiftDays,
            ScenarioTransform::ShiftHours,
            ScenarioTransform::RenameIds,
            ScenarioTransform::RoutineDeploys,
            ScenarioTransform::BackgroundErrors,
            ScenarioTransform::BusinessHours,
            ScenarioTransform::NoisyOrg,
            ScenarioTransform::QuotedThread,
            ScenarioTransform::LocalTime,
            ScenarioTransform::OldIncident,
            ScenarioTransform::UnusedConfig,
            ScenarioTransform::Combined,
            ScenarioTransform::Reseed};
}

QString scenarioTransformName(ScenarioTransform transform)
{
    switch (transform) {
    case ScenarioTransform::ShiftDays:
        return u"shift-days"_s;
    case ScenarioTransform::ShiftHours:
        return u"shift-hours"_s;
    case ScenarioTransform::RenameIds:
        return u"rename-ids"_s;
    case ScenarioTransform::RoutineDeploys:
        return u"routine-deploys"_s;
    case ScenarioTransform::BackgroundErrors:
        return u"background-errors"_s;
    case ScenarioTransform::BusinessHours:
        return u"business-hours"_s;
    case ScenarioTransform::NoisyOrg:
        return u"noisy-org"_s;
    case ScenarioTransform::QuotedThread:
        return u"quoted-thread"_s;
    case ScenarioTransform::LocalTime:
        return u"local-time"_s;
    case ScenarioTransform::OldIncident:
        return u"old-incident"_s;
    case ScenarioTransform::UnusedConfig:
        return u"unused-config"_s;
    case ScenarioTransform::Combined:
        return u"combined"_s;
    case ScenarioTransform::Reseed:
        return u"reseed"_s;
    }
    return {};
}

std::expected<QJsonObject, QString> transformScenario(const QJsonObject &scenario,
                                                      ScenarioTransform transform, int variant)
{
    switch (transform) {
    case ScenarioTransform::ShiftDays:
        return shiftDays(scenario, variant);
    case ScenarioTransform::ShiftHours:
        return shiftHours(scenario, variant);
    case ScenarioTransform::RenameIds:
        return renameIds(scenario, variant);
    case ScenarioTransform::RoutineDeploys:
        return routineDeploys(scenario, variant);
    case ScenarioTransform::BackgroundErrors:
        return backgroundErrors(scenario, variant);
    case ScenarioTransform::BusinessHours:
        return businessHours(scenario, variant);
    case ScenarioTransform::NoisyOrg:
        return noisyOrg(scenario, variant);
    case ScenarioTransform::QuotedThread:
        return quotedThread(scenario, variant);
    case ScenarioTransform::LocalTime:
        return localTime(scenario, variant);
    case ScenarioTransform::OldIncident:
        return oldIncident(scenario, variant);
    case ScenarioTransform::UnusedConfig:
        return unusedConfig(scenario, variant);
    case ScenarioTransform::Reseed:
        return reseed(scenario, variant);
    case ScenarioTransform::Combined: {
        // Truth-preserving changes compose: each sees the scenario the previous one made.
        QJsonObject out = scenario;
        int applied = 0;
        for (const ScenarioTransform t : allScenarioTransforms()) {
            if (t == ScenarioTransform::Combined || t == ScenarioTransform::Reseed)
                continue;
            if (auto next = transformScenario(out, t, variant)) {
                out = *next;
                ++applied;
            }
        }
        if (applied < 3)
            return std::unexpected(u"fewer than three transforms apply"_s);
        return out;
    }
    }
    return std::unexpected(u"unknown transform"_s);
}

} // namespace Casefile::Testing
