#include "ui/textdiff.h"

#include <QList>
#include <QRegularExpression>
#include <QStringList>

#include <algorithm>
#include <vector>

using namespace Qt::StringLiterals;

namespace Casefile {

static qsizetype lcsLength(const QStringList &a, const QStringList &b)
{
    std::vector<qsizetype> prev(size_t(b.size()) + 1, 0);
    std::vector<qsizetype> cur(size_t(b.size()) + 1, 0);
    for (qsizetype i = 1; i <= a.size(); ++i) {
        for (qsizetype j = 1; j <= b.size(); ++j) {
            cur[size_t(j)] = a.at(i - 1) == b.at(j - 1)
                                 ? prev[size_t(j - 1)] + 1
                                 : std::max(prev[size_t(j)], cur[size_t(j - 1)]);
        }
        std::swap(prev, cur);
    }
    return prev[size_t(b.size())];
}

double editedShare(const QString &original, const QString &edited)
{
    static const QRegularExpression space(u"\\s+"_s);
    QStringList a = original.split(space, Qt::SkipEmptyParts);
    QStringList b = edited.split(space, Qt::SkipEmptyParts);
    if (a.isEmpty() && b.isEmpty())
        return 0.0;
    if (double(a.size()) * double(b.size()) > 4e6) {
        a = original.split(u'\n');
        b = edited.split(u'\n');
    }
    const qsizetype common = lcsLength(a, b);
    const qsizetype longest = std::max(a.size(), b.size());
    return longest == 0 ? 0.0 : 1.0 - double(common) / double(longest);
}

} // namespace Casefile
