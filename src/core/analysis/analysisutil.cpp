#include "core/analysis/analysisutil.h"

#include "core/analysis/changepoint.h"
#include "core/time.h"

#include <QHash>
#include <QLocale>
#include <QRegularExpression>
#include <QSet>
#include <QTimeZone>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace Casefile::Analysis {

namespace {

bool asks(const StepData &step, QStringView connector, QStringView operation)
{
    QString stepConnector = step.record.connector;
    if (stepConnector.isEmpty() && !step.evidence.isEmpty())
        stepConnector = step.evidence.first().connector;
    return stepConnector.compare(connector, Qt::CaseInsensitive) == 0 &&
           step.record.operation.compare(operation, Qt::CaseInsensitive) == 0;
}

} // namespace

QList<FoundEvidence> findEvidence(const AnalysisInput &input, QStringView connector,
                                  QStringView operation)
{
    QList<FoundEvidence> found;
    for (auto it = input.steps.cbegin(); it != input.steps.cend(); ++it) {
        const StepData &step = it.value();
        if (!asks(step, connector, operation) || step.record.status != StepStatus::Ok)
            continue;
        for (const Evidence &evidence : step.evidence)
            found.append(FoundEvidence{&step, &evidence});
    }
    return found;
}

QList<const StepData *> stepsAsking(const AnalysisInput &input, QStringView connector,
                                    QStringView operation)
{
    QList<const StepData *> steps;
    for (auto it = input.steps.cbegin(); it != input.steps.cend(); ++it) {
        if (asks(it.value(), connector, operation))
            steps.append(&it.value());
    }
    return steps;
}

bool dataPresent(const AnalysisInput &input, QStringView connector, QStringView operation)
{
    const auto steps = stepsAsking(input, connector, operation);
    return std::any_of(steps.cbegin(), steps.cend(),
                       [](const StepData *s) { return s->record.status == StepStatus::Ok; });
}

bool dataMissing(const AnalysisInput &input, QStringView connector, QStringView operation)
{
    const auto steps = stepsAsking(input, connector, operation);
    return !steps.isEmpty() && !dataPresent(input, connector, operation);
}

double toNumber(const QJsonValue &value, double fallback)
{
    if (value.isDouble())
        return value.toDouble();
    if (value.isString()) {
        bool ok = false;
        const double d = value.toString().trimmed().toDouble(&ok);
        return ok ? d : fallback;
    }
    if (value.isBool())
        return value.toBool() ? 1.0 : 0.0;
    return fallback;
}

Table::Table(const QJsonObject &data)
    : m_data(data)
    , m_rows(data.value(u"rows"_s).toArray())
    , m_refs(data.value(u"refs"_s).toArray())
{
    const QJsonArray columns = data.value(u"columns"_s).toArray();
    for (const QJsonValue &c : columns)
        m_columns.append(c.toString());
}

int Table::column(QStringView name) const
{
    for (int i = 0; i < m_columns.size(); ++i) {
        if (m_columns.at(i).compare(name, Qt::CaseInsensitive) == 0)
            return i;
    }
    return -1;
}

QJsonValue Table::value(int row, QStringView name) const
{
    const int c = column(name);
    if (c < 0 || row < 0 || row >= m_rows.size())
        return {};
    const QJsonValue r = m_rows.at(row);
    if (r.isObject()) // tolerate rows written as objects
        return r.toObject().value(name.toString());
    return r.toArray().at(c);
}

double Table::number(int row, QStringView name, double fallback) const
{
    return toNumber(value(row, name), fallback);
}

QString Table::text(int row, QStringView name) const
{
    const QJsonValue v = value(row, name);
    if (v.isString())
        return v.toString();
    if (v.isDouble())
        return QString::number(v.toDouble());
    return {};
}

QDateTime Table::time(int row, QStringView name) const
{
    const QJsonValue v = value(row, name);
    if (v.isDouble()) // Unix seconds (Stripe)
        return fromUnixSeconds(v);
    const QString s = v.toString();
    if (s.isEmpty())
        return {};
    bool ok = false;
    s.toLongLong(&ok);
    if (ok) // Unix seconds as text
        return fromUnixSeconds(v);
    return fromIso(s); // ISO 8601, ClickHouse's "yyyy-MM-dd HH:mm:ss" or a date, as UTC
}

QString Table::ref(int row) const
{
    if (row >= 0 && row < m_refs.size())
        return m_refs.at(row).toString();
    return text(row, u"ref");
}

double Series::value(int i, QStringView column, double fallback) const
{
    if (i < 0 || i >= points.size())
        return fallback;
    for (int c = 0; c < columns.size(); ++c) {
        if (columns.at(c).compare(column, Qt::CaseInsensitive) == 0)
            return toNumber(points.at(i).at(c), fallback);
    }
    return fallback;
}

QList<Series> seriesOf(const Evidence &evidence)
{
    QList<Series> out;
    const QJsonObject &data = evidence.data;
    QStringList columns;
    for (const QJsonValue &c : data.value(u"columns"_s).toArray())
        columns.append(c.toString());
    const int timeColumn = std::max<qsizetype>(0, columns.indexOf(u"t"_s));
    const int bucket = int(toNumber(data.value(u"bucket_s"_s), 0));
    for (const QJsonValue &sv : data.value(u"series"_s).toArray()) {
        const QJsonObject so = sv.toObject();
        Series series;
        series.labels = so.value(u"labels"_s).toObject();
        series.columns = columns;
        series.bucketSeconds = bucket;
        for (const QJsonValue &pv : so.value(u"points"_s).toArray()) {
            const QJsonArray point = pv.toArray();
            const QDateTime t = fromIso(point.at(timeColumn).toString());
            if (!t.isValid())
                continue;
            series.times.append(t.toUTC());
            series.points.append(point);
        }
        out.append(series);
    }
    return out;
}

