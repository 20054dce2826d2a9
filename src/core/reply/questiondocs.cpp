#include "core/reply/questiondocs.h"

#include "core/engine/lexicon.h"
#include "core/engine/textnormalizer.h"
#include "core/text/language.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

using namespace Qt::StringLiterals;

namespace Casefile::Reply {

namespace {

using Text::isCjk;

constexpr int MinScore = 4;
constexpr int MaxPages = 2;
constexpr int MaxSearchWords = 8;

// Words of product questions in Spanish, Portuguese, German, French and Japanese, with the
// English words our documentation uses for them: a question asked in another language still
// finds the English page. Foreign terms match where a word starts (Japanese: anywhere); one
// concept a row, never a sentence.
struct Gloss
{
    const char16_t *english; // space-separated search words
    const char16_t *foreign; // '|'-separated terms, folded like the ticket
};
constexpr Gloss Glossary[] = {
    {u"plan plans", u"planes|plano|planos|tarif|forfait|offre|abonnement|プラン"},
    {u"include included", u"incluye|incluido|incluida|incluir|inclui|enthalt|beinhalt|inklusive|"
                          u"inclus|inclut|comprend|含ま|含む|付い"},
    {u"invoice invoices", u"factura|fatura|rechnung|facture|請求書|インボイス"},
    {u"pricing price", u"precio|preco|preis|prix|tarifa|料金|価格"},
    {u"limit limits", u"limite|grenze|obergrenze|上限|制限"},
    {u"key keys", u"clave|chave|schlussel|=cle|=cles|キー"},
    {u"logs log", u"registro|protokoll|journal|ログ"},
    {u"export", u"exportar|exporta|exportier|export|エクスポート"},
    {u"report", u"informe|relatorio|bericht|rapport|レポート|報告書"},
    {u"retention retained", u"retencion|retencao|aufbewahr|conservation|保持|保存期間"},
    {u"users seats",
     u"usuario|nutzer|benutzer|utilisateur|asiento|assento|platze|siege|ユーザー|シート"},
    {u"address", u"direccion|endereco|adresse|住所"},
    {u"budget budgets", u"presupuesto|orcamento|budget|予算"},
    {u"region residency", u"region|regiao|リージョン|データ所在"},
    {u"support", u"soporte|suporte|support|サポート"},
    {u"team", u"equipo|equipe|team|チーム"},
    {u"sso login", u"inicio sesion|login|anmeld|connexion|ログイン|シングルサインオン"},
    {u"security compliance", u"seguridad|seguranca|sicherheit|securite|conformidad|conformidade|"
                             u"セキュリティ|コンプライアンス"},
    {u"cache caching", u"cache|キャッシュ"},
    {u"tax vat", u"impuesto|imposto|steuer|taxe|tva|=iva|=mwst|税"},
    {u"currency", u"moneda|moeda|wahrung|devise|通貨"},
    {u"payment", u"pago|pagamento|zahlung|paiement|支払"},
    {u"model models", u"modelo|modell|modele|モデル"},
    {u"trial", u"prueba|=teste|testphase|essai|トライアル|試用"},
    {u"discount", u"descuento|desconto|rabatt|remise|reduction|割引"},
    {u"cancel", u"cancelar|kundig|annuler|resilier|解約|キャンセル"},
    {u"contract agreement", u"contrato|vertrag|contrat|契約"},
    {u"enterprise", u"empresarial|empresa|unternehmen|entreprise|エンタープライズ"},
    {u"retry retries", u"reintento|retentativa|wiederhol|nouvelle tentative|リトライ|再試行"},
    {u"webhook webhooks", u"webhook|ウェブフック"},
    {u"requests request", u"solicitud|peticion|requisic|anfrage|requete|リクエスト"},
    {u"minute", u"minuto|minute|毎分"},
    {u"data", u"datos|dados|daten|donnees|データ"},
    {u"gateway", u"pasarela|gateway|ゲートウェイ"},
};

// Function words of the six languages: they say nothing about the topic.
const QSet<QString> &commonWords()
{
    static const QSet<QString> common = [] {
        QSet<QString> s;
        const QString words =
            u"the and for you your our can how what when where which who why does this that with "
            "from have has are was were will would could should there their they them about any "
            "all into also just need want like thanks thank please hello question know get use "
            "using not but some more than then next week team way possible there s send latest "
            "due its it s we re i m hi dear best regards "
            // Spanish, Portuguese
            "los las del una unos unas por para con que como cual cuando donde hola gracias "
            "saludos nuestro nuestra nuestros tiene tienen esta este estos esto son hay puede "
            "pueden quiero queremos saber pregunta "
            "dos das uma com nao sim seu sua voces voce nosso nossa temos tem ola obrigado "
            "obrigada gostaria queria pergunta esse essa isso "
            // German
            "der die das den dem des und ist sind ein eine einen einem einer wir unser unsere "
            "ihr ihre haben hat mit fur von auf bei oder auch noch gibt es wie was wann warum "
            "hallo danke gruss grusse frage konnen kann bitte "
            // French
            "les des une est sont nous notre nos vous votre vos avec pour dans sur par que qui "
            "quoi comment quand est ce bonjour merci cordialement question pouvez peut"_s;
        for (const QString &w : words.split(u' ', Qt::SkipEmptyParts))
            s.insert(w);
        return s;
    }();
    return common;
}

// Folded words of a text: Latin (and other spaced) words of 3+ characters, and each run of
// Japanese script as one word, split from the Latin letters it touches ("scaleフランにssoは").
QStringList foldedWords(const QString &text)
{
    QStringList out;
    for (const QString &token : foldForMatching(text).split(u' ', Qt::SkipEmptyParts)) {
        QString run;
        bool runCjk = false;
        const auto flush = [&] {
            if (run.size() >= (runCjk ? 1 : 3))
                out << run;
            run.clear();
        };
        for (const QChar c : token) {
            const bool cjk = isCjk(c);
            if (!run.isEmpty() && cjk != runCjk)
                flush();
            runCjk = cjk;
            run += c;
        }
        flush();
    }
    return out;
}

// "includes", "included", "include" -> "includ": the same word for matching (our docs are
// English; a Japanese run is left as it is).
QString stemOf(const QString &word)
{
    return isCjk(word.at(0)) ? word : Lexicon::stem(word, Lexicon::Lang::En, 3);
}

QStringList stemsOf(const QString &text)
{
    QStringList out;
    for (const QString &w : foldedWords(text))
        out << stemOf(w);
    return out;
}

struct FoldedGloss
{
    QStringList english;
    QStringList terms; // folded, without padding; '=' prefix kept: a whole word
};

const QList<FoldedGloss> &glossary()
{
    static const QList<FoldedGloss> folded = [] {
        QList<FoldedGloss> out;
        for (const Gloss &g : Glossary) {
            FoldedGloss f;
            f.english = QString::fromUtf16(g.english).split(u' ', Qt::SkipEmptyParts);
            for (const QString &t : QString::fromUtf16(g.foreign).split(u'|', Qt::SkipEmptyParts)) {
                const bool whole = t.startsWith(u'=');
                const QString term = foldForMatching(whole ? t.mid(1) : t).trimmed();
                if (!term.isEmpty())
                    f.terms << (whole ? u"="_s + term : term);
            }
            out << f;
        }
        return out;
    }();
    return folded;
}

// The English words of the glossary's foreign terms found in the folded text.
QStringList englishFor(const QString &folded)
{
    QStringList out;
    for (const FoldedGloss &g : glossary()) {
        bool found = false;
        for (const QString &t : g.terms) {
            if (t.startsWith(u'='))
                found = folded.contains(u' ' + t.mid(1) + u' ');
            else if (isCjk(t.at(0)))
                found = folded.contains(t);
            else
                found = folded.contains(u' ' + t);
            if (found)
                break;
        }
        if (found) {
            for (const QString &e : g.english) {
                if (!out.contains(e))
                    out << e;
            }
        }
    }
    return out;
}

} // namespace

QStringList questionWords(const Ticket &ticket)
{
    const QString text = ticket.subject + u' ' + ticket.description;
    // the words our (English) docs would use first, then the ticket's own
    QStringList out = englishFor(foldForMatching(text));
    for (const QString &w : foldedWords(text)) {
        if (!commonWords().contains(w) && !out.contains(w))
            out << w;
    }
    return out;
}

Result<std::optional<Evidence>> findQuestionDocs(const Ticket &ticket, Connector &docs,
                                                 const WorkLimits &limits)
{
    const QStringList words = questionWords(ticket);
    if (words.isEmpty())
        return std::optional<Evidence>();
    OperationCall call;
    call.stepId = u"question_docs"_s;
    call.operation = u"search"_s;
    QStringList terms;
    if (!ticket.subject.trimmed().isEmpty())
        terms << ticket.subject.simplified().left(200);
    QStringList latin; // a search engine of English pages gains nothing from Japanese runs
    for (const QString &w : words) {
        if (!isCjk(w.at(0)) && latin.size() < MaxSearchWords)
            latin << w;
    }
    if (!latin.isEmpty())
        terms << latin.join(u' ');
    call.args = QJsonObject{{u"terms"_s, QJsonArray::fromStringList(terms)}, {u"limit"_s, 5}};
    call.limits = limits;
    auto answer = docs.run(call);
    if (!answer)
        return std::unexpected(answer.error());
    struct Scored
    {
        int score = 0;
        QJsonObject item;
    };
    QList<Scored> scored;
    QSet<QString> seen;
    QStringList wanted; // stems, once each (a word and its translation may share one)
    for (const QString &w : words) {
        const QString s = stemOf(w);
        if (!wanted.contains(s))
            wanted << s;
    }
    for (const Evidence &e : std::as_const(answer->evidence)) {
        for (const QJsonValue &v : e.data.value(u"items"_s).toArray()) {
            const QJsonObject item = v.toObject();
            const QString ref = item.value(u"ref"_s).toString();
            if (ref.isEmpty() || seen.contains(ref))
                continue;
            seen.insert(ref);
            const QStringList title = stemsOf(item.value(u"title"_s).toString() + u' ' +
                                              ref.section(u'/', -1).replace(u'-', u' '));
            const QStringList body = stemsOf(item.value(u"text"_s).toString());
            int score = 0;
            int distinct = 0;
            for (const QString &w : std::as_const(wanted)) {
                const int s = title.contains(w) ? 3 : (body.contains(w) ? 1 : 0);
                score += s;
                distinct += s > 0 ? 1 : 0;
            }
            if (score >= MinScore && distinct >= 2)
                scored.append({score, item});
        }
    }
    if (scored.isEmpty())
        return std::optional<Evidence>();
    std::stable_sort(scored.begin(), scored.end(),
                     [](const Scored &a, const Scored &b) { return a.score > b.score; });
    QJsonArray items;
    for (const Scored &s : scored.mid(0, MaxPages))
        items.append(s.item);
    Evidence e;
    e.kind = EvidenceKind::Text;
    e.connector = u"docs"_s;
    e.title = u"Documentation that answers the question"_s;
    e.source = u"docs:search"_s;
    e.data = QJsonObject{{u"items"_s, items}};
    return std::optional<Evidence>(e);
}

} // namespace Casefile::Reply
