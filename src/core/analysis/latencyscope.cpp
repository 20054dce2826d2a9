#include "core/analysis/latencyscope.h"

#include "core/analysis/analysisutil.h"
#include "core/analysis/analyzers.h"
#include "core/analysis/changepoint.h"
#include "core/analysis/errorbreakdown.h"

#include <QJsonArray>
#include <QRegularExpression>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Casefile::Analysis {

namespace {

constexpr qint64 Around = 2 * 60 * 60; // seconds either side of the onset
constexpr double MinRequests = 30;     // requests of a config either side of the onset
constexpr double RoseBy = 1.5;         // a config's latency that rose
constexpr double FlatWithin = 1.2;     // a config's latency that did not
constexpr double SlowerBy = 1.5;       // a version slower than the one it replaced
constexpr double TrafficMoved = 3.0;   // requests per minute after over before (and back)
constexpr double MinShareAfter = 0.5;  // of the org's requests after the onset

QList<ScopedLatencySeries> scopedSeries(const Evidence &evidence, const QString &label)
{
    QList<ScopedLatencySeries> out;
    for (const Series &s : seriesOf(evidence)) {
        const QString key = s.labels.value(label).toString();
        if (key.isEmpty() || s.labels.contains(u"org"_s) || !s.columns.contains(u"p50"_s))
            continue;
        ScopedLatencySeries scoped{key, s.times, {}, {}};
        for (int i = 0; i < s.size(); ++i) {
            scoped.requests.append(s.value(i, u"n"));
            scoped.p50.append(s.value(i, u"p50"));
        }
        out.append(scoped);
    }
    return out;
}

// The numbers `config`'s target sets otherwise than `other`'s: "max_tokens 6000 (pc-chat: 800)".
QStringList numbersApart(const LatencyScopeFacts &facts, const QString &config,
                         const QString &other)
{
    QStringList out;
    const QHash<QString, double> own = facts.numbers.value(config);
    const QHash<QString, double> theirs = facts.numbers.value(other);
    QStringList keys = own.keys();
    keys.sort();
    for (const QString &key : std::as_const(keys)) {
        if (key.contains(u"timeout"_s) || theirs.value(key, -1) == own.value(key))
            continue;
        out.append(key + u' ' + QString::number(own.value(key)) +
                   (theirs.contains(key)
                        ? u" ("_s + other + u": "_s + QString::number(theirs.value(key)) + u')'
                        : QString()));
    }
    return out;
}

// The one config whose latency rose, with the configs that kept theirs: the customer's when it
// was edited at the onset, or when its target is the customer's own server (custom_host), whose
// time is the server's and no provider's or gateway's.
void judgeConfigs(const LatencyScopeFacts &facts, LatencyScopeVerdict &v)
{
    QString rose;
    ScopedLevel roseLevel;
    int risen = 0;
    QStringList flat;
    for (const ScopedLatencySeries &s : facts.configs) {
        const ScopedLevel l = levelAround(s, facts.onset);
        if (l.requestsBefore < MinRequests || l.requestsAfter < MinRequests || l.before <= 0)
            continue;
        if (l.after >= RoseBy * l.before) {
            ++risen;
            rose = s.key;
            roseLevel = l;
        } else if (l.after <= FlatWithin * l.before) {
            flat.append(s.key);
        }
    }
    if (risen != 1 || flat.isEmpty())
        return;
    const QDateTime edited = facts.editedAt.value(rose);
    const bool editFits = editFitsOnset(edited, facts.onset);
    if (!editFits && facts.ownServer.value(rose).isEmpty())
        return;
    if (!editFits)
        v.serverHost = facts.ownServer.value(rose);
    v.config = rose;
    v.configLevel = roseLevel;
    v.editedAt = edited;
    v.configOnset = facts.onset;
    v.flatConfigs = flat;
    for (const QString &other : std::as_const(flat)) {
        if (facts.configModel.value(other) == facts.configModel.value(rose) &&
            !facts.configModel.value(rose).isEmpty()) {
            v.settingsApart = numbersApart(facts, rose, other);
            break;
        }
    }
}

// The first bucket from two minutes before `edited` whose median latency is past the midpoint
// of the levels around the edit.
QDateTime riseAfter(const ScopedLatencySeries &s, const QDateTime &edited, const ScopedLevel &l)
{
    const double mid = (l.before + l.after) / 2.0;
    for (int i = 0; i < s.times.size(); ++i) {
        if (s.times.at(i) >= edited.addSecs(-120) && s.requests.at(i) > 0 && s.p50.at(i) > mid)
            return s.times.at(i);
    }
    return edited;
}

// Another change of the org (an incident on other models) can hide a config's own: a config
// edited in the window whose latency rose from its edit while a config of the org on the same
// model kept its own at those minutes is slowed by the edit, whatever else rose.
void judgeEditedConfig(const LatencyScopeFacts &facts, LatencyScopeVerdict &v)
{
    double largest = 0;
    for (const ScopedLatencySeries &s : facts.configs) {
        const QDateTime edited = facts.editedAt.value(s.key);
        const QString model = facts.configModel.value(s.key);
        if (!edited.isValid() || model.isEmpty() || s.times.isEmpty() || edited < s.times.first() ||
            edited > s.times.last())
            continue;
        const ScopedLevel l = levelAround(s, edited);
        if (l.requestsBefore < MinRequests || l.requestsAfter < MinRequests || l.before <= 0 ||
            l.after < RoseBy * l.before || l.after / l.before <= largest)
            continue;
        QStringList flat;
        for (const ScopedLatencySeries &o : facts.configs) {
            if (o.key == s.key || facts.configModel.value(o.key) != model)
                continue;
            const ScopedLevel other = levelAround(o, edited);
            if (other.requestsBefore >= MinRequests && other.requestsAfter >= MinRequests &&
                other.before > 0 && other.after <= FlatWithin * other.before)
                flat.append(o.key);
        }
        if (flat.isEmpty())
            continue;
        largest = l.after / l.before;
        v.config = s.key;
        v.configLevel = l;
        v.editedAt = edited;
        v.configOnset = riseAfter(s, edited, l);
        v.flatConfigs = flat;
        v.settingsApart = numbersApart(facts, s.key, flat.first());
    }
}

// The version the org's traffic moved to at the onset, slower than the one it left all along.
void judgeSdks(const LatencyScopeFacts &facts, LatencyScopeVerdict &v)
{
    double totalAfter = 0;
    QList<ScopedLevel> levels;
    for (const ScopedLatencySeries &s : facts.sdks) {
        levels.append(levelAround(s, facts.onset));
        totalAfter += levels.constLast().requestsAfter;
    }
    for (qsizetype i = 0; i < facts.sdks.size(); ++i) {
        const ScopedLevel &grew = levels.at(i);
        if (grew.requestsAfter < MinRequests || grew.requestsAfter < MinShareAfter * totalAfter ||
            grew.requestsAfter < TrafficMoved * grew.requestsBefore)
            continue;
        // slow before it took over too: the version, not something that began at the onset
        if (grew.before > 0 && grew.after > FlatWithin * grew.before)
            continue;
        for (qsizetype j = 0; j < facts.sdks.size(); ++j) {
            const ScopedLevel &left = levels.at(j);
            if (j == i || left.requestsBefore < MinRequests ||
                left.requestsBefore < TrafficMoved * left.requestsAfter ||
                grew.overall < SlowerBy * left.overall)
                continue;
            v.sdk = facts.sdks.at(i).key;
            v.oldSdk = facts.sdks.at(j).key;
            v.sdkLevel = grew;
            v.oldLevel = left;
            return;
        }
    }
}

// `name` as a word of its own: "gpt-4.1" is not named by "gpt-4.1-mini".
QRegularExpression naming(const QString &name)
{
    return QRegularExpression(u"(?<![\\w.-])"_s + QRegularExpression::escape(name) +
                              u"(?![\\w-]|\\.\\w)"_s);
}

// The sentence, or failing that the table row, of `text` that names `model` as a word of its
// own ("gpt-4.1" is not named by "gpt-4.1-mini"); '' when the page does not name it.
QString lineNaming(const QString &text, const QString &model)
{
    const QRegularExpression named = naming(model);
    QString row;
    for (const QString &line : text.split(u'\n')) {
        const QString trimmed = line.trimmed();
        if (!named.match(trimmed).hasMatch() || trimmed.startsWith(u'#'))
            continue;
        if (trimmed.startsWith(u'|')) {
            if (row.isEmpty()) {
                QStringList cells = trimmed.split(u'|', Qt::SkipEmptyParts);
                for (QString &c : cells)
                    c = c.trimmed();
                cells.removeAll(QString());
                row = cells.join(u" \u2014 "_s);
            }
            continue;
        }
        static const QRegularExpression sentenceEnd(u"(?<=[.!?])\\s+"_s);
        for (const QString &sentence : trimmed.split(sentenceEnd)) {
            if (named.match(sentence).hasMatch())
                return sentence.left(300);
        }
    }
    return row.left(300);
}

// The median of a series' bucket medians over the window; 0 under MinRequests requests.
double windowMedian(const ScopedLatencySeries &s)
{
    double requests = 0;
    QList<double> p50;
    for (int i = 0; i < s.times.size(); ++i) {
        if (s.requests.at(i) <= 0)
            continue;
        requests += s.requests.at(i);
        p50.append(s.p50.at(i));
    }
    return requests >= MinRequests ? median(p50) : 0.0;
}

// No rise: a config of the org at least 1.5x as slow as another config on the same model,
// which sets a value the other does not ("service_tier": "flex"), is slow as documented when
// a fetched page names that value in a page that names the setting too.
void judgeDocumentedSetting(const LatencyScopeFacts &facts, LatencyScopeVerdict &v)
{
    QHash<QString, double> medians;
    for (const ScopedLatencySeries &s : facts.configs)
        medians.insert(s.key, windowMedian(s));
    QStringList bySpeed = medians.keys();
    std::ranges::sort(bySpeed, [&](const QString &a, const QString &b) {
        return medians.value(a) > medians.value(b);
    });
    for (const QString &slow : std::as_const(bySpeed)) {
        const QString model = facts.configModel.value(slow);
        const QHash<QString, QString> own = facts.settings.value(slow);
        for (const QString &fast : std::as_const(bySpeed)) {
            if (fast == slow || model.isEmpty() || facts.configModel.value(fast) != model ||
                medians.value(fast) <= 0 || medians.value(slow) < 1.5 * medians.value(fast))
                continue;
            const QHash<QString, QString> other = facts.settings.value(fast);
            for (auto it = own.cbegin(); it != own.cend(); ++it) {
                if (other.value(it.key()) == it.value())
                    continue;
                for (const DocPage &page : facts.docs) {
                    const QString line = lineNaming(page.text, it.value());
                    if (line.isEmpty() || !page.text.contains(it.key()))
                        continue;
                    v.settingConfig = slow;
                    v.setting = it.key() + u": "_s + it.value();
                    v.settingMedian = medians.value(slow);
                    v.settingOther = fast;
                    v.otherMedian = medians.value(fast);
                    v.settingDoc = page;
                    v.settingDocLine = line;
                    return;
                }
            }
        }
    }
}

// The sentence of `text` that gives a duration ("adds 300-1000 ms per request"): the first in
// the paragraph naming `key`, else the first anywhere on the page, else the one naming `key`;
// '' when the page does not name `key`. A page on several hooks gives each its own cost.
QString costLine(const QString &text, const QString &key)
{
    const QString named = lineNaming(text, key);
    if (named.isEmpty())
        return {};
    static const QRegularExpression duration(u"\\d\\s*(?:ms|milliseconds?|s|seconds?)\\b"_s);
    const QRegularExpression names = naming(key);
    QString elsewhere;
    for (const QStringList &paragraph : paragraphSentences(text)) {
        if (paragraph.isEmpty() || paragraph.first().startsWith(u'#') ||
            paragraph.first().startsWith(u'|'))
            continue;
        const bool own = std::ranges::any_of(
            paragraph, [&](const QString &sentence) { return names.match(sentence).hasMatch(); });
        for (const QString &sentence : paragraph) {
            if (!duration.match(sentence).hasMatch())
                continue;
            if (own)
                return cutAtWord(sentence, 300);
            if (elsewhere.isEmpty())
                elsewhere = sentence;
        }
    }
    return elsewhere.isEmpty() ? named : cutAtWord(elsewhere, 300);
}

// The config that slowed down fills a hook (a guardrail) that none of the configs which kept
// their latency fill, and a fetched page names that hook: the page describes the edit's cost.
void judgeConfigDoc(const LatencyScopeFacts &facts, LatencyScopeVerdict &v)
{
    for (const QString &key : facts.hooks.value(v.config)) {
        const bool shared = std::ranges::any_of(v.flatConfigs, [&](const QString &other) {
            return facts.hooks.value(other).contains(key);
        });
        if (shared)
            continue;
        for (const DocPage &page : facts.docs) {
            const QString line = costLine(page.text, key);
            if (line.isEmpty())
                continue;
            v.configSetting = key;
            v.configDoc = page;
            v.configDocLine = line;
            return;
        }
    }
}

// No rise: the org's slowest model, when a fetched page describes it, is slow as documented.
void judgeDocumentedModel(const LatencyScopeFacts &facts, LatencyScopeVerdict &v)
{
    const ScopedLatencySeries *slowest = nullptr;
    double slowestMedian = 0;
    for (const ScopedLatencySeries &s : facts.models) {
        const double m = windowMedian(s);
        if (m > slowestMedian) {
            slowest = &s;
            slowestMedian = m;
        }
    }
    if (!slowest)
        return;
    for (const DocPage &page : facts.docs) {
        const QString line = lineNaming(page.text, slowest->key);
        if (line.isEmpty())
            continue;
        v.documentedModel = slowest->key;
        v.modelMedian = slowestMedian;
        v.modelDoc = page;
        v.modelDocLine = line;
        return;
    }
}

} // namespace

