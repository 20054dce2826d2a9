#include "core/engine/jsonlocator.h"

using namespace Qt::StringLiterals;

namespace Casefile {

namespace {
constexpr int MaxDepth = 256; // deeper documents are rejected by the parser anyway
}

JsonLocator::JsonLocator(const QByteArray &text)
    : m_text(text)
{
    skipSpace();
    if (!atEnd())
        scanValue(u"$"_s);
}

JsonLocator::Position JsonLocator::positionOfOffset(qsizetype offset) const
{
    Position p{1, 1};
    const qsizetype end = std::min(offset, m_text.size());
    for (qsizetype i = 0; i < end; ++i) {
        const auto c = static_cast<unsigned char>(m_text.at(i));
        if (c == '\n') {
            ++p.line;
            p.column = 1;
        } else if ((c & 0xC0) != 0x80) { // count characters, not UTF-8 continuation bytes
            ++p.column;
        }
    }
    return p;
}

JsonLocator::Position JsonLocator::find(const QString &path) const
{
    QString probe = path;
    while (!probe.isEmpty()) {
        const auto it = m_offsets.constFind(probe);
        if (it != m_offsets.cend())
            return positionOfOffset(it.value());
        // Walk up: "$.a.b[2]" -> "$.a.b" -> "$.a" -> "$".
        const qsizetype cut = std::max(probe.lastIndexOf(u'.'), probe.lastIndexOf(u'['));
        if (cut <= 0)
            break;
        probe.truncate(cut);
    }
    return {};
}

void JsonLocator::skipSpace()
{
    while (!atEnd()) {
        const char c = m_text.at(m_pos);
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            ++m_pos;
        } else if (c == '/' && m_pos + 1 < m_text.size() && m_text.at(m_pos + 1) == '/') {
            while (!atEnd() && m_text.at(m_pos) != '\n')
                ++m_pos;
        } else if (c == '/' && m_pos + 1 < m_text.size() && m_text.at(m_pos + 1) == '*') {
            const qsizetype end = m_text.indexOf("*/", m_pos + 2);
            m_pos = end < 0 ? m_text.size() : end + 2;
        } else {
            break;
        }
    }
}

bool JsonLocator::scanString(QString *out)
{
    if (atEnd() || m_text.at(m_pos) != '"')
        return false;
    const qsizetype start = ++m_pos;
    QByteArray raw;
    while (!atEnd() && m_text.at(m_pos) != '"') {
        if (m_text.at(m_pos) == '\\') {
            ++m_pos;
            if (atEnd())
                return false;
            const char e = m_text.at(m_pos);
            switch (e) {
            case 'n':
                raw += '\n';
                break;
            case 't':
                raw += '\t';
                break;
            case 'r':
                raw += '\r';
                break;
            case 'b':
                raw += '\b';
                break;
            case 'f':
                raw += '\f';
                break;
            case 'u': // keys with \u escapes are rare in playbooks; keep them verbatim
                raw += "\\u";
                break;
            default:
                raw += e;
                break;
            }
            ++m_pos;
            continue;
        }
        raw += m_text.at(m_pos++);
    }
    if (atEnd())
        return false;
    ++m_pos; // closing quote
    Q_UNUSED(start);
    if (out)
        *out = QString::fromUtf8(raw);
    return true;
}

void JsonLocator::scanValue(const QString &path)
{
    if (m_broken || atEnd())
        return;
    m_offsets.insert(path, m_pos);
    const char c = m_text.at(m_pos);
    if (c == '{') {
        scanObject(path);
    } else if (c == '[') {
        scanArray(path);
    } else if (c == '"') {
        if (!scanString(nullptr))
            m_broken = true;
    } else {
        // number, true, false, null
        while (!atEnd()) {
            const char d = m_text.at(m_pos);
            if (d == ',' || d == '}' || d == ']' || d == ' ' || d == '\n' || d == '\r' ||
                d == '\t' || d == '/')
                break;
            ++m_pos;
        }
    }
}

void JsonLocator::scanObject(const QString &path)
{
    if (++m_depth > MaxDepth) {
        m_broken = true;
        return;
    }
    ++m_pos; // '{'
    skipSpace();
    while (!m_broken && !atEnd() && m_text.at(m_pos) != '}') {
        QString key;
        if (!scanString(&key)) {
            m_broken = true;
            break;
        }
        skipSpace();
        if (atEnd() || m_text.at(m_pos) != ':') {
            m_broken = true;
            break;
        }
        ++m_pos;
        skipSpace();
        scanValue(path + u'.' + key);
        skipSpace();
        if (!atEnd() && m_text.at(m_pos) == ',') {
            ++m_pos;
            skipSpace();
        }
    }
    if (!atEnd() && !m_broken)
        ++m_pos; // '}'
    --m_depth;
}

void JsonLocator::scanArray(const QString &path)
{
    if (++m_depth > MaxDepth) {
        m_broken = true;
        return;
    }
    ++m_pos; // '['
    skipSpace();
    int index = 0;
    while (!m_broken && !atEnd() && m_text.at(m_pos) != ']') {
        scanValue(path + u'[' + QString::number(index++) + u']');
        skipSpace();
        if (!atEnd() && m_text.at(m_pos) == ',') {
            ++m_pos;
            skipSpace();
        } else if (!atEnd() && m_text.at(m_pos) != ']') {
            m_broken = true;
        }
    }
    if (!atEnd() && !m_broken)
        ++m_pos; // ']'
    --m_depth;
}

} // namespace Casefile
