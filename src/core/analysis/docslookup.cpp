#include "core/analysis/analysisutil.h"
#include "core/analysis/analyzers.h"
#include "core/analysis/deploycorrelation.h"
#include "core/analysis/unchecked.h"

using namespace Qt::StringLiterals;

namespace Casefile {

namespace {

// The sentence of a page that names what failed (`codes`), else the one that says the most about
// the topic (`wanted`), with the sentences after it in its paragraph while the quote stays
// short; a long sentence is cut at a word, never inside one. Without its last full stop.
QString quoteOf(const QString &text, const QStringList &wanted, const QStringList &codes)
{
    constexpr qsizetype MaxQuote = 300;
    const QList<QStringList> paragraphs = Analysis::paragraphSentences(text);
    int bestScore = -1;
    QStringList best;
    for (const QStringList &sentences : std::as_const(paragraphs)) {
        for (qsizetype i = 0; i < sentences.size(); ++i) {
            const QString &sentence = sentences.at(i);
            if (sentence.startsWith(u'#') || sentence.size() < 20)
                continue;
            int score = 0;
            const QStringList words = Analysis::wordsOf(sentence);
            for (const QString &w : wanted)
                score += words.contains(w) ? 1 : 0;
            // a sentence that names what failed comes before any that only shares words
            for (const QString &code : codes)
                score += sentence.contains(code, Qt::CaseInsensitive) ? 1000 : 0;
            if (score > bestScore) {
                bestScore = score;
                best = sentences.mid(i);
            }
        }
    }
    if (best.isEmpty())
        return {};
    QString quote = best.takeFirst();
    if (quote.size() > MaxQuote)
        return Analysis::cutAtWord(quote, MaxQuote);
    for (const QString &next : std::as_const(best)) {
        if (quote.size() + 1 + next.size() > MaxQuote)
            break;
        quote += u' ' + next;
    }
    // the sentence that quotes it ends with its own full stop
    if (quote.endsWith(u'.'))
        quote.chop(1);
    return quote;
}

} // namespace

AnalyzerOutput analyzeDocsLookup(const AnalysisInput &input)
{
    using namespace Analysis;
    AnalyzerOutput out;
    QList<FoundEvidence> found = findEvidence(input, u"docs", u"search");
    found.append(findEvidence(input, u"docs", u"fetch"));
    if (found.isEmpty()) {
        if (dataMissing(input, u"docs", u"search"))
            out.notChecked.append(unchecked(u"docs"_s));
        return out;
    }
    QStringList wanted = topicWords(input.playbook);
    for (const QString &k : input.params.keywords)
        appendUnique(wanted, wordsOf(k));
    appendUnique(wanted, routeWords(input.params.route));
    // What failed, in the logs' own words: the error codes of the largest failing groups. A page
    // that names one speaks of what happened, which outweighs a page that only shares the
    // ticket's words (the customer's theory of the cause among them).
    QStringList failedCodes;
    const ErrorProfile errors = errorProfile(input);
    for (const ErrorGroup &g : errors.groups) {
        if (failedCodes.size() >= 3)
            break;
        if (g.errorCode.size() >= 5 && g.n >= 5 && g.n >= 0.1 * errors.errors)
            appendUnique(failedCodes, g.errorCode.toLower());
    }
    // the best page: most words shared with the ticket and the playbook's topic
    QString bestRef;
    QString bestTitle;
    QString bestText;
    QString bestEvidence;
    int bestScore = 0;
    for (const FoundEvidence &f : found) {
        for (const QJsonValue &v : f.evidence->data.value(u"items"_s).toArray()) {
            const QJsonObject item = v.toObject();
            const QString title = item.value(u"title"_s).toString();
            const QString text = item.value(u"text"_s).toString();
            const QStringList words = wordsOf(title + u' ' + text);
            const QStringList titleWords = wordsOf(title);
            int score = 0;
            for (const QString &w : std::as_const(wanted)) {
                if (words.contains(w))
                    score += titleWords.contains(w) ? 3 : 1;
            }
            const QString lowered = (title + u' ' + text).toLower();
            for (const QString &code : std::as_const(failedCodes))
                score += lowered.contains(code) ? 3 : 0;
            if (score > bestScore) {
                bestScore = score;
                bestRef = item.value(u"ref"_s).toString();
                bestTitle = title;
                bestText = text;
                bestEvidence = f.evidence->id;
            }
        }
    }
    if (bestRef.isEmpty())
        return out;
    const QString quote = quoteOf(bestText, wanted, failedCodes);
    Finding f;
    f.summary = u"Documentation \u201c"_s + bestTitle + u"\u201d ("_s + bestRef.mid(5) + u')' +
                (quote.isEmpty() ? QString() : u": "_s + quote);
    f.phrases = {{quote.isEmpty() ? u"docs.page"_s : u"docs.page_quote"_s,
                  {Say::name(u"title"_s, bestTitle), Say::name(u"path"_s, bestRef.mid(5)),
                   Say::name(u"quote"_s, quote)}}};
    f.refs = {bestRef};
    f.evidenceIds = {bestEvidence};
    f.confidence = std::min(0.7, 0.3 + 0.05 * bestScore);
    f.forTicketWords = true;
    out.findings.append(f);
    return out;
}

} // namespace Casefile