// ---------------------------------------------------------------- gather

ScopedLevel levelAround(const ScopedLatencySeries &s, const QDateTime &onset)
{
    ScopedLevel l;
    QList<double> before;
    QList<double> after;
    QList<double> all;
    for (int i = 0; i < s.times.size(); ++i) {
        if (s.requests.at(i) <= 0)
            continue;
        all.append(s.p50.at(i));
        const qint64 d = onset.secsTo(s.times.at(i));
        if (d < 0 && d >= -Around) {
            before.append(s.p50.at(i));
            l.requestsBefore += s.requests.at(i);
        } else if (d >= 0 && d < Around) {
            after.append(s.p50.at(i));
            l.requestsAfter += s.requests.at(i);
        }
    }
    l.before = median(before);
    l.after = median(after);
    l.overall = median(all);
    return l;
}

namespace {

// The model and the text settings besides it of a config's first target (nested strategies
// too): {"service_tier": "flex"}.
void readTargetSettings(const QJsonObject &node, const QString &id, LatencyScopeFacts &facts)
{
    const QJsonArray targets = node.value(u"targets"_s).toArray();
    if (!targets.isEmpty()) {
        readTargetSettings(targets.first().toObject(), id, facts);
        return;
    }
    const QJsonObject params = node.value(u"override_params"_s).toObject();
    facts.configModel.insert(id, params.value(u"model"_s).toString());
    QHash<QString, QString> settings;
    QHash<QString, double> numbers;
    for (auto it = params.begin(); it != params.end(); ++it) {
        if (it.key() != u"model"_s && it.value().isString() && !it.value().toString().isEmpty())
            settings.insert(it.key(), it.value().toString());
        else if (it.value().isDouble())
            numbers.insert(it.key(), it.value().toDouble());
    }
    facts.settings.insert(id, settings);
    facts.numbers.insert(id, numbers);
}

} // namespace

