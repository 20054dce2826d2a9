#include "core/engine/textnormalizer.h"

#include <QSet>

using namespace Qt::StringLiterals;

namespace Casefile {

namespace {

// True when the folded text ends with a French/Italian elided word: l' d' n' j' s' c' m' t' qu'.
bool isElision(const QString &out)
{
    const qsizetype n = out.size();
    const auto elided = [](QChar c) {
        return QStringLiteral("ldnjscmt").contains(c);
    };
    if (n >= 2 && out.at(n - 2) == u' ' && elided(out.at(n - 1)))
        return true;
    return n >= 3 && out.at(n - 3) == u' ' && out.at(n - 2) == u'q' && out.at(n - 1) == u'u';
}

} // namespace

QString foldForMatching(QStringView text, qsizetype cap)
{
    const QString capped = text.left(cap).toString().normalized(QString::NormalizationForm_KD);
    QString out;
    out.reserve(capped.size() + 2);
    out += u' ';
    bool lastSpace = true;
    for (qsizetype i = 0; i < capped.size(); ++i) {
        const QChar c = capped.at(i);
        const auto category = c.category();
        if (category == QChar::Mark_NonSpacing || category == QChar::Mark_Enclosing ||
            category == QChar::Mark_SpacingCombining)
            continue;
        if (c == u'\'' || c == QChar(0x2019) || c == QChar(0x2018) || c == QChar(0x00B4)) {
            // French and Italian elision ("d'erreur", "l'API", "qu'il") separates two words;
            // an English contraction ("doesn't") stays one.
            if (i + 1 < capped.size() && capped.at(i + 1).isLetter() && isElision(out)) {
                out += u' ';
                lastSpace = true;
            }
            continue;
        }
        if (c.isLetterOrNumber() && c != QChar::ReplacementCharacter) {
            if (c.isHighSurrogate() || c.isLowSurrogate())
                continue;
            out += c.toCaseFolded();
            lastSpace = false;
        } else if (c.isHighSurrogate() && i + 1 < capped.size()) {
            ++i; // emoji and other astral symbols carry no signal
            if (!lastSpace) {
                out += u' ';
                lastSpace = true;
            }
        } else if (!lastSpace) {
            out += u' ';
            lastSpace = true;
        }
    }
    if (!lastSpace)
        out += u' ';
    return out;
}

namespace {

bool isSpaceless(const QString &term)
{
    for (const QChar c : term) {
        const auto script = c.script();
        if (script == QChar::Script_Han || script == QChar::Script_Hiragana ||
            script == QChar::Script_Katakana || script == QChar::Script_Thai)
            return true;
    }
    return false;
}

bool negatedBefore(const QString &text, qsizetype at)
{
    // `at` is the index of the space before the term; look at the previous word.
    static const QStringList negations{u"no"_s,  u"not"_s,  u"without"_s, u"never"_s,
                                       u"nor"_s, u"isnt"_s, u"arent"_s,   u"wasnt"_s,
                                       u"pas"_s, u"kein"_s, u"nicht"_s,   u"sin"_s};
    qsizetype end = at;
    qsizetype start = text.lastIndexOf(u' ', end - 1);
    if (start < 0 || end <= start + 1)
        return false;
    const QStringView word = QStringView(text).mid(start + 1, end - start - 1);
    for (const QString &n : negations) {
        if (word == n)
            return true;
    }
    return false;
}

} // namespace

TermHits findTerm(const QString &foldedText, const QString &foldedTerm)
{
    TermHits hits;
    const QString term = foldedTerm.trimmed();
    if (term.isEmpty())
        return hits;
    if (isSpaceless(term)) {
        hits.count = int(foldedText.count(term));
        hits.first = foldedText.indexOf(term);
        return hits;
    }
    const QString needle = u' ' + term;
    qsizetype from = 0;
    while (true) {
        const qsizetype at = foldedText.indexOf(needle, from);
        if (at < 0)
            break;
        if (negatedBefore(foldedText, at)) {
            ++hits.negated;
        } else {
            if (hits.count == 0)
                hits.first = at;
            ++hits.count;
        }
        from = at + needle.size();
        if (hits.count + hits.negated > 1000)
            break;
    }
    return hits;
}

QStringList salientWords(const QString &foldedText, int limit)
{
    static const QSet<QString> stop = [] {
        const QStringList words =
            QStringLiteral(
                "a an the and or but if then so to of in on at by for from with without into onto "
                "is are was were be been being am do does did doing done have has had having can "
                "could would should will shall may might must i we you he she it they me us him "
                "her them my our your his its their this that these those there here what which "
                "who whom whose when where why how all any some no not nor only own same than too "
                "very just also again still even ever since as about after before between during "
                "hi hello hey thanks thank please team regards best cheers dear guys folks help "
                "issue problem question get got getting seem seems seemed like one two know "
                "anyone something anything everything nothing really now today yesterday morning "
                "evening night week hours hour minutes minute day days ago last past side change "
                "changed us org our ours yours it's im ive were weve dont doesnt didnt cant wont "
                "isnt arent wasnt werent hasnt havent le la les de des du et est un une pour pas "
                "der die das und ist nicht ein eine el los las y es por para que una "
                "sometimes always often usually times time out off over take takes taking took "
                "make makes made look looks see saw seen work works working worked fine good bad "
                "great much many more most less lot lots way ways thing things set use using used "
                "need needs needed want wants let lets forever seconds second instead else other "
                "others anything someone maybe sure think thought said says tell told send sent "
                "currently around already able via per each every well back going went come came "
                "urgent asap end new old yet big small high low usual normal normally fast faster "
                "bonjour hallo hola ola obrigada obrigado merci danke gracias cordialement "
                "freundlichen grussen mit bitte nous notre vos nos les uns une avec sur dans pas "
                "nao com uma dos das mais")
                .split(u' ', Qt::SkipEmptyParts);
        return QSet<QString>(words.cbegin(), words.cend());
    }();
    QStringList out;
    const QStringList words = foldedText.split(u' ', Qt::SkipEmptyParts);
    for (const QString &w : words) {
        if (out.size() >= limit)
            break;
        if (w.size() < 3 || w.size() > 40 || stop.contains(w) || out.contains(w))
            continue;
        bool digits = true;
        for (const QChar c : w)
            digits = digits && c.isDigit();
        if (digits && w.size() != 3) // keep HTTP status codes, drop other numbers
            continue;
        out.append(w);
    }
    return out;
}

} // namespace Casefile