QDateTime timeOf(const QJsonValue &value)
{
    if (value.isDouble())
        return fromUnixSeconds(value);
    const QString s = value.toString();
    if (s.isEmpty())
        return {};
    return fromIso(s);
}

QList<QJsonObject> eventsOf(const Evidence &evidence)
{
    QList<QJsonObject> out;
    for (const QJsonValue &v : evidence.data.value(u"events"_s).toArray()) {
        if (v.isObject())
            out.append(v.toObject());
    }
    return out;
}

QString clock(const QDateTime &time, const QDateTime &reference)
{
    if (!time.isValid())
        return u"an unknown time"_s;
    const QDateTime utc = time.toUTC();
    const QString hm = utc.toString(u"HH:mm"_s) + u" UTC"_s;
    if (reference.isValid() && reference.toUTC().date() != utc.date())
        return utc.toString(u"yyyy-MM-dd"_s) + u' ' + hm;
    return hm;
}

QString clockRange(const QDateTime &from, const QDateTime &to, const QDateTime &reference)
{
    return clock(from, reference) + u"\u2013"_s + clock(to, from.isValid() ? from : reference);
}

QString formatMs(double ms)
{
    if (!std::isfinite(ms))
        return u"?"_s;
    if (std::abs(ms) < 100.0)
        return QString::number(qRound64(ms)) + u" ms"_s;
    if (std::abs(ms) < 995.0) // two significant digits: "340 ms", not "339 ms"
        return QString::number(qRound64(ms / 10.0) * 10) + u" ms"_s;
    const double s = ms / 1000.0;
    if (std::abs(s) >= 10.0)
        return QString::number(qRound64(s)) + u" s"_s;
    return QString::number(s, 'f', 1) + u" s"_s;
}

QString formatShare(double share)
{
    if (!std::isfinite(share))
        return u"?"_s;
    const double pct = share * 100.0;
    if (pct != 0.0 && std::abs(pct) < 10.0)
        return QString::number(pct, 'f', 1) + u'%';
    return QString::number(qRound64(pct)) + u'%';
}

QString formatCount(double count)
{
    QLocale c(QLocale::English, QLocale::UnitedStates);
    return c.toString(qint64(std::llround(count)));
}

QString formatDuration(qint64 seconds)
{
    const qint64 s = std::abs(seconds);
    if (s < 60)
        return QString::number(s) + u" s"_s;
    const qint64 minutes = (s + 30) / 60;
    if (minutes < 60)
        return QString::number(minutes) + u" min"_s;
    const qint64 hours = minutes / 60;
    const qint64 rest = minutes % 60;
    if (hours >= 48)
        return QString::number((hours + 12) / 24) + u" days"_s;
    if (rest == 0)
        return QString::number(hours) + u" h"_s;
    return QString::number(hours) + u" h "_s + QString::number(rest) + u" min"_s;
}

namespace {

const QSet<QString> &fillerWords()
{
    static const QSet<QString> words = {
        u"the"_s,    u"and"_s,   u"for"_s,       u"with"_s,    u"from"_s,   u"into"_s,  u"this"_s,
        u"that"_s,   u"our"_s,   u"your"_s,      u"are"_s,     u"was"_s,    u"were"_s,  u"has"_s,
        u"have"_s,   u"not"_s,   u"but"_s,       u"all"_s,     u"when"_s,   u"since"_s, u"some"_s,
        u"any"_s,    u"can"_s,   u"new"_s,       u"fix"_s,     u"fixes"_s,  u"fixed"_s, u"add"_s,
        u"adds"_s,   u"added"_s, u"update"_s,    u"updates"_s, u"deploy"_s, u"merge"_s, u"main"_s,
        u"src"_s,    u"lib"_s,   u"api"_s,       u"www"_s,     u"http"_s,   u"https"_s, u"com"_s,
        u"json"_s,   u"yaml"_s,  u"sql"_s,       u"test"_s,    u"tests"_s,  u"spec"_s,  u"index"_s,
        u"get"_s,    u"post"_s,  u"use"_s,       u"using"_s,   u"via"_s,    u"per"_s,   u"out"_s,
        u"its"_s,    u"it's"_s,  u"they"_s,      u"them"_s,    u"seem"_s,   u"seems"_s, u"also"_s,
        u"did"_s,    u"does"_s,  u"something"_s, u"side"_s,    u"hi"_s,     u"team"_s,  u"thanks"_s,
        u"please"_s, u"issue"_s, u"bug"_s,       u"when"_s,    u"what"_s,   u"why"_s,   u"how"_s,
        u"more"_s,   u"than"_s,  u"over"_s,      u"under"_s,   u"only"_s,   u"now"_s,   u"today"_s,
        u"morning"_s};
    return words;
}

} // namespace

QList<QStringList> paragraphSentences(const QString &text)
{
    static const QRegularExpression sentenceEnd(u"(?<=[.!?])\\s+(?=[A-Z])"_s);
    QList<QStringList> paragraphs;
    for (const QString &line : text.split(u'\n'))
        paragraphs.append(line.trimmed().split(sentenceEnd, Qt::SkipEmptyParts));
    return paragraphs;
}

QString cutAtWord(const QString &text, qsizetype max)
{
    if (text.size() <= max)
        return text;
    const qsizetype cut = text.lastIndexOf(u' ', max);
    return text.left(cut > 0 ? cut : max) + u'\u2026';
}

QString plainDocLine(const QString &line)
{
    QString plain = QString(line).remove(u"**"_s).trimmed();
    if (plain.startsWith(u"- "_s) || plain.startsWith(u"* "_s))
        plain = plain.mid(2);
    return plain;
}

