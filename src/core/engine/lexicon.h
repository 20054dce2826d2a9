#pragma once

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace Casefile {

// The classifier's vocabulary: concept classes (slowness, failure, webhook, invoice, ...), each
// with its terms in English, Spanish, Portuguese, German, French and Japanese, and how much
// each concept says about each built-in playbook. Concepts, not phrases: a ticket that says
// the same thing in other words or in another language lands on the same concept.
//
// Term syntax in the table: terms separated by '|'; a term matches where a word starts and
// may continue ("slow" finds "slowly", "latenc" finds "latency" and "latencia"); a leading '='
// asks for the whole word ("=lag" does not find "lage"); spaces separate the words of a
// phrase. Japanese terms match anywhere (no spaces between words).
namespace Lexicon {

enum class Kind {
    Symptom, // something is wrong ("slow", "500", "mismatch"): negation removes it
    Topic,   // what the ticket is about ("webhook", "invoice"): negation does not apply
    Event,   // a normal event ("received", "arrives"): negated, it becomes a symptom
    Change,  // "since", "today", "no longer": something changed (a weak symptom)
    Works,   // "works fine": the other side of "A fails, B works"
};

enum class Lang { En, Es, Pt, De, Fr, Ja };

struct Term
{
    QString folded;    // foldForMatching() of the term, trimmed
    QStringList words; // folded words (one for a single word; empty for Japanese)
    Lang lang = Lang::En;
    bool wholeWord = false;
    bool spaceless = false; // Japanese: substring match
};

struct Concept
{
    QString id;
    Kind kind = Kind::Topic;
    QHash<QString, double> playbooks; // playbook name -> weight
    QList<Term> terms;
};

// All concepts, parsed once. Thread-safe.
const QList<Concept> &concepts();

// Words that negate the next few words ("not", "kein", "sin", "pas", ...), folded.
bool isNegationCue(const QString &foldedWord);
// Words that end a negation's scope inside a sentence ("but", "pero", "aber", "mais", ...).
bool isContrast(const QString &foldedWord);
// Words a question uses when it is hypothetical ("if", "si", "wenn", ...).
bool isHypothetical(const QString &foldedWord);
// First-person words ("we", "our", "nuestro", "unser", "notre", ...).
bool isFirstPerson(const QString &foldedWord);
// "why" in the six languages.
bool isWhy(const QString &foldedWord);
// "unrelated to the invoice", "aparte de la factura", "abgesehen von der Rechnung": a word that
// sets the topic after it aside, so that the topic is not what the ticket is about.
bool isAsideCue(const QString &foldedWord);
// "too", "también", "aussi", "auch": a clause that says nothing of its own says what the clause
// before it said ("GPT works, and the Sonnet one too").
bool isAdditive(const QString &foldedWord);
// "sometimes", "a veces", "às vezes", "ab und zu", "de temps en temps", "時々": whether folded
// words (and the Japanese text among them) say that something happens now and then. A symptom
// said so, beside one that simply happens, is the lesser complaint.
bool saysOccasional(const QStringList &foldedWords);
// "roughly 400", "400 keys", "cerca de 500 solicitudes": a number counted or approximated is a
// quantity, not a status code. Whether `number` at `at` in the folded words is one.
bool isQuantity(const QStringList &foldedWords, qsizetype at);

// Light suffix stripping for a language ("invoiced" -> "invoic", "facturas" -> "factur"),
// keeping at least `minStem` letters (the classifier's terms want 4; the docs search, whose
// short English words are stems of their own, "logs" -> "log", wants 3).
QString stem(const QString &foldedWord, Lang lang, int minStem = 4);

// Provider families named in folded text ("claude" and "anthropic" are one family).
QStringList providerFamilies(const QString &foldedText);

} // namespace Lexicon
} // namespace Casefile
