#include "core/analysis/analysisutil.h"
#include "core/analysis/analyzers.h"
#include "core/analysis/deploycorrelation.h"
#include "core/analysis/unchecked.h"

using namespace Qt::StringLiterals;

namespace Casefile {

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
    // the sentence of the page that says the most about the topic
    QString quote;
    int quoteScore = -1;
    for (QString sentence : bestText.split(u'\n')) {
        sentence = sentence.trimmed();
        if (sentence.startsWith(u'#') || sentence.size() < 20)
            continue;
        int score = 0;
        const QStringList words = wordsOf(sentence);
        for (const QString &w : std::as_const(wanted))
            score += words.contains(w) ? 1 : 0;
        if (score > quoteScore) {
            quoteScore = score;
            quote = sentence.left(300);
        }
    }
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