LatencyScopeFacts gatherLatencyScope(const AnalysisInput &input)
{
    LatencyScopeFacts facts;
    const auto report = changeReport(input);
    if (const SeriesChange *c = report->primary; c && c->kind == MetricKind::Latency) {
        facts.onset = c->at;
        facts.changeEvidenceId = c->evidenceId;
    }
    for (const FoundEvidence &f : findEvidence(input, u"clickhouse", u"latency_series")) {
        if (f.evidence->data.value(u"component"_s).toString() == u"first_token"_s)
            continue;
        if (const auto c = scopedSeries(*f.evidence, u"config_id"_s); !c.isEmpty()) {
            facts.configs.append(c);
            facts.configEvidenceId = f.evidence->id;
        }
        if (const auto s = scopedSeries(*f.evidence, u"sdk"_s); !s.isEmpty()) {
            facts.sdks.append(s);
            facts.sdkEvidenceId = f.evidence->id;
        }
        if (const auto m = scopedSeries(*f.evidence, u"model"_s); !m.isEmpty()) {
            facts.models.append(m);
            facts.modelEvidenceId = f.evidence->id;
        }
    }
    facts.docs = fetchedDocPages(input);
    for (const FoundEvidence &f : findEvidence(input, u"gateway", u"config")) {
        const QJsonObject &data = f.evidence->data;
        const QString id = data.value(u"config_id"_s).toString();
        if (id.isEmpty())
            continue;
        facts.editedAt.insert(id, timeOf(data.value(u"updated_at"_s)));
        facts.editEvidenceId.insert(id, f.evidence->id);
        if (const QString host = ownServerHost(input, u"config:"_s + id); !host.isEmpty())
            facts.ownServer.insert(id, host);
        readTargetSettings(data.value(u"config"_s).toObject(), id, facts);
        facts.hooks.insert(id, routingConfigHooks(data.value(u"config"_s).toObject()));
    }
    return facts;
}