QStringList wordsOf(const QString &text)
{
    QStringList out;
    QString current;
    const auto flush = [&] {
        if (current.size() >= 3 && !fillerWords().contains(current)) {
            bool digitsOnly = true;
            for (QChar c : std::as_const(current))
                digitsOnly = digitsOnly && c.isDigit();
            if (!digitsOnly && !out.contains(current))
                out.append(current);
        }
        current.clear();
    };
    for (QChar c : text) {
        if (c.isLetterOrNumber())
            current.append(c.toLower());
        else
            flush();
    }
    flush();
    return out;
}

QStringList routeWords(const QString &route)
{
    QStringList out;
    for (const QString &w : wordsOf(route)) {
        // "v1", "v2": versions say nothing about what the route does
        if (w.size() <= 3 && w.startsWith(u'v') && w.mid(1).toInt() > 0)
            continue;
        out.append(w);
    }
    return out;
}

namespace {

// "1.13.1" as numbers; empty when it is not a version.
QList<int> versionParts(const QString &version)
{
    QList<int> parts;
    for (const QString &p : version.split(u'.')) {
        bool ok = false;
        const int n = p.toInt(&ok);
        if (!ok)
            return {};
        parts.append(n);
    }
    return parts;
}

bool newerVersion(const QString &a, const QString &b)
{
    const QList<int> x = versionParts(a);
    const QList<int> y = versionParts(b);
    if (x.isEmpty() || y.isEmpty())
        return false;
    for (qsizetype i = 0; i < std::max(x.size(), y.size()); ++i) {
        const int l = x.value(i);
        const int r = y.value(i);
        if (l != r)
            return l > r;
    }
    return false;
}

// The line of release notes that names `version` or `topic`, without its list marker.
QString notesLine(const QString &body, const QString &version, const QString &topic)
{
    QString fallback;
    for (QString line : body.split(u'\n')) {
        line = line.trimmed();
        if (line.startsWith(u'#') || line.size() < 8)
            continue;
        if (line.startsWith(u"- "_s) || line.startsWith(u"* "_s))
            line = line.mid(2);
        if (line.contains(version) ||
            (!topic.isEmpty() && line.contains(topic, Qt::CaseInsensitive)))
            return line.left(300);
        if (fallback.isEmpty())
            fallback = line.left(300);
    }
    return fallback;
}

} // namespace

namespace {

// The releases the steps read of one SDK package (its name in the title or the tag), each with
// the version its tag names and its notes.
struct PackageRelease
{
    QString ref;
    QString version;
    QDateTime published;
    QString body;
    QString evidenceId;
};
QList<PackageRelease> packageReleases(const AnalysisInput &input, const QString &package)
{
    static const QRegularExpression versionRe(u"(\\d+\\.\\d+(?:\\.\\d+)?)"_s);
    QList<PackageRelease> out;
    for (const FoundEvidence &f : findEvidence(input, u"github", u"releases")) {
        for (const QJsonObject &e : eventsOf(*f.evidence)) {
            const QString tag = e.value(u"tag"_s).toString();
            if (!e.value(u"title"_s).toString().contains(package, Qt::CaseInsensitive) &&
                !tag.contains(package, Qt::CaseInsensitive))
                continue;
            out.append({e.value(u"ref"_s).toString(), versionRe.match(tag).captured(1),
                        timeOf(e.value(u"time"_s)), e.value(u"body"_s).toString(), f.evidence->id});
        }
    }
    return out;
}

} // namespace

SdkRelease laterSdkRelease(const AnalysisInput &input, const QString &sdk, const QString &topic,
                           const QDateTime &before)
{
    SdkRelease best;
    const QString package = sdk.section(u'/', 0, 0);
    const QString version = sdk.section(u'/', 1);
    if (package.isEmpty() || versionParts(version).isEmpty())
        return best;
    bool bestSpeaks = false;
    for (const PackageRelease &r : packageReleases(input, package)) {
        if (!newerVersion(r.version, version) || !r.published.isValid() ||
            (before.isValid() && r.published > before))
            continue;
        const bool speaks = r.body.contains(version) ||
                            (!topic.isEmpty() && r.body.contains(topic, Qt::CaseInsensitive));
        if (!best.ref.isEmpty() &&
            (bestSpeaks > speaks || (bestSpeaks == speaks && r.published >= best.published)))
            continue;
        best = {r.ref,       package, r.version, r.published, notesLine(r.body, version, topic),
                r.evidenceId};
        bestSpeaks = speaks;
    }
    return best;
}

void tellFixedRelease(Hypothesis &h, const SdkRelease &fix)
{
    h.cause.summary += u"; "_s + fix.package + u' ' + fix.version + u", released "_s +
                       fix.published.toString(u"yyyy-MM-dd"_s) + u", fixes this: \u201c"_s +
                       fix.quote + u"\u201d"_s;
    h.cause.phrases.append(
        {u"sdk.fixed_release"_s,
         {Say::name(u"package"_s, fix.package), Say::name(u"version"_s, fix.version),
          Say::date(u"date"_s, fix.published), Say::name(u"quote"_s, fix.quote)}});
}

void citeOwnRelease(Hypothesis &h, const SdkRelease &own)
{
    appendUnique(h.cause.refs, own.ref);
    h.cause.summary += u"; the release notes of "_s + own.package + u' ' + own.version +
                       u" say: \u201c"_s + own.quote + u"\u201d"_s;
    h.cause.phrases.append(
        {u"sdk.own_release"_s,
         {Say::name(u"package"_s, own.package), Say::name(u"version"_s, own.version),
          Say::name(u"quote"_s, own.quote)}});
    if (!own.evidenceId.isEmpty())
        appendUnique(h.cause.evidenceIds, own.evidenceId);
}

SdkRelease ownSdkRelease(const AnalysisInput &input, const QString &sdk, const QString &topic)
{
    const QString package = sdk.section(u'/', 0, 0);
    const QString version = sdk.section(u'/', 1);
    if (package.isEmpty() || versionParts(version).isEmpty() || topic.isEmpty())
        return {};
    for (const PackageRelease &r : packageReleases(input, package)) {
        if (versionParts(r.version) == versionParts(version) &&
            r.body.contains(topic, Qt::CaseInsensitive))
            return {
                r.ref,       package, r.version, r.published, notesLine(r.body, QString(), topic),
                r.evidenceId};
    }
    return {};
}

