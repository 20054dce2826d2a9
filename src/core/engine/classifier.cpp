#include "core/engine/classifier.h"

#include "core/engine/textnormalizer.h"

#include <QHash>
#include <QRegularExpression>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Casefile {

namespace {

struct LexiconTerm
{
    const char16_t *text;
    double weight;
};

// How customers phrase each contract pattern. Weights: a word that names the pattern (3), a
// strong hint (2), a weak or shared hint (0.5-1). Multilingual words are folded (no accents).
const QHash<QString, QList<LexiconTerm>> &builtInLexicon()
{
    static const QHash<QString, QList<LexiconTerm>> lexicon{
        {u"api-errors"_s,
         {{u"error", 1},
          {u"errors", 0.5},
          {u"failing", 1},
          {u"fails", 0.8},
          {u"failed", 0.8},
          {u"failure", 0.8},
          {u"500", 1.5},
          {u"502", 1.5},
          {u"503", 1.5},
          {u"504", 1},
          {u"529", 1.5},
          {u"5xx", 1.5},
          {u"429", 1.5},
          {u"401", 1},
          {u"403", 1},
          {u"400", 1},
          {u"rate limit", 2},
          {u"rate limited", 2},
          {u"ratelimit", 2},
          {u"too many requests", 2},
          {u"quota", 1},
          {u"internal server error", 2},
          {u"bad gateway", 2},
          {u"service unavailable", 2},
          {u"overloaded", 1.5},
          {u"exception", 0.8},
          {u"status code", 1},
          {u"not working", 1},
          {u"stopped working", 1},
          {u"broken", 0.8},
          {u"down", 0.5},
          {u"outage", 1},
          {u"crash", 0.8},
          {u"unauthorized", 1},
          {u"forbidden", 1},
          {u"invalid api key", 1.5},
          {u"erreur", 1},
          {u"fehler", 1},
          {u"falla", 1},
          {u"erro", 1},
          {u"エラー", 1.5}}},
        {u"latency-spike"_s,
         {{u"slow", 2},
          {u"slower", 2},
          {u"latency", 2.5},
          {u"takes forever", 2.5},
          {u"take forever", 2.5},
          {u"taking forever", 2.5},
          {u"long time", 1},
          {u"p50", 2},
          {u"p95", 2.5},
          {u"p99", 2.5},
          {u"ttft", 2},
          {u"time to first token", 2.5},
          {u"response time", 2},
          {u"response times", 2},
          {u"sluggish", 2},
          {u"lag", 1.5},
          {u"laggy", 1.5},
          {u"delay", 1},
          {u"delayed", 0.5},
          {u"doubled", 1},
          {u"tripled", 1},
          {u"spike", 1},
          {u"performance", 1},
          {u"hangs", 1},
          {u"hanging", 1},
          {u"loading", 0.5},
          {u"seconds", 0.5},
          {u"timing out", 0.7},
          {u"timeouts", 0.5},
          {u"degraded", 0.7},
          {u"lent", 2},
          {u"lente", 2},
          {u"lenteur", 2},
          {u"langsam", 2},
          {u"lento", 2},
          {u"latence", 2.5},
          {u"latenz", 2.5},
          {u"latencia", 2.5},
          {u"遅", 2}}},
        {u"webhook-failures"_s,
         {{u"webhook", 3},
          {u"webhooks", 3},
          {u"web hook", 3},
          {u"callback", 1.5},
          {u"callbacks", 1.5},
          {u"delivery", 1},
          {u"deliveries", 1.5},
          {u"not receiving", 1.5},
          {u"stopped receiving", 2},
          {u"no events", 1.5},
          {u"event notifications", 2},
          {u"hook", 1},
          {u"tls", 1},
          {u"ssl", 1},
          {u"certificate", 1},
          {u"signature", 0.8},
          {u"our endpoint", 1.5},
          {u"receiver", 1}}},
        {u"provider-routing"_s, {{u"routing", 1.5},      {u"routed", 1.5},
                                 {u"route to", 1},       {u"provider", 1},
                                 {u"providers", 1},      {u"claude", 1},
                                 {u"anthropic", 1},      {u"gemini", 1},
                                 {u"vertex", 1},         {u"bedrock", 1},
                                 {u"azure", 1},          {u"mistral", 1},
                                 {u"cohere", 1},         {u"model not found", 1.5},
                                 {u"other models", 2},   {u"other model", 1.5},
                                 {u"only for", 1},       {u"only with", 1},
                                 {u"works fine", 1},     {u"works", 0.5},
                                 {u"but gpt", 1.5},      {u"but openai", 1.5},
                                 {u"specific model", 1}, {u"one model", 1}}},
        {u"fallback"_s,
         {{u"fallback", 3.5},
          {u"fall back", 3.5},
          {u"falls back", 3.5},
          {u"falling back", 3.5},
          {u"failover", 3.5},
          {u"fail over", 3},
          {u"backup model", 3},
          {u"backup provider", 3},
          {u"secondary", 1.5},
          {u"switch to", 1.5},
          {u"switching", 1},
          {u"doesnt switch", 2.5},
          {u"not switching", 2.5},
          {u"retry", 0.8},
          {u"retries", 0.8},
          {u"times out", 1},
          {u"timeout", 1},
          {u"timed out", 1},
          {u"different model", 2.5},
          {u"another model", 2},
          {u"swapping models", 2.5},
          {u"swapped", 1.5},
          {u"instead of", 1.5},
          {u"served by", 1.5},
          {u"repli", 2},
          {u"ausweich", 2},
          {u"respaldo", 2}}},
        {u"token-billing"_s, {{u"invoice", 3},
                              {u"invoices", 3},
                              {u"invoiced", 3},
                              {u"billing", 2.5},
                              {u"billed", 2.5},
                              {u"bill", 2},
                              {u"charged", 2},
                              {u"charge", 1.5},
                              {u"overcharged", 3},
                              {u"overbilled", 3},
                              {u"token count", 2},
                              {u"token counts", 2},
                              {u"tokens", 1},
                              {u"usage", 1},
                              {u"our logs", 1},
                              {u"logged", 0.8},
                              {u"mismatch", 1},
                              {u"discrepancy", 1.5},
                              {u"dont match", 1.5},
                              {u"doesnt match", 1.5},
                              {u"do not match", 1.5},
                              {u"cost", 1},
                              {u"costs", 1},
                              {u"cached tokens", 2},
                              {u"prompt caching", 2},
                              {u"stripe", 2},
                              {u"metered", 2},
                              {u"meter", 1},
                              {u"double", 0.5},
                              {u"twice", 0.5},
                              {u"facture", 3},
                              {u"rechnung", 3},
                              {u"factura", 3},
                              {u"fatura", 3},
                              {u"請求", 3}}},
        {u"metadata"_s, {{u"metadata", 3.5},         {u"meta data", 3.5}, {u"custom metadata", 2},
                         {u"x portkey metadata", 3}, {u"headers", 1},     {u"header", 1},
                         {u"trace id", 1.5},         {u"trace ids", 1.5}, {u"passed through", 2},
                         {u"pass through", 2},       {u"not passed", 2},  {u"forwarded", 1.5},
                         {u"not forwarded", 1.5},    {u"dropped", 1},     {u"stripped", 1.5},
                         {u"attribution", 1},        {u"tags", 0.5},      {u"custom fields", 2},
                         {u"user field", 1.5},       {u"metadonnees", 3}, {u"metadaten", 3},
                         {u"metadatos", 3}}},
    };
    return lexicon;
}

const QHash<QString, QList<LexiconTerm>> &builtInNegatives()
{
    static const QHash<QString, QList<LexiconTerm>> negatives{
        {u"latency-spike"_s, {{u"invoice", 2}, {u"webhook", 1}}},
        {u"api-errors"_s, {{u"invoice", 1}, {u"metadata", 1}, {u"fallback", 1}}},
        {u"provider-routing"_s, {{u"invoice", 1}, {u"fallback", 1}}},
    };
    return negatives;
}

// Words that describe something going wrong: their presence means "investigate".
const QStringList &symptomTerms()
{
    static const QStringList terms = [] {
        QStringList t{u"fail"_s, u"error"_s, u"slow"_s, u"broken"_s, u"broke"_s, u"missing"_s,
                      u"mismatch"_s, u"timeout"_s, u"timed out"_s, u"time out"_s, u"times out"_s,
                      u"since"_s, u"not working"_s, u"doesnt work"_s, u"dont work"_s, u"stopped"_s,
                      u"down"_s, u"outage"_s, u"spike"_s, u"latency"_s, u"discrepanc"_s, u"wrong"_s,
                      u"incorrect"_s, u"doubled"_s, u"dropped"_s, u"no longer"_s, u"lost"_s,
                      u"overcharg"_s, u"dont match"_s, u"doesnt match"_s, u"delay"_s, u"hang"_s,
                      u"crash"_s, u"exception"_s, u"unable"_s, u"cannot"_s, u"refus"_s, u"reject"_s,
                      u"degrad"_s, u"not receiving"_s, u"isnt being"_s, u"not being"_s,
                      u"takes forever"_s, u"erreur"_s, u"fehler"_s, u"falla"_s, u"lent"_s,
                      u"langsam"_s,
                      // Time words mean "something changed": an incident, not a question.
                      u"today"_s, u"this morning"_s, u"yesterday"_s, u"last night"_s, u"suddenly"_s,
                      u"started"_s, u"anymore"_s, u"any more"_s, u"again"_s, u"gone"_s,
                      u"disappear"_s, u"vanish"_s, u"empty"_s, u"blank"_s, u"not showing"_s,
                      u"different model"_s, u"wrong model"_s, u"unexpected"_s, u"higher than"_s,
                      u"lower than"_s, u"urgent"_s, u"spik"_s, u"jump"_s, u"drop"_s,
                      // ...in a few other languages
                      u"depuis"_s, u"seit"_s, u"desde"_s, u"panne"_s, u"plus aucun"_s,
                      u"ne fonctionne"_s, u"funktioniert nicht"_s, u"nicht mehr"_s,
                      u"no funciona"_s, u"nao funciona"_s, u"falha"_s, u"erro"_s, u"lento"_s,
                      u"nao batem"_s, u"遅"_s, u"エラー"_s, u"失敗"_s, u"できない"_s};
        for (int code : {400, 401, 403, 404, 408, 429, 500, 502, 503, 504, 529})
            t.append(QString::number(code));
        return t;
    }();
    return terms;
}

const QStringList &questionTopics()
{
    static const QStringList terms{u"plan"_s,
                                   u"plans"_s,
                                   u"pricing"_s,
                                   u"price"_s,
                                   u"prices"_s,
                                   u"limit"_s,
                                   u"limits"_s,
                                   u"upgrade"_s,
                                   u"downgrade"_s,
                                   u"tier"_s,
                                   u"how do"_s,
                                   u"how can"_s,
                                   u"how to"_s,
                                   u"is it possible"_s,
                                   u"do you support"_s,
                                   u"does casefile"_s,
                                   u"documentation"_s,
                                   u"docs"_s,
                                   u"sso"_s,
                                   u"seats"_s,
                                   u"contract"_s,
                                   u"trial"_s,
                                   u"discount"_s,
                                   u"feature"_s,
                                   u"roadmap"_s,
                                   u"quota"_s,
                                   u"cost"_s,
                                   u"enterprise"_s,
                                   u"what is"_s,
                                   u"whats"_s,
                                   u"difference between"_s,
                                   u"budget"_s,
                                   u"allowlist"_s,
                                   u"region"_s,
                                   u"invoice address"_s,
                                   u"retention"_s,
                                   u"recommend"_s};
    return terms;
}

QString ticketText(const Ticket &t)
{
    return t.subject + u"\n"_s + t.description + u"\n"_s + t.tags.join(u' ');
}

} // namespace

