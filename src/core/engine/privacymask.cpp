#include "core/engine/privacymask.h"

#include <QRegularExpression>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Casefile {

PrivacyMask::PrivacyMask(const QStringList &names)
{
    for (const QString &n : names) {
        const QString t = n.trimmed();
        if (t.size() >= 2)
            m_names.append(t);
        // "Jun Park" is also written "Jun" alone in a reply's greeting.
        const QStringList parts = t.split(u' ', Qt::SkipEmptyParts);
        if (parts.size() > 1) {
            for (const QString &part : parts) {
                if (part.size() >= 3)
                    m_names.append(part);
            }
        }
    }
    // Longest first so "Jun Park" is replaced before "Jun".
    std::sort(m_names.begin(), m_names.end(),
              [](const QString &a, const QString &b) { return a.size() > b.size(); });
}

QString PrivacyMask::placeholderFor(const QString &kind, const QString &value)
{
    for (const auto &[placeholder, original] : m_map) {
        if (original == value && placeholder.startsWith(u'[' + kind))
            return placeholder;
    }
    int n = 1;
    for (const auto &entry : m_map)
        n += entry.first.startsWith(u'[' + kind + u'_') ? 1 : 0;
    const QString placeholder = u'[' + kind + u'_' + QString::number(n) + u']';
    m_map.append({placeholder, value});
    return placeholder;
}

QString PrivacyMask::mask(const QString &input)
{
    struct Rule
    {
        QString kind;
        QRegularExpression re;
    };
    static const QList<Rule> rules{
        {u"SECRET"_s, QRegularExpression(u"(?i)\\bbearer\\s+[A-Za-z0-9._~+/=\\-]{8,}"_s)},
        {u"SECRET"_s,
         QRegularExpression(
             u"\\b(?:sk|pk|rk|ak|pat|ghp|gho|ghs|xox[abpr]|lin_api|whsec)[-_][A-Za-z0-9_\\-]{8,}"_s)},
        {u"EMAIL"_s, QRegularExpression(u"[A-Za-z0-9._%+\\-]+@[A-Za-z0-9.\\-]+\\.[A-Za-z]{2,}"_s)},
        {u"IP"_s, QRegularExpression(u"\\b(?:\\d{1,3}\\.){3}\\d{1,3}\\b"_s)},
        {u"IP"_s, QRegularExpression(u"\\b(?:[0-9a-fA-F]{1,4}:){4,7}[0-9a-fA-F]{1,4}\\b"_s)},
        {u"PHONE"_s, QRegularExpression(u"(?<![\\w:.-])\\+?\\d[\\d ()\\-]{7,}\\d(?![\\w:.-])"_s)},
        // Long random-looking tokens (mixed letters and digits, 24+ characters).
        {u"SECRET"_s,
         QRegularExpression(
             u"\\b(?=[A-Za-z0-9_\\-]*\\d)(?=[A-Za-z0-9_\\-]*[A-Za-z])[A-Za-z0-9_\\-]{32,}\\b"_s)},
    };
    QString text = input;
    for (const Rule &rule : rules) {
        QString out;
        qsizetype last = 0;
        for (auto it = rule.re.globalMatch(text); it.hasNext();) {
            const auto m = it.next();
            // Placeholders themselves and ISO times are not personal data.
            if (m.captured(0).startsWith(u'['))
                continue;
            if (rule.kind == u"PHONE"_s) {
                const QString digits = QString(m.captured(0)).remove(QRegularExpression(u"\\D"_s));
                if (digits.size() < 9 || digits.size() > 15)
                    continue;
            }
            out += QStringView(text).mid(last, m.capturedStart() - last);
            out += placeholderFor(rule.kind, m.captured(0));
            last = m.capturedEnd();
        }
        out += QStringView(text).mid(last);
        text = out;
    }
    for (const QString &name : m_names) {
        const QRegularExpression re(u"\\b"_s + QRegularExpression::escape(name) + u"\\b"_s);
        if (!text.contains(re))
            continue;
        text.replace(re, placeholderFor(u"NAME"_s, name));
    }
    return text;
}

QString PrivacyMask::restore(const QString &input) const
{
    QString text = input;
    for (const auto &[placeholder, original] : m_map)
        text.replace(placeholder, original);
    return text;
}

QStringList PrivacyMask::placeholders() const
{
    QStringList out;
    for (const auto &entry : m_map)
        out.append(entry.first);
    return out;
}

} // namespace Casefile