SdkDocumentedGap sdkDocumentedGap(const QList<QJsonObject> &pages, const QString &sdk,
                                  const QString &topic)
{
    const QString package = sdk.section(u'/', 0, 0);
    const QString version = sdk.section(u'/', 1);
    if (package.isEmpty() || versionParts(version).isEmpty())
        return {};
    // "before 1.5.0", "older than 1.5", "earlier than", "prior to", "< 1.5", "below 1.5"
    static const QRegularExpression bound(
        u"(?:before|older than|earlier than|prior to|below|<)\\s*v?(\\d+\\.\\d+(?:\\.\\d+)?)"_s,
        QRegularExpression::CaseInsensitiveOption);
    for (const QJsonObject &page : pages) {
        const QString text = page.value(u"text"_s).toString();
        if (!text.contains(topic, Qt::CaseInsensitive))
            continue;
        for (const QString &raw : text.split(u'\n')) {
            if (!raw.contains(package, Qt::CaseInsensitive))
                continue;
            const QRegularExpressionMatch m = bound.match(raw);
            if (!m.hasMatch() || !newerVersion(m.captured(1), version))
                continue;
            QString line = raw;
            line.replace(u'|', u' ');
            return {page.value(u"ref"_s).toString(), line.simplified().left(300)};
        }
    }
    return {};
}

double median(QList<double> values)
{
    if (values.isEmpty())
        return 0.0;
    std::sort(values.begin(), values.end());
    const qsizetype n = values.size();
    return n % 2 ? values.at(n / 2) : (values.at(n / 2 - 1) + values.at(n / 2)) / 2.0;
}

QString largestKey(const QMap<QString, double> &counts)
{
    QString best;
    double most = -1;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
        if (it.value() > most) {
            most = it.value();
            best = it.key();
        }
    }
    return best;
}

QString describeLabels(const QJsonObject &labels)
{
    if (labels.isEmpty())
        return u"all traffic"_s;
    QStringList parts;
    for (auto it = labels.begin(); it != labels.end(); ++it)
        parts.append(it.key() + u' ' + it.value().toString());
    return parts.join(u", "_s);
}

QString refForLabels(const QJsonObject &labels)
{
    static const QStringList known = {u"route"_s, u"provider"_s, u"model"_s, u"endpoint"_s,
                                      u"sdk"_s};
    for (const QString &key : known) {
        const QString v = labels.value(key).toString();
        if (!v.isEmpty())
            return key + u':' + v;
    }
    return {};
}

QString refId(const QString &ref)
{
    const qsizetype i = ref.lastIndexOf(u':');
    return i < 0 ? ref : ref.mid(i + 1);
}

bool isGroup(const QJsonObject &target)
{
    return target.contains(u"targets"_s);
}

QString strategyMode(const QJsonObject &node)
{
    return node.value(u"strategy"_s)
        .toObject()
        .value(u"mode"_s)
        .toString(node.value(u"mode"_s).toString())
        .toLower();
}

QString configRefOf(const QJsonObject &data)
{
    const QString ref = data.value(u"ref"_s).toString();
    return ref.isEmpty() ? u"config:"_s + data.value(u"config_id"_s).toString() : ref;
}

QString configIdOf(const QJsonObject &data)
{
    const QString id = data.value(u"config_id"_s).toString();
    return id.isEmpty() ? refId(data.value(u"ref"_s).toString()) : id;
}

QString providerOfModel(const QString &model)
{
    const QString m = model.toLower();
    if (m.startsWith(u"claude"))
        return u"anthropic"_s;
    if (m.startsWith(u"gpt") || m.startsWith(u"o1") || m.startsWith(u"o3") || m.startsWith(u"o4") ||
        m.startsWith(u"text-embedding") || m.startsWith(u"dall-e") || m.startsWith(u"whisper"))
        return u"openai"_s;
    if (m.startsWith(u"gemini"))
        return u"google"_s;
    if (m.startsWith(u"mistral") || m.startsWith(u"mixtral"))
        return u"mistral"_s;
    if (m.startsWith(u"command"))
        return u"cohere"_s;
    if (m.startsWith(u"llama"))
        return u"meta"_s;
    return {};
}

QString vendorOf(const QString &name)
{
    static const QRegularExpression words(u"[^a-z0-9]+"_s);
    QString first = name.toLower().split(words, Qt::SkipEmptyParts).value(0);
    // "mistralai", "togetherai": the company's name without its "AI" ("openai" stays whole)
    if (first.size() > 6 && first.endsWith(u"ai"))
        first.chop(2);
    static const QHash<QString, QString> same{{u"amazon"_s, u"aws"_s},
                                              {u"bedrock"_s, u"aws"_s},
                                              {u"gemini"_s, u"google"_s},
                                              {u"vertex"_s, u"google"_s}};
    return same.value(first, first);
}

bool sameVendor(const QString &page, const QString &provider)
{
    const QString p = page.toLower();
    const QString q = provider.toLower();
    if (p.isEmpty() || q.isEmpty())
        return false;
    return p.contains(q) || vendorOf(p) == vendorOf(q);
}