// ---------------------------------------------------------------- judge

LatencyScopeVerdict judgeLatencyScope(const LatencyScopeFacts &facts)
{
    LatencyScopeVerdict v;
    if (!facts.onset.isValid()) {
        judgeDocumentedSetting(facts, v);
        if (v.settingConfig.isEmpty())
            judgeDocumentedModel(facts, v);
        return v;
    }
    v.onset = facts.onset;
    judgeConfigs(facts, v);
    if (v.config.isEmpty())
        judgeEditedConfig(facts, v);
    if (!v.config.isEmpty())
        judgeConfigDoc(facts, v);
    judgeSdks(facts, v);
    return v;
}

LatencyScopeVerdict latencyScopeVerdict(const AnalysisInput &input)
{
    return judgeLatencyScope(gatherLatencyScope(input));
}

} // namespace Casefile::Analysis

// ---------------------------------------------------------------- phrase

namespace Casefile {

namespace {

using namespace Analysis;

Hypothesis configHypothesis(const LatencyScopeFacts &facts, const LatencyScopeVerdict &v,
                            const QDateTime &reference)
{
    Hypothesis h;
    h.cause.category = QLatin1StringView(Category::CustomerConfig);
    h.score = 0.86;
    h.cause.confidence = h.score;
    h.cause.summary =
        u"Median latency of the requests through config "_s + v.config + u" rose from "_s +
        formatMs(v.configLevel.before) + u" to "_s + formatMs(v.configLevel.after) + u" at "_s +
        clock(v.configOnset, reference) + u", while the organisation's other configs ("_s +
        v.flatConfigs.mid(0, 3).join(u", "_s) +
        u") kept their latency; the config was edited at "_s + clock(v.editedAt, reference) +
        (v.settingsApart.isEmpty() ? QString()
                                   : u" and its target sets "_s + v.settingsApart.join(u", "_s));
    h.cause.phrases = {
        {u"latency.config_alone"_s,
         {Say::name(u"config"_s, v.config), Say::millis(u"before"_s, v.configLevel.before),
          Say::millis(u"after"_s, v.configLevel.after), Say::time(u"at"_s, v.configOnset),
          Say::names(u"others"_s, v.flatConfigs.mid(0, 3))}},
        {u"latency.config_edited"_s,
         {Say::name(u"config"_s, v.config), Say::time(u"at"_s, v.editedAt)}}};
    if (!v.settingsApart.isEmpty())
        h.cause.phrases.append(
            {u"latency.config_sets"_s, {Say::names(u"settings"_s, v.settingsApart)}});
    h.cause.refs = {u"config:"_s + v.config};
    if (!v.configSetting.isEmpty()) {
        h.cause.summary += u"; it fills "_s + v.configSetting +
                           u", which the configs that kept their latency do not, and the "
                           u"documentation page "_s +
                           v.configDoc.title + u" says: \u201c"_s + v.configDocLine + u"\u201d"_s;
        h.cause.phrases.append(
            {u"latency.config_hook_documented"_s,
             {Say::name(u"setting"_s, v.configSetting), Say::name(u"title"_s, v.configDoc.title),
              Say::name(u"quote"_s, v.configDocLine)}});
        h.cause.refs.append(v.configDoc.ref);
    }
    h.cause.evidenceIds = {facts.configEvidenceId, facts.editEvidenceId.value(v.config)};
    h.why = u"one config slowed down, edited just before, while the org's others did not"_s;
    return h;
}

Hypothesis ownServerHypothesis(const LatencyScopeFacts &facts, const LatencyScopeVerdict &v,
                               const QDateTime &reference)
{
    Hypothesis h;
    h.cause.category = QLatin1StringView(Category::CustomerEndpoint);
    h.score = 0.86;
    h.cause.confidence = h.score;
    h.cause.summary = u"Median latency of the requests through config "_s + v.config +
                      u", whose target is the customer's own server "_s + v.serverHost +
                      u" (custom_host), rose from "_s + formatMs(v.configLevel.before) + u" to "_s +
                      formatMs(v.configLevel.after) + u" at "_s + clock(v.configOnset, reference) +
                      u", while the organisation's other configs ("_s +
                      v.flatConfigs.mid(0, 3).join(u", "_s) + u") kept their latency"_s;
    h.cause.phrases = {
        {u"latency.own_server"_s,
         {Say::name(u"config"_s, v.config), Say::name(u"host"_s, v.serverHost),
          Say::millis(u"before"_s, v.configLevel.before),
          Say::millis(u"after"_s, v.configLevel.after), Say::time(u"at"_s, v.configOnset),
          Say::names(u"others"_s, v.flatConfigs.mid(0, 3))}}};
    h.cause.refs = {u"config:"_s + v.config, u"endpoint:"_s + v.serverHost};
    h.cause.evidenceIds = {facts.configEvidenceId, facts.editEvidenceId.value(v.config)};
    h.why = u"one config slowed down whose target is the customer's own server, while the org's "
            u"others did not"_s;
    return h;
}

Hypothesis documentedModelHypothesis(const LatencyScopeFacts &facts, const LatencyScopeVerdict &v)
{
    Hypothesis h;
    h.cause.category = QLatin1StringView(Category::ExpectedBehavior);
    h.score = 0.6;
    h.cause.confidence = h.score;
    h.cause.summary =
        u"Requests to "_s + v.documentedModel + u" took "_s + formatMs(v.modelMedian) +
        u" at the median, with no change in the window: the documentation page "_s +
        v.modelDoc.title + u" describes this model: \u201c"_s + v.modelDocLine + u"\u201d"_s;
    h.cause.phrases = {
        {u"latency.documented_model"_s,
         {Say::name(u"model"_s, v.documentedModel), Say::millis(u"median"_s, v.modelMedian),
          Say::name(u"title"_s, v.modelDoc.title), Say::name(u"quote"_s, v.modelDocLine)}}};
    h.cause.refs = {v.modelDoc.ref, u"model:"_s + v.documentedModel};
    h.cause.evidenceIds = {facts.modelEvidenceId};
    h.why = u"no change, and the org's slowest model is slow as its documentation says"_s;
    return h;
}

Hypothesis documentedSettingHypothesis(const LatencyScopeFacts &facts, const LatencyScopeVerdict &v)
{
    Hypothesis h;
    h.cause.category = QLatin1StringView(Category::ExpectedBehavior);
    h.score = 0.62;
    h.cause.confidence = h.score;
    h.cause.summary = u"Requests through config "_s + v.settingConfig + u" took "_s +
                      formatMs(v.settingMedian) +
                      u" at the median, with no change in the window ("_s + v.settingOther +
                      u" on the same model: "_s + formatMs(v.otherMedian) +
                      u"); the config sets "_s + v.setting + u", which the documentation page "_s +
                      v.settingDoc.title + u" describes: \u201c"_s + v.settingDocLine + u"\u201d"_s;
    h.cause.phrases = {
        {u"latency.documented_setting"_s,
         {Say::name(u"config"_s, v.settingConfig), Say::millis(u"median"_s, v.settingMedian),
          Say::name(u"other"_s, v.settingOther), Say::millis(u"other_median"_s, v.otherMedian),
          Say::name(u"setting"_s, v.setting), Say::name(u"title"_s, v.settingDoc.title),
          Say::name(u"quote"_s, v.settingDocLine)}}};
    h.cause.refs = {v.settingDoc.ref, u"config:"_s + v.settingConfig};
    h.cause.evidenceIds = {facts.configEvidenceId};
    h.why = u"no change, and the org's slowest config sets what a documentation page describes"_s;
    return h;
}

Hypothesis sdkHypothesis(const LatencyScopeFacts &facts, const LatencyScopeVerdict &v,
                         const QDateTime &reference)
{
    Hypothesis h;
    h.cause.category = QLatin1StringView(Category::SdkVersion);
    h.score = 0.86;
    h.cause.confidence = h.score;
    h.cause.summary =
        u"From "_s + clock(v.onset, reference) +
        u" most of the organisation's requests were sent with "_s + v.sdk + u" instead of "_s +
        v.oldSdk + u"; requests sent with "_s + v.sdk + u" took "_s + formatMs(v.sdkLevel.overall) +
        u" at the median against "_s + formatMs(v.oldLevel.overall) + u" for "_s + v.oldSdk +
        u", before the switch as after it: the slowdown came with the client version"_s;
    h.cause.phrases = {{u"latency.sdk_switch"_s,
                        {Say::name(u"sdk"_s, v.sdk), Say::name(u"old_sdk"_s, v.oldSdk),
                         Say::time(u"at"_s, v.onset), Say::millis(u"slow"_s, v.sdkLevel.overall),
                         Say::millis(u"fast"_s, v.oldLevel.overall)}}};
    h.cause.refs = {u"sdk:"_s + v.sdk};
    h.cause.evidenceIds = {facts.sdkEvidenceId, facts.changeEvidenceId};
    h.why = u"the org's traffic moved to a client version that was slower all along"_s;
    return h;
}

} // namespace

// latency_scope: a latency rise confined to one config just edited or calling the customer's own
// server, or brought by the org's traffic moving to a slower client version, is the customer's;
// otherwise it says nothing.
AnalyzerOutput analyzeLatencyScope(const AnalysisInput &input)
{
    AnalyzerOutput out;
    const LatencyScopeFacts facts = gatherLatencyScope(input);
    const LatencyScopeVerdict v = judgeLatencyScope(facts);
    const QDateTime reference =
        input.ticket.createdAt.isValid() ? input.ticket.createdAt : input.now;
    if (v.configFound())
        out.hypotheses.append(configHypothesis(facts, v, reference));
    if (v.ownServerFound())
        out.hypotheses.append(ownServerHypothesis(facts, v, reference));
    if (v.sdkFound())
        out.hypotheses.append(sdkHypothesis(facts, v, reference));
    if (!v.settingConfig.isEmpty())
        out.hypotheses.append(documentedSettingHypothesis(facts, v));
    if (!v.documentedModel.isEmpty())
        out.hypotheses.append(documentedModelHypothesis(facts, v));
    return out;
}

} // namespace Casefile
