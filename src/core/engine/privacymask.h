#pragma once

#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace Casefile {

// Replaces personal data in text that leaves the workspace (the LLM polish) with placeholders
// ("[EMAIL_1]", "[NAME_1]", "[SECRET_1]", "[IP_1]", "[PHONE_1]") and puts it back in the
// answer. Same value, same placeholder. Not thread-safe; one per use.
class PrivacyMask
{
public:
    explicit PrivacyMask(const QStringList &names = {});

    QString mask(const QString &text);
    QString restore(const QString &text) const;
    QStringList placeholders() const; // the ones mask() used

private:
    QString placeholderFor(const QString &kind, const QString &value);

    QStringList m_names;
    QList<QPair<QString, QString>> m_map; // placeholder -> original
};

} // namespace Casefile