Classifier::Classifier(const QList<Playbook> &playbooks)
{
    for (const Playbook &pb : playbooks) {
        Entry e;
        e.name = pb.name;
        e.weight = pb.weight;
        QSet<QString> seen;
        auto add = [&](QList<Term> *list, const QString &text, double weight) {
            const QString folded = foldForMatching(text).trimmed();
            if (folded.isEmpty() || seen.contains(folded))
                return;
            seen.insert(folded);
            list->append(Term{text, folded, weight});
        };
        for (const LexiconTerm &t : builtInLexicon().value(pb.name))
            add(&e.positive, QString::fromUtf16(t.text), t.weight);
        for (const QString &k : pb.keywords) // multi-word phrases are stronger evidence
            add(&e.positive, k, k.contains(u' ') ? 1.5 : 1.0);
        seen.clear();
        for (const LexiconTerm &t : builtInNegatives().value(pb.name))
            add(&e.negative, QString::fromUtf16(t.text), t.weight);
        for (const QString &k : pb.negative)
            add(&e.negative, k, 1.5);
        m_entries.append(e);
    }
}

QList<Classifier::Score> Classifier::scores(const Ticket &ticket) const
{
    const QString subject = foldForMatching(ticket.subject, 2000);
    const QString body =
        foldForMatching(QString(ticket.description + u' ' + ticket.tags.join(u' ')));
    QList<Score> out;
    for (const Entry &e : m_entries) {
        Score s;
        s.playbook = e.name;
        double total = 0;
        for (const Term &t : e.positive) {
            const TermHits inSubject = findTerm(subject, t.folded);
            const TermHits inBody = findTerm(body, t.folded);
            if (inSubject.count + inBody.count == 0)
                continue;
            // Repetition adds a little; the subject counts more than the body.
            const double hits =
                (inSubject.count > 0 ? 1.5 : 0.0) +
                (inBody.count > 0 ? 1.0 + 0.1 * std::min(inBody.count - 1, 5) : 0.0);
            total += t.weight * hits;
            s.matched.append(t.text);
        }
        for (const Term &t : e.negative) {
            const int n = findTerm(subject, t.folded).count + findTerm(body, t.folded).count;
            if (n > 0)
                total -= t.weight;
        }
        s.score = std::max(0.0, total * e.weight);
        out.append(s);
    }
    // "Claude fails but GPT-4o works": two providers and a failure point at routing.
    const QString all = subject + body;
    static const QList<QStringList> providerWords{{u"claude"_s, u"anthropic"_s},
                                                  {u"gpt"_s, u"openai"_s},
                                                  {u"gemini"_s, u"google"_s, u"vertex"_s},
                                                  {u"mistral"_s},
                                                  {u"azure"_s},
                                                  {u"bedrock"_s},
                                                  {u"cohere"_s},
                                                  {u"llama"_s},
                                                  {u"groq"_s}};
    int providers = 0;
    for (const QStringList &group : providerWords) {
        bool hit = false;
        for (const QString &w : group)
            hit = hit || findTerm(all, w).count > 0;
        providers += hit ? 1 : 0;
    }
    const bool failure = findTerm(all, u"fail"_s).count + findTerm(all, u"error"_s).count +
                             findTerm(all, u"not working"_s).count >
                         0;
    const bool works = findTerm(all, u"work"_s).count + findTerm(all, u"fine"_s).count +
                           findTerm(all, u"ok"_s).count >
                       0;
    if (providers >= 2 && failure) {
        for (Score &s : out) {
            if (s.playbook == u"provider-routing"_s) {
                s.score += works ? 3.5 : 2.0;
                s.matched.append(u"one provider fails, another works"_s);
            }
        }
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const Score &a, const Score &b) { return a.score > b.score; });
    return out;
}