QString escapeMarkdown(const QString &text)
{
    QString out;
    out.reserve(text.size() + 8);
    bool lineStart = true;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        const char16_t u = c.unicode();
        const bool prevWord = i > 0 && text.at(i - 1).isLetterOrNumber();
        const bool nextWord = i + 1 < text.size() && text.at(i + 1).isLetterOrNumber();
        switch (u) {
        case u'\\':
        case u'`':
        case u'*':
        case u'[':
        case u']':
        case u'<':
        case u'>':
        case u'|':
        case u'~':
        case u'!':
        case u'&':
            out.append(u'\\');
            out.append(c);
            break;
        case u'_':
            // intraword underscores (org_acme, tls_error) never start emphasis: keep them
            // readable and searchable
            if (!(prevWord && nextWord))
                out.append(u'\\');
            out.append(c);
            break;
        case u'#':
        case u'+':
        case u'-':
        case u'=':
            if (lineStart)
                out.append(u'\\');
            out.append(c);
            break;
        case u'\r':
            break;
        case u'\n':
            // untrusted text stays inside its paragraph: no new blocks from a ticket
            out.append(u' ');
            break;
        default:
            if (c.isDigit() && lineStart) {
                // "1. " at a line start would start a list
                qsizetype j = i;
                while (j < text.size() && text.at(j).isDigit())
                    ++j;
                out.append(text.mid(i, j - i));
                if (j < text.size() && (text.at(j) == u'.' || text.at(j) == u')')) {
                    out.append(u'\\');
                }
                i = j - 1;
            } else {
                out.append(c);
            }
            break;
        }
        lineStart = (u == u'\n') || (lineStart && c.isSpace());
    }
    return out;
}

void appendUnique(QStringList &list, const QString &value)
{
    if (!value.isEmpty() && !list.contains(value))
        list.append(value);
}

void appendUnique(QStringList &list, const QStringList &values)
{
    for (const QString &v : values)
        appendUnique(list, v);
}

} // namespace Casefile::Analysis

