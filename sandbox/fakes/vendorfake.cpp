#include "sandbox/fakes/vendorfake.h"

#include "core/time.h"

#include <QCryptographicHash>
#include <QRegularExpression>
#include <QTimeZone>

namespace Casefile::Sandbox {

using namespace Qt::StringLiterals;

qint64 FakeContext::billed(const QString &org, const QDateTime &from, const QDateTime &to,
                           const QString &meter)
{
    // The billing function may scan the generated logs: answer repeated windows from memory.
    const QString key = org + u'|' + QString::number(from.toSecsSinceEpoch()) + u'|' +
                        QString::number(to.toSecsSinceEpoch()) + u'|' + meter;
    if (const auto it = billingCache.constFind(key); it != billingCache.cend())
        return *it;
    const qint64 value = billing ? billing(org, from, to, meter) : 0;
    billingCache.insert(key, value);
    return value;
}

QByteArray compactJson(const QJsonValue &value)
{
    if (value.isArray())
        return QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact);
    return QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
}

HttpResponse jsonAnswer(int status, const QJsonValue &value)
{
    return HttpResponse::json(status, compactJson(value));
}

QString isoUtc(const QDateTime &time)
{
    return toIsoUtc(time);
}

QDateTime parseTime(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return {};
    bool isNumber = false;
    const qint64 seconds = trimmed.toLongLong(&isNumber);
    if (isNumber && trimmed.size() > 8)
        return QDateTime::fromSecsSinceEpoch(seconds, QTimeZone::utc());
    QDateTime time = fromIso(trimmed);
    if (time.isValid())
        return time.toUTC();
    time = QDateTime::fromString(trimmed, Qt::ISODateWithMs);
    if (time.isValid())
        return time.toUTC();
    // Jira writes offsets without a colon (+0000).
    static const QRegularExpression jira(
        u"^(.*[T ]\\d\\d:\\d\\d(?::\\d\\d(?:\\.\\d+)?)?)([+-]\\d\\d)(\\d\\d)$"_s);
    if (const auto m = jira.match(trimmed); m.hasMatch()) {
        time = QDateTime::fromString(m.captured(1) + m.captured(2) + u':' + m.captured(3),
                                     Qt::ISODateWithMs);
        if (time.isValid())
            return time.toUTC();
    }
    for (const QString &format : {u"yyyy-MM-dd HH:mm"_s, u"yyyy-MM-dd HH:mm:ss"_s,
                                  u"yyyy/MM/dd HH:mm"_s, u"yyyy-MM-dd"_s, u"yyyy/MM/dd"_s}) {
        time = QDateTime::fromString(trimmed, format);
        if (time.isValid()) {
            time.setTimeZone(QTimeZone::utc());
            return time;
        }
    }
    return {};
}

qint64 unixSeconds(const QDateTime &time)
{
    return time.isValid() ? time.toSecsSinceEpoch() : 0;
}

QString stableHex(const QString &seed, int length)
{
    const QByteArray hash =
        QCryptographicHash::hash(seed.toUtf8(), QCryptographicHash::Sha256).toHex();
    QByteArray out;
    while (out.size() < length)
        out += hash;
    return QString::fromLatin1(out.left(length));
}

qint64 stableNumber(const QString &seed, qint64 modulo)
{
    const QByteArray hash = QCryptographicHash::hash(seed.toUtf8(), QCryptographicHash::Sha256);
    quint64 value = 0;
    for (int i = 0; i < 8; ++i)
        value = (value << 8) | static_cast<unsigned char>(hash.at(i));
    return static_cast<qint64>(value % static_cast<quint64>(modulo));
}

QJsonObject withDefaults(const QJsonObject &defaults, const QJsonObject &overrides)
{
    QJsonObject out = defaults;
    for (auto it = overrides.begin(); it != overrides.end(); ++it)
        out.insert(it.key(), it.value());
    return out;
}

std::optional<QPair<QString, QString>> basicCredentials(const HttpRequest &request)
{
    const QByteArray header = request.header("Authorization");
    if (!header.startsWith("Basic "))
        return std::nullopt;
    const QByteArray decoded = QByteArray::fromBase64(header.mid(6).trimmed());
    const qsizetype colon = decoded.indexOf(':');
    if (colon < 0)
        return std::nullopt;
    return QPair<QString, QString>{QString::fromUtf8(decoded.left(colon)),
                                   QString::fromUtf8(decoded.mid(colon + 1))};
}

QString bearerToken(const HttpRequest &request)
{
    const QByteArray header = request.header("Authorization");
    if (!header.startsWith("Bearer "))
        return {};
    return QString::fromUtf8(header.mid(7).trimmed());
}

QString encodeCursor(qsizetype offset)
{
    return QString::fromLatin1(
        QByteArray("o:"_ba + QByteArray::number(offset))
            .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

qsizetype decodeCursor(const QString &cursor)
{
    const QByteArray raw = QByteArray::fromBase64(cursor.toLatin1(), QByteArray::Base64UrlEncoding);
    if (!raw.startsWith("o:"))
        return -1;
    bool ok = false;
    const qsizetype offset = raw.mid(2).toLongLong(&ok);
    return ok && offset >= 0 ? offset : -1;
}

QStringList searchWords(const QString &text)
{
    static const QRegularExpression split(u"[^\\p{L}\\p{N}_/.-]+"_s);
    QStringList words;
    for (QString word : text.toLower().split(split, Qt::SkipEmptyParts)) {
        while (!word.isEmpty() && (word.endsWith(u'.') || word.endsWith(u'-')))
            word.chop(1);
        if (word.size() >= 2)
            words.append(word);
    }
    return words;
}

QString epochSecondsFromNow(int seconds)
{
    return QString::number(QDateTime::currentSecsSinceEpoch() + seconds);
}

QJsonArray toArray(const QList<QJsonObject> &objects)
{
    QJsonArray array;
    for (const QJsonObject &object : objects)
        array.append(object);
    return array;
}

} // namespace Casefile::Sandbox