bool Classifier::isPlainQuestion(const Ticket &ticket, QString *why)
{
    const QString text = foldForMatching(ticketText(ticket));
    QStringList symptoms;
    for (const QString &s : symptomTerms()) {
        if (findTerm(text, s).count > 0)
            symptoms.append(s);
    }
    if (!symptoms.isEmpty())
        return false;
    static const QRegularExpression asks(
        u"\\?|^\\s*(what|how|can|could|does|do|is|are|which|when|where|why|would|should)\\b"_s,
        QRegularExpression::CaseInsensitiveOption | QRegularExpression::MultilineOption);
    const QString raw = ticketText(ticket).left(20000);
    const bool isQuestion = asks.match(raw).hasMatch() || findTerm(text, u"question"_s).count > 0 ||
                            findTerm(text, u"wondering"_s).count > 0;
    QStringList topics;
    for (const QString &t : questionTopics()) {
        if (findTerm(text, t).count > 0)
            topics.append(t);
    }
    if (!isQuestion && topics.isEmpty())
        return false;
    if (why) {
        *why = topics.isEmpty()
                   ? u"a question with no symptom (no failure, error, slowness or mismatch "
                     u"described); no investigation needed"_s
                   : u"a question about %1 with no symptom (no failure, error, slowness or "
                     u"mismatch described); no investigation needed"_s.arg(
                         topics.mid(0, 3).join(u", "_s));
    }
    return true;
}

