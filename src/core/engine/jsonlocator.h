#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>

namespace Casefile {

// Where each value of a JSON text starts, by JSON path ("$", "$.steps[0].id"). nlohmann/json
// keeps no positions, so semantic errors found after parsing are located with this scanner.
// It tolerates comments and stops quietly at the first malformed token (the parser reports
// syntax errors itself).
class JsonLocator
{
public:
    explicit JsonLocator(const QByteArray &text);

    struct Position
    {
        int line = 0;   // 1-based; 0 when unknown
        int column = 0; // 1-based, in characters
    };

    // Position of the value at `path`; for a missing path, the nearest existing parent.
    Position find(const QString &path) const;
    Position positionOfOffset(qsizetype offset) const;

private:
    void scanValue(const QString &path);
    void scanObject(const QString &path);
    void scanArray(const QString &path);
    bool scanString(QString *out);
    void skipSpace();
    bool atEnd() const { return m_pos >= m_text.size(); }

    QByteArray m_text;
    qsizetype m_pos = 0;
    int m_depth = 0;
    bool m_broken = false;
    QHash<QString, qsizetype> m_offsets;
};

} // namespace Casefile
