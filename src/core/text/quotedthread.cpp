#include "core/text/quotedthread.h"

#include <QRegularExpression>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace Casefile::Text {

namespace {

// The rule a mail client puts above a message it quotes ("-----Original Message-----") or, with
// `forwarded`, above one it forwards ("---------- Forwarded message ---------", "Mensaje
// reenviado", "Weitergeleitete Nachricht", "Message transféré", "転送メッセージ").
bool isMessageRule(const QString &line, bool forwarded)
{
    static const QRegularExpression original(
        u"^-{2,}\\s*(original message|mensaje original|mensagem original|urspr[üu]ngliche "
        u"nachricht|message d'origine|元のメッセージ)\\s*-{2,}"_s,
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression forward(
        u"^-{2,}\\s*(forwarded message|mensaje reenviado|mensagem encaminhada|weitergeleitete "
        u"nachricht|message transf[ée]r[ée]|転送メッセージ)\\s*-{2,}"_s,
        QRegularExpression::CaseInsensitiveOption);
    return (forwarded ? forward : original).match(line).hasMatch();
}

// A line that introduces the quotation of an earlier message, in the six languages.
bool isReplyHeader(const QString &line)
{
    if (line.size() > 240)
        return false;
    // "On Mon, 21 Dec 2026 at 16:02, Support <…> wrote:", "Em seg., 21 de dez. … escreveu:",
    // "El lun, 21 dic … escribió:", "Am 21.12.2026 um 16:02 schrieb Support:", "Le 21 déc.
    // 2026 à 16:02, Support a écrit :": a verb of writing at the end of a line with a digit.
    static const QRegularExpression wrote(
        u"\\b(wrote|writes|escreveu|escribi[oó]|schrieb|a [ée]crit|ha scritto|schreef)\\b"
        u"[^\\n]{0,80}[:：]\\s*$"_s,
        QRegularExpression::CaseInsensitiveOption | QRegularExpression::UseUnicodePropertiesOption);
    static const QRegularExpression digit(u"\\d"_s);
    if (wrote.match(line).hasMatch() && digit.match(line).hasMatch())
        return true;
    // Japanese mail clients: "… に書きました:", "… は書きました:", "… が書きました:"; Apple Mail
    // "2026/12/01 10:00、山田 <x@y>のメール:".
    static const QRegularExpression japanese(
        u"((に|が|は)書きました\\s*[:：]?|のメール\\s*[:：])\\s*$"_s);
    if (japanese.match(line).hasMatch() && digit.match(line).hasMatch())
        return true;
    // A date, a time and an address, then a colon, and nothing else: Gmail's Japanese header
    // "2026年12月1日(火) 10:00 山田 <x@y>:" and clients that write no verb at all.
    static const QRegularExpression dated(
        u"(\\d{4}\\s*[年/.\\-]\\s*\\d{1,2}\\s*[月/.\\-]\\s*\\d{1,2}|\\d{1,2}[/.]\\d{1,2}[/"
        u".]\\d{2,4})"
        u".*\\d{1,2}[:：]\\d{2}.*<[^<>\\s]+@[^<>\\s]+>\\)?\\s*[:：]\\s*$"_s);
    if (dated.match(line).hasMatch())
        return true;
    return isMessageRule(line, false) || isMessageRule(line, true);
}

// A header line of a forwarded message: "From: …", "Subject: …", "Date: …", "To: …" and their
// translations.
bool isForwardedHeaderLine(const QString &line)
{
    static const QRegularExpression header(
        u"^\\s*(from|to|cc|subject|date|sent|de|para|asunto|assunto|fecha|data|enviado|enviada|von|"
        u"an|betreff|datum|gesendet|[àa]|objet|envoy[ée]|差出人|宛先|件名|日付|送信日時)\\s*[:：]"_s,
        QRegularExpression::CaseInsensitiveOption);
    return line.size() < 240 && header.match(line).hasMatch();
}

// A forward's cover note: a line or two that passes the message on ("see below", "can you take
// a look?") and says nothing of its own, so that the forwarded message is what the ticket says.
bool isCoverNote(const QStringList &kept)
{
    constexpr qsizetype MaxCoverNoteLength = 100;
    qsizetype length = 0;
    for (const QString &line : kept)
        length += line.trimmed().size();
    return length <= MaxCoverNoteLength;
}

// The second line of a reply header the mail client wrapped: the verb alone, or the end of
// the address and the verb ("taro@example.com> wrote:", "schrieb Support <s@x.io>:").
bool isWrappedHeaderEnd(const QString &line)
{
    static const QRegularExpression end(
        u"^(<?[^\\s<>]+@[^\\s<>]+>\\)?\\s*)?(wrote|escreveu|escribi[oó]|schrieb|a [ée]crit|"
        u"(に|が|は)?書きました)[^\\n]{0,80}[:：]\\s*$"_s,
        QRegularExpression::CaseInsensitiveOption | QRegularExpression::UseUnicodePropertiesOption);
    return line.size() < 120 && end.match(line).hasMatch();
}

// An Outlook header block: "From: …" followed by "Sent: …" (or its translations).
bool isOutlookHeader(const QStringList &lines, qsizetype i)
{
    static const QRegularExpression from(u"^\\s*(from|de|von|差出人)\\s*[:：]\\s*\\S"_s,
                                         QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression sent(
        u"^\\s*(sent|date|enviado|enviada|gesendet|datum|envoy[ée]|fecha|data|送信日時)\\s*[:：]"_s,
        QRegularExpression::CaseInsensitiveOption);
    return i + 1 < lines.size() && from.match(lines.at(i)).hasMatch() &&
           sent.match(lines.at(i + 1)).hasMatch();
}

bool hasWords(const QStringList &lines)
{
    return std::any_of(lines.cbegin(), lines.cend(), [](const QString &l) {
        return std::any_of(l.cbegin(), l.cend(), [](QChar c) { return c.isLetter(); });
    });
}

// A closing line ("Thanks,", "Cordialement,", "Un saludo", "Mit freundlichen Grüßen",
// "よろしくお願いいたします。"): what follows it is the writer's name, title and address.
// The closing words of the six languages (a regular-expression alternation).
const QString &closingWords()
{
    static const QString words =
        u"thanks|thank you|thx|cheers|best|kind regards|best regards|regards|"
        u"many thanks|merci|cordialement|bien cordialement|bien [àa] vous|salutations|gracias|"
        u"muchas gracias|saludos|un saludo|atentamente|obrigad[oa]|cumprimentos|atenciosamente|"
        u"abra[çc]os|um abra[çc]o|danke|vielen dank|viele gr[üu](ß|ss)e|beste gr[üu](ß|ss)e|"
        u"freundliche gr[üu](ß|ss)e|mit freundlichen gr[üu](ß|ss)en"_s;
    return words;
}

bool isSignOff(const QString &line)
{
    if (line.size() > 48)
        return false;
    static const QRegularExpression closing(
        u"^[¡!]?\\s*("_s + closingWords() + u")\\b[^\\n]{0,30}$"_s,
        QRegularExpression::CaseInsensitiveOption | QRegularExpression::UseUnicodePropertiesOption);
    static const QRegularExpression japanese(u"よろしくお願い[^\\n]{0,12}$"_s);
    return closing.match(line).hasMatch() || japanese.match(line).hasMatch();
}

// A closing said alone ("Merci!", "Best regards,"), nothing else on its line.
bool isBareSignOff(const QString &line)
{
    static const QRegularExpression closing(u"^[¡!]?\\s*("_s + closingWords() + u")[\\s,.!。]*$"_s,
                                            QRegularExpression::CaseInsensitiveOption |
                                                QRegularExpression::UseUnicodePropertiesOption);
    static const QRegularExpression japanese(u"^(何卒)?よろしくお願い(いた)?(し)?ます[。!！]*$"_s);
    return closing.match(line).hasMatch() || japanese.match(line).hasMatch();
}

// Where the signature block starts in `kept`: a closing line followed by at most a few short
// lines (name, title, company, address) and nothing else; -1 when there is none.
qsizetype signatureStart(const QStringList &kept)
{
    constexpr int MaxSignatureLines = 6;
    constexpr int MaxSignatureLineLength = 90;
    int after = 0;
    for (qsizetype i = kept.size() - 1; i > 0; --i) {
        const QString trimmed = kept.at(i).trimmed();
        if (trimmed.isEmpty())
            continue;
        if (isSignOff(trimmed))
            return hasWords(kept.mid(0, i)) ? i : -1;
        if (++after > MaxSignatureLines || trimmed.size() > MaxSignatureLineLength)
            return -1;
    }
    return -1;
}

} // namespace

QString withoutQuotedThread(const QString &text)
{
    const QStringList lines = text.split(u'\n');
    QStringList kept;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString trimmed = lines.at(i).trimmed();
        if (trimmed.startsWith(u'>'))
            continue;
        const bool signature = trimmed == u"--"_s && hasWords(kept);
        // a message forwarded under a short cover note is what the customer sends us to read:
        // keep it, without its header lines, up to any thread it quotes in turn
        if (isMessageRule(trimmed, true) && isCoverNote(kept)) {
            while (i + 1 < lines.size() &&
                   (lines.at(i + 1).trimmed().isEmpty() || isForwardedHeaderLine(lines.at(i + 1))))
                ++i;
            continue;
        }
        if (signature || ((isReplyHeader(trimmed) || isOutlookHeader(lines, i)) && hasWords(kept)))
            break;
        // a header the mail client wrapped: "On …, Taro Yamada <taro@example.com>" / "wrote:"
        if (!kept.isEmpty() && !kept.constLast().trimmed().isEmpty() &&
            isWrappedHeaderEnd(trimmed) &&
            isReplyHeader(kept.constLast().trimmed() + u' ' + trimmed)) {
            const QString header = kept.takeLast();
            if (hasWords(kept))
                break;
            kept.append(header);
        }
        kept.append(lines.at(i));
    }
    if (const qsizetype at = signatureStart(kept); at > 0)
        kept = kept.mid(0, at);
    while (!kept.isEmpty() && kept.constLast().trimmed().isEmpty())
        kept.removeLast();
    // a mail passed on with a second signature under the first: the writer's own closing, said
    // alone on its line, and the name and title under it go too
    while (true) {
        const qsizetype at = signatureStart(kept);
        if (at <= 0 || !isBareSignOff(kept.at(at).trimmed()))
            break;
        kept = kept.mid(0, at);
        while (!kept.isEmpty() && kept.constLast().trimmed().isEmpty())
            kept.removeLast();
    }
    return hasWords(kept) ? kept.join(u'\n') : text;
}

bool isReplySubject(const QString &subject)
{
    static const QRegularExpression prefix(
        u"^\\s*(re|fw|fwd|aw|wg|tr|rv|res|enc|sv|antw|vs)\\s*(\\[\\d+\\])?\\s*[:：]"_s,
        QRegularExpression::CaseInsensitiveOption);
    return prefix.match(subject).hasMatch();
}

} // namespace Casefile::Text