PlaybookChoice Classifier::classify(const Ticket &ticket) const
{
    QString why;
    if (isPlainQuestion(ticket, &why))
        return PlaybookChoice{QString(), why};
    const QList<Score> ranked = scores(ticket);
    if (ranked.isEmpty())
        return PlaybookChoice{QString(), u"no playbook is available"_s};
    const Score &best = ranked.first();
    auto fmt = [](double v) {
        return QString::number(v, 'f', 1);
    };
    if (best.score < 1.0) {
        // Nothing recognisable: start broad unless nothing is wrong at all.
        const bool hasGeneric = std::any_of(ranked.cbegin(), ranked.cend(), [](const Score &s) {
            return s.playbook == u"api-errors"_s;
        });
        if (hasGeneric)
            return PlaybookChoice{u"api-errors"_s,
                                  u"no pattern stands out (best score %1); starting with the "
                                  u"broad api-errors checks"_s.arg(fmt(best.score))};
        return PlaybookChoice{best.playbook,
                              u"no pattern stands out; using %1"_s.arg(best.playbook)};
    }
    QStringList quoted;
    for (const QString &m : best.matched.mid(0, 5))
        quoted.append(u"'"_s + m + u"'"_s);
    QString reason =
        u"mentions %1; %2 scores %3"_s.arg(quoted.join(u", "_s), best.playbook, fmt(best.score));
    if (ranked.size() > 1)
        reason += u" vs %1 %2"_s.arg(ranked.at(1).playbook, fmt(ranked.at(1).score));
    return PlaybookChoice{best.playbook, reason};
}

} // namespace Casefile