namespace Casefile::Analysis {

ErrorProfile errorProfile(const AnalysisInput &input)
{
    ErrorProfile p;
    const auto found = findEvidence(input, u"clickhouse", u"error_breakdown");
    if (found.isEmpty())
        return p;
    // with several breakdowns (one per org), the one of the ticket's org is the first
    const FoundEvidence &f = found.first();
    const Table table(f.evidence->data);
    p.present = true;
    p.evidenceId = f.evidence->id;
    p.totalRequests = toNumber(f.evidence->data.value(u"total_requests"_s), 0);
    if (p.totalRequests <= 0)
        p.totalRequests = toNumber(f.step->outputs.value(u"total_requests"_s), 0);
    QMap<QString, double> serverByProvider;
    QMap<QString, double> serverByModel;
    QMap<QString, double> clientByProvider;
    QMap<QString, double> clientByModel;
    for (int r = 0; r < table.rowCount(); ++r) {
        ErrorGroup g;
        g.provider = table.text(r, u"provider");
        g.model = table.text(r, u"model");
        g.status = int(table.number(r, u"status"));
        g.errorCode = table.text(r, u"error_code");
        g.n = table.number(r, u"n");
        g.first = table.time(r, u"first");
        g.last = table.time(r, u"last");
        if (g.status < 400 && g.errorCode.isEmpty())
            continue;
        p.errors += g.n;
        const bool rate = g.isRateLimit();
        const bool server = g.isServerError();
        if (rate) {
            p.rateLimited += g.n;
            if (!p.rateFirst.isValid() || (g.first.isValid() && g.first < p.rateFirst))
                p.rateFirst = g.first;
            if (!p.rateLast.isValid() || g.last > p.rateLast)
                p.rateLast = g.last;
        } else if (server) {
            p.serverErrors += g.n;
            serverByProvider[g.provider] += g.n;
            serverByModel[g.model] += g.n;
        } else {
            p.clientErrors += g.n;
            clientByProvider[g.provider] += g.n;
            clientByModel[g.model] += g.n;
            appendUnique(p.clientCodes, g.errorCode.isEmpty() ? QString::number(g.status)
                                                              : QString(QString::number(g.status) +
                                                                        u' ' + g.errorCode));
        }
        p.groups.append(g);
    }
    std::stable_sort(p.groups.begin(), p.groups.end(),
                     [](const ErrorGroup &a, const ErrorGroup &b) { return a.n > b.n; });
    const auto dominant = [](const QMap<QString, double> &m, double total) {
        for (auto it = m.cbegin(); it != m.cend(); ++it) {
            if (total > 0 && it.value() >= 0.6 * total && !it.key().isEmpty())
                return it.key();
        }
        return QString();
    };
    p.serverProvider = dominant(serverByProvider, p.serverErrors);
    p.serverModel = dominant(serverByModel, p.serverErrors);
    p.clientProvider = dominant(clientByProvider, p.clientErrors);
    p.clientModel = dominant(clientByModel, p.clientErrors);
    for (auto it = serverByProvider.cbegin(); it != serverByProvider.cend(); ++it) {
        if (it.value() > 0)
            appendUnique(p.serverProviders, it.key());
    }
    for (const ErrorGroup &g : std::as_const(p.groups)) {
        const bool server =
            g.status >= 500 || g.status == 408 || g.errorCode.startsWith(u"provider_");
        if (!server || (!p.serverProvider.isEmpty() && g.provider != p.serverProvider))
            continue;
        if (!p.serverFirst.isValid() || (g.first.isValid() && g.first < p.serverFirst))
            p.serverFirst = g.first;
        if (!p.serverLast.isValid() || g.last > p.serverLast)
            p.serverLast = g.last;
    }
    // the 429s' own code and, when one group holds most of them, where they went
    const ErrorGroup *largestRate = nullptr;
    for (const ErrorGroup &g : std::as_const(p.groups)) {
        if ((g.status == 429 || g.errorCode == u"rate_limited") &&
            (!largestRate || g.n > largestRate->n))
            largestRate = &g;
    }
    if (largestRate) {
        p.rateCode = largestRate->errorCode.isEmpty() ? u"rate_limited"_s : largestRate->errorCode;
        if (largestRate->n >= 0.8 * p.rateLimited) {
            p.rateProvider = largestRate->provider;
            p.rateModel = largestRate->model;
        } else {
            // spread over models of one provider: that provider's quota (a key the configs
            // sending to it share), whichever model asked
            double onProvider = 0;
            for (const ErrorGroup &g : std::as_const(p.groups)) {
                if ((g.status == 429 || g.errorCode == u"rate_limited") &&
                    g.provider == largestRate->provider)
                    onProvider += g.n;
            }
            if (onProvider >= 0.8 * p.rateLimited)
                p.rateProvider = largestRate->provider;
        }
    }
    if (p.totalRequests <= 0)
        p.totalRequests = p.errors; // unknown: rates are then only relative
    return p;
}

QList<DocPage> fetchedDocPages(const AnalysisInput &input)
{
    QList<FoundEvidence> found = findEvidence(input, u"docs", u"search");
    found.append(findEvidence(input, u"docs", u"fetch"));
    QList<DocPage> pages;
    for (const FoundEvidence &f : std::as_const(found)) {
        for (const QJsonValue &item : f.evidence->data.value(u"items"_s).toArray()) {
            const QJsonObject o = item.toObject();
            const QString ref = o.value(u"ref"_s).toString();
            const bool seen = std::any_of(pages.cbegin(), pages.cend(),
                                          [&](const DocPage &d) { return d.ref == ref; });
            if (!ref.isEmpty() && !seen)
                pages.append({ref, o.value(u"title"_s).toString(), o.value(u"text"_s).toString(),
                              f.evidence->id});
        }
    }
    return pages;
}

QList<ConfigTraffic> configTraffic(const AnalysisInput &input)
{
    QList<ConfigTraffic> out;
    for (const FoundEvidence &f : findEvidence(input, u"clickhouse", u"traffic_overview")) {
        const Table t(f.evidence->data);
        if (!t.hasColumn(u"config_id") || !t.hasColumn(u"errors"))
            continue;
        for (int r = 0; r < t.rowCount(); ++r) {
            const QString id = t.text(r, u"config_id");
            if (id.isEmpty())
                continue;
            const QString provider = t.text(r, u"provider");
            const QString model = t.text(r, u"model");
            auto it = std::find_if(out.begin(), out.end(), [&](const ConfigTraffic &c) {
                return c.configId == id && c.provider == provider && c.model == model;
            });
            if (it == out.end()) {
                out.append({id, provider, model, 0, 0, f.evidence->id});
                it = out.end() - 1;
            }
            it->requests += t.number(r, u"n");
            it->errors += t.number(r, u"errors");
        }
    }
    std::stable_sort(out.begin(), out.end(), [](const ConfigTraffic &a, const ConfigTraffic &b) {
        return a.errors > b.errors;
    });
    return out;
}

QString failingConfigRef(const QList<ConfigTraffic> &traffic, const QString &provider,
                         const QString &model)
{
    // the failures compared are those of the provider/model asked about, against the org's
    // other configs there (or anywhere, when none other sends there): another cause's failures
    // elsewhere in the org do not hide the config that holds most of these
    const auto concerned = [&](const ConfigTraffic &c) {
        return (provider.isEmpty() || c.provider == provider) &&
               (model.isEmpty() || c.model == model);
    };
    double requests = 0, errors = 0, scopeRequests = 0, scopeErrors = 0;
    for (const ConfigTraffic &c : traffic) {
        requests += c.requests;
        errors += c.errors;
        if (concerned(c)) {
            scopeRequests += c.requests;
            scopeErrors += c.errors;
        }
    }
    for (const ConfigTraffic &c : traffic) { // most errors first
        if (!concerned(c))
            continue;
        if (c.errors >= 5 && c.errorRate() >= 0.05)
            return u"config:"_s + c.configId;
        // A burst at the end of a long window is a small share of the config's day: it still
        // holds most of the failures, at many times the rate of the org's other configs.
        const bool othersInScope = scopeRequests - c.requests > 0;
        const double otherRequests =
            othersInScope ? scopeRequests - c.requests : requests - c.requests;
        const double otherErrors = othersInScope ? scopeErrors - c.errors : errors - c.errors;
        const double otherRate = otherRequests > 0 ? otherErrors / otherRequests : 0;
        const double compared = othersInScope ? scopeErrors : errors;
        if (c.errors >= 20 && otherRequests > 0 && c.errors >= 0.6 * compared &&
            c.errorRate() >= 0.02 && c.errorRate() >= 10 * otherRate)
            return u"config:"_s + c.configId;
    }
    return {};
}

QString configCarrying(const AnalysisInput &input, QStringView column, const QString &value)
{
    QHash<QString, double> perConfig;
    double total = 0;
    for (const FoundEvidence &f : findEvidence(input, u"clickhouse", u"traffic_overview")) {
        const Table t(f.evidence->data);
        if (!t.hasColumn(u"config_id") || !t.hasColumn(column))
            continue;
        for (int r = 0; r < t.rowCount(); ++r) {
            if (t.text(r, column).compare(value, Qt::CaseInsensitive) != 0)
                continue;
            const double n = t.number(r, u"n");
            total += n;
            if (const QString id = t.text(r, u"config_id"); !id.isEmpty())
                perConfig[id] += n;
        }
    }
    for (auto it = perConfig.cbegin(); it != perConfig.cend(); ++it) {
        if (total > 0 && it.value() >= 0.6 * total)
            return u"config:"_s + it.key();
    }
    return {};
}

std::optional<ProviderWorksElsewhere> providerWorksElsewhere(const QList<ConfigTraffic> &traffic,
                                                             const QString &provider)
{
    const QString failing = failingConfigRef(traffic, provider, {});
    if (failing.isEmpty())
        return std::nullopt;
    // per config: the provider's requests and errors (a config may send to several models)
    QMap<QString, std::pair<double, double>> perConfig;
    double requests = 0;
    for (const ConfigTraffic &c : traffic) {
        if (c.provider != provider)
            continue;
        auto &[n, errors] = perConfig[u"config:"_s + c.configId];
        n += c.requests;
        errors += c.errors;
        requests += c.requests;
    }
    const auto [failingRequests, failingErrors] = perConfig.value(failing);
    const double failingRate = failingRequests > 0 ? failingErrors / failingRequests : 0;
    std::optional<ProviderWorksElsewhere> best;
    for (auto it = perConfig.cbegin(); it != perConfig.cend(); ++it) {
        const auto [n, errors] = it.value();
        const double rate = n > 0 ? errors / n : 1.0;
        if (it.key() == failing || n < 50 || n < 0.1 * requests || rate >= 0.02 ||
            rate >= failingRate / 5)
            continue;
        if (!best || n > best->workingRequests)
            best = ProviderWorksElsewhere{failing, it.key(), n, rate};
    }
    return best;
}

namespace {

OrgScope wholeWindowScope(const AnalysisInput &input)
{
    OrgScope s;
    s.org = input.params.org.isEmpty() ? input.ticket.orgId : input.params.org;
    const auto found = findEvidence(input, u"clickhouse", u"org_comparison");
    if (found.isEmpty())
        return s;
    const Table table(found.first().evidence->data);
    s.present = true;
    s.evidenceId = found.first().evidence->id;
    double otherRequests = 0;
    double otherErrors = 0;
    QList<double> otherP95;
    QList<std::pair<double, double>> others; // requests, errors
    for (int r = 0; r < table.rowCount(); ++r) {
        const QString org = table.text(r, u"org");
        const double n = table.number(r, u"n");
        const double e = table.number(r, u"errors");
        if (org == s.org) {
            s.orgFound = true;
            s.orgRequests = n;
            s.orgErrorRate = n > 0 ? e / n : 0;
            s.orgP95 = table.number(r, u"p95");
            continue;
        }
        ++s.otherOrgs;
        otherRequests += n;
        otherErrors += e;
        otherP95.append(table.number(r, u"p95"));
        others.append({n, e});
    }
    // The comparison spans the whole window, so an hour-long burst is diluted by a day of
    // normal traffic: an org whose errors come near this org's share was hit as well.
    for (const auto &[n, e] : std::as_const(others)) {
        const double rate = n > 0 ? e / n : 0;
        if ((rate >= 0.05 && e >= 10) ||
            (s.orgFound && e >= 30 && rate >= 0.01 && rate >= 0.5 * s.orgErrorRate))
            ++s.otherOrgsWithErrors;
    }
    s.othersErrorRate = otherRequests > 0 ? otherErrors / otherRequests : 0;
    s.othersMedianP95 = median(otherP95);
    return s;
}

// The org's own failure burst: its strongest error-rate rise (the most failed requests after
// it), nullptr when none.
const SeriesChange *strongestErrorBurst(const ChangeReport &report)
{
    const SeriesChange *burst = nullptr;
    for (const SeriesChange *c : report.changed()) {
        if (c->kind == MetricKind::ErrorRate && (!burst || c->errorsAfter > burst->errorsAfter))
            burst = c;
    }
    return burst;
}

} // namespace

OrgScope orgScopeIn(const AnalysisInput &input, const QDateTime &from, const QDateTime &to)
{
    OrgScope s = wholeWindowScope(input);
    if (!from.isValid())
        return s;
    // every org's traffic per bucket: the comparison can be made in the burst's own minutes
    QList<Series> byOrg;
    QString byOrgEvidence;
    // the org's own requests in those minutes (one evidence: its groups split its traffic), in
    // case the all-orgs series left it out
    double ownRequests = 0;
    double ownErrors = 0;
    bool ownCounted = false;
    for (const FoundEvidence &f : findEvidence(input, u"clickhouse", u"error_series")) {
        bool own = false;
        for (const Series &series : seriesOf(*f.evidence)) {
            if (series.labels.contains(u"org"_s)) {
                byOrg.append(series);
                byOrgEvidence = f.evidence->id;
                continue;
            }
            if (ownCounted)
                continue;
            own = true;
            for (int i = 0; i < series.size(); ++i) {
                const QDateTime t = series.times.at(i);
                if (t >= from && (!to.isValid() || t < to)) {
                    ownRequests += series.value(i, u"n", 0);
                    ownErrors += series.value(i, u"errors", 0);
                }
            }
        }
        ownCounted = ownCounted || own;
    }
    if (byOrg.isEmpty())
        return s;
    s = compareInBurst(s, byOrg, from, to, ownRequests, ownErrors);
    if (s.evidenceId.isEmpty())
        s.evidenceId = byOrgEvidence;
    return s;
}

OrgScope orgScope(const AnalysisInput &input)
{
    const auto changes = changeReport(input);
    const ChangeReport &report = *changes;
    const SeriesChange *burst = strongestErrorBurst(report);
    if (!burst)
        return wholeWindowScope(input);
    return orgScopeIn(input, burst->at, burst->end);
}

bool editFitsOnset(const QDateTime &editedAt, const QDateTime &onset)
{
    if (!editedAt.isValid() || !onset.isValid())
        return false;
    const qint64 before = editedAt.secsTo(onset);
    return before >= -120 && before <= 60 * 60;
}

QDateTime errorOnset(const AnalysisInput &input)
{
    const auto changes = changeReport(input);
    if (const SeriesChange *burst = strongestErrorBurst(*changes))
        return burst->at;
    if (const ErrorProfile p = errorProfile(input); !p.groups.isEmpty())
        return p.groups.first().first;
    return {};
}

std::optional<ConfigEdit> configEditBeforeFailures(const AnalysisInput &input)
{
    const QString ref = failingConfigRef(configTraffic(input), {}, {});
    if (ref.isEmpty())
        return std::nullopt;
    const QDateTime onset = errorOnset(input);
    for (const FoundEvidence &f : findEvidence(input, u"gateway", u"config")) {
        const QJsonObject &data = f.evidence->data;
        if (configRefOf(data) != ref)
            continue;
        const QDateTime edited = timeOf(data.value(u"updated_at"_s));
        if (!editFitsOnset(edited, onset))
            return std::nullopt;
        return ConfigEdit{ref, edited, onset, f.evidence->id};
    }
    return std::nullopt;
}

std::optional<ConfigEdit> configEditedBefore(const AnalysisInput &input, const QDateTime &onset)
{
    std::optional<ConfigEdit> latest;
    for (const FoundEvidence &f : findEvidence(input, u"gateway", u"config")) {
        const QJsonObject &data = f.evidence->data;
        const QDateTime edited = timeOf(data.value(u"updated_at"_s));
        if (editFitsOnset(edited, onset) && (!latest || edited > latest->editedAt))
            latest = ConfigEdit{configRefOf(data), edited, onset, f.evidence->id};
    }
    return latest;
}

OrgScope compareInBurst(OrgScope s, const QList<Series> &byOrg, const QDateTime &from,
                        const QDateTime &to, double ownRequests, double ownErrors)
{
    struct Counts
    {
        double n = 0;
        double e = 0;
        double baseN = 0;
        double baseE = 0;
        QList<std::pair<double, double>> buckets; // requests, errors of each bucket in the burst
    };
    QMap<QString, Counts> orgs;
    for (const Series &series : byOrg) {
        const QString org = series.labels.value(u"org"_s).toString();
        if (org.isEmpty())
            continue;
        Counts &c = orgs[org];
        const qint64 bucket = std::max(1, series.bucketSeconds);
        for (int i = 0; i < series.size(); ++i) {
            const QDateTime t = series.times.at(i);
            const bool inBurst = t.addSecs(bucket) > from && (!to.isValid() || t < to);
            const double n = series.value(i, u"n", 0);
            const double e = series.value(i, u"errors", 0);
            (inBurst ? c.n : c.baseN) += n;
            (inBurst ? c.e : c.baseE) += e;
            if (inBurst)
                c.buckets.append({n, e});
        }
    }
    if (orgs.isEmpty())
        return s;
    s.present = true;
    s.timeResolved = true;
    s.burstFrom = from;
    s.burstTo = to;
    if (const auto own = orgs.constFind(s.org); own != orgs.cend() && own->n > 0) {
        ownRequests = own->n;
        ownErrors = own->e;
    }
    s.orgFound = s.orgFound || ownRequests > 0;
    if (ownRequests > 0) {
        s.orgRequests = ownRequests;
        s.orgErrorRate = ownErrors / ownRequests;
    }
    s.otherOrgs = 0;
    s.otherOrgsWithErrors = 0;
    double otherRequests = 0;
    double otherErrors = 0;
    for (auto it = orgs.cbegin(); it != orgs.cend(); ++it) {
        if (it.key() == s.org || it->n <= 0)
            continue;
        ++s.otherOrgs;
        otherRequests += it->n;
        otherErrors += it->e;
        const double rate = it->e / it->n;
        const double base = it->baseN > 0 ? it->baseE / it->baseN : 0.0;
        const bool high = rate >= 0.05 || (s.orgErrorRate > 0 && rate >= 0.5 * s.orgErrorRate);
        // and through most of the burst: another cause's shorter burst inside a long one of
        // this org is not the same failure
        int active = 0;
        int elevated = 0;
        for (const auto &[n, e] : it->buckets) {
            if (n <= 0)
                continue;
            ++active;
            elevated += e / n >= 2.0 * base + 0.01 ? 1 : 0;
        }
        if (it->e >= 5 && high && rate >= 2.0 * base + 0.01 && elevated * 2 >= active)
            ++s.otherOrgsWithErrors;
    }
    s.othersErrorRate = otherRequests > 0 ? otherErrors / otherRequests : 0.0;
    return s;
}

QString affectedProvider(const AnalysisInput &input)
{
    // the logs are read only when the bound parameters do not say
    const bool bound =
        !input.params.provider.isEmpty() || !providerOfModel(input.params.model).isEmpty();
    return affectedProvider(input, bound ? ErrorProfile{} : errorProfile(input));
}

QString affectedProvider(const AnalysisInput &input, const ErrorProfile &errors)
{
    if (!input.params.provider.isEmpty())
        return input.params.provider.toLower();
    if (!input.params.model.isEmpty() && !providerOfModel(input.params.model).isEmpty())
        return providerOfModel(input.params.model);
    return errors.serverProvider.isEmpty() ? errors.clientProvider : errors.serverProvider;
}

QString affectedModel(const AnalysisInput &input)
{
    return affectedModel(input,
                         input.params.model.isEmpty() ? errorProfile(input) : ErrorProfile{});
}

QString affectedModel(const AnalysisInput &input, const ErrorProfile &errors)
{
    if (!input.params.model.isEmpty())
        return input.params.model;
    return errors.serverModel.isEmpty() ? errors.clientModel : errors.serverModel;
}

double categoryPrior(const QString &playbook, const QString &category)
{
    // What the customer asks decides which cause answers the ticket: "why did fallback not
    // trigger" is answered by the config even while the provider was down.
    if (playbook == u"fallback") {
        if (category == QLatin1StringView(Category::ProviderOutage))
            return 0.8;
        if (category == QLatin1StringView(Category::CustomerConfig))
            return 1.05;
    }
    if (playbook == u"token-billing") {
        if (category == QLatin1StringView(Category::BillingPipeline) ||
            category == QLatin1StringView(Category::ExpectedBehavior))
            return 1.05;
    }
    if (playbook == u"webhook-failures" && category == QLatin1StringView(Category::ProviderOutage))
        return 0.5;
    return 1.0;
}

} // namespace Casefile::Analysis
