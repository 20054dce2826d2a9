#include "sandbox/fakes/graphqlreader.h"

#include <QJsonArray>

namespace Casefile::Sandbox {

using namespace Qt::StringLiterals;

namespace {

class Reader
{
public:
    Reader(const QString &text, const QJsonObject &variables)
        : m_text(text)
        , m_variables(variables)
    {}

    Result<QList<GraphQLField>> operation(const QString &operationName)
    {
        std::optional<QList<GraphQLField>> chosen;
        while (skip(), m_pos < m_text.size()) {
            if (peek() == u'{') {
                auto fields = selectionSet();
                if (!fields)
                    return std::unexpected(fields.error());
                if (!chosen && operationName.isEmpty())
                    chosen = *fields;
                continue;
            }
            const QString keyword = name();
            if (keyword == u"fragment"_s) {
                name();
                if (name() != u"on"_s)
                    return error(u"expected 'on' in a fragment"_s);
                name();
                directives();
                if (auto s = selectionSet(); !s)
                    return std::unexpected(s.error());
                continue;
            }
            if (keyword != u"query"_s && keyword != u"mutation"_s && keyword != u"subscription"_s)
                return error(u"expected an operation"_s);
            skip();
            QString opName;
            if (m_pos < m_text.size() && isNameStart(peek()))
                opName = name();
            QJsonObject defaults;
            if (skip(), peek() == u'(') {
                if (auto d = variableDefinitions(); !d)
                    return std::unexpected(d.error());
                else
                    defaults = *d;
            }
            directives();
            for (auto it = defaults.begin(); it != defaults.end(); ++it) {
                if (!m_variables.contains(it.key()))
                    m_variables.insert(it.key(), it.value());
            }
            auto fields = selectionSet();
            if (!fields)
                return std::unexpected(fields.error());
            if (keyword != u"query"_s && (operationName.isEmpty() || opName == operationName))
                return error(u"only queries are supported"_s);
            if (!chosen && (operationName.isEmpty() || opName == operationName))
                chosen = *fields;
        }
        if (!chosen)
            return error(operationName.isEmpty()
                             ? u"the document has no operation"_s
                             : u"unknown operation named \"%1\""_s.arg(operationName));
        return *chosen;
    }

private:
    std::unexpected<Error> error(const QString &what) const
    {
        // Line and column like GraphQL servers report them.
        const QString before = m_text.left(m_pos);
        const qsizetype line = before.count(u'\n') + 1;
        const qsizetype column = m_pos - before.lastIndexOf(u'\n');
        return fail(Error::Code::InvalidInput,
                    u"Syntax Error: %1 (line %2, column %3)."_s.arg(what).arg(line).arg(column));
    }

    QChar peek() const { return m_pos < m_text.size() ? m_text.at(m_pos) : QChar(); }
    static bool isNameStart(QChar c) { return c.isLetter() || c == u'_'; }

    void skip()
    {
        while (m_pos < m_text.size()) {
            const QChar c = m_text.at(m_pos);
            if (c.isSpace() || c == u',' || c == QChar(0xFEFF)) {
                ++m_pos;
            } else if (c == u'#') {
                while (m_pos < m_text.size() && m_text.at(m_pos) != u'\n')
                    ++m_pos;
            } else {
                break;
            }
        }
    }

    bool eat(QChar c)
    {
        skip();
        if (peek() == c) {
            ++m_pos;
            return true;
        }
        return false;
    }

    QString name()
    {
        skip();
        const qsizetype start = m_pos;
        while (m_pos < m_text.size() &&
               (m_text.at(m_pos).isLetterOrNumber() || m_text.at(m_pos) == u'_'))
            ++m_pos;
        return m_text.mid(start, m_pos - start);
    }

    void directives()
    {
        while (eat(u'@')) {
            name();
            if (skip(), peek() == u'(')
                (void)arguments();
        }
    }

    Result<QJsonObject> variableDefinitions()
    {
        eat(u'(');
        QJsonObject defaults;
        while (!eat(u')')) {
            if (!eat(u'$'))
                return error(u"expected a variable"_s);
            const QString var = name();
            if (!eat(u':'))
                return error(u"expected ':' after $"_s + var);
            // Type: Name, [Type], with '!'.
            int depth = 0;
            for (;;) {
                skip();
                if (eat(u'[')) {
                    ++depth;
                } else if (depth > 0 && eat(u']')) {
                    --depth;
                } else if (eat(u'!')) {
                } else if (isNameStart(peek())) {
                    name();
                } else {
                    break;
                }
                if (depth == 0 && (skip(), peek() != u'!' && peek() != u']'))
                    break;
            }
            if (eat(u'=')) {
                auto value = readValue(true);
                if (!value)
                    return std::unexpected(value.error());
                defaults.insert(var, *value);
            }
            directives();
            if (m_pos >= m_text.size())
                return error(u"unterminated variable definitions"_s);
        }
        return defaults;
    }

    Result<QJsonObject> arguments()
    {
        eat(u'(');
        QJsonObject args;
        while (!eat(u')')) {
            const QString key = name();
            if (key.isEmpty() || !eat(u':'))
                return error(u"expected an argument"_s);
            auto value = readValue(false);
            if (!value)
                return std::unexpected(value.error());
            if (!value->isUndefined())
                args.insert(key, *value);
        }
        return args;
    }

    Result<QJsonValue> readValue(bool constant)
    {
        skip();
        const QChar c = peek();
        if (c == u'$' && !constant) {
            ++m_pos;
            const QString var = name();
            return m_variables.contains(var) ? m_variables.value(var)
                                             : QJsonValue(QJsonValue::Undefined);
        }
        if (c == u'"')
            return readString();
        if (c == u'[') {
            ++m_pos;
            QJsonArray array;
            while (!eat(u']')) {
                auto v = readValue(constant);
                if (!v)
                    return v;
                array.append(*v);
                if (m_pos >= m_text.size())
                    return error(u"unterminated list"_s);
            }
            return array;
        }
        if (c == u'{') {
            ++m_pos;
            QJsonObject object;
            while (!eat(u'}')) {
                const QString key = name();
                if (key.isEmpty() || !eat(u':'))
                    return error(u"expected an object field"_s);
                auto v = readValue(constant);
                if (!v)
                    return v;
                if (!v->isUndefined())
                    object.insert(key, *v);
            }
            return object;
        }
        if (c == u'-' || c.isDigit()) {
            const qsizetype start = m_pos++;
            while (m_pos < m_text.size() &&
                   (m_text.at(m_pos).isDigit() || QStringView(u".eE+-").contains(m_text.at(m_pos))))
                ++m_pos;
            bool ok = false;
            const double number = m_text.mid(start, m_pos - start).toDouble(&ok);
            if (!ok)
                return error(u"bad number"_s);
            return QJsonValue(number);
        }
        if (isNameStart(c)) {
            const QString word = name();
            if (word == u"true"_s)
                return QJsonValue(true);
            if (word == u"false"_s)
                return QJsonValue(false);
            if (word == u"null"_s)
                return QJsonValue(QJsonValue::Null);
            return QJsonValue(word); // an enum value
        }
        return error(u"unexpected character '%1'"_s.arg(c));
    }

    Result<QJsonValue> readString()
    {
        if (m_text.mid(m_pos, 3) == u"\"\"\""_s) {
            const qsizetype end = m_text.indexOf(u"\"\"\""_s, m_pos + 3);
            if (end < 0)
                return error(u"unterminated block string"_s);
            const QString s = m_text.mid(m_pos + 3, end - m_pos - 3).trimmed();
            m_pos = end + 3;
            return QJsonValue(s);
        }
        ++m_pos;
        QString out;
        while (m_pos < m_text.size()) {
            const QChar c = m_text.at(m_pos++);
            if (c == u'"')
                return QJsonValue(out);
            if (c != u'\\') {
                out += c;
                continue;
            }
            if (m_pos >= m_text.size())
                break;
            const QChar e = m_text.at(m_pos++);
            switch (e.unicode()) {
            case 'n':
                out += u'\n';
                break;
            case 't':
                out += u'\t';
                break;
            case 'r':
                out += u'\r';
                break;
            case 'b':
                out += u'\b';
                break;
            case 'f':
                out += u'\f';
                break;
            case 'u': {
                bool ok = false;
                const ushort code = m_text.mid(m_pos, 4).toUShort(&ok, 16);
                if (!ok)
                    return error(u"bad \\u escape"_s);
                out += QChar(code);
                m_pos += 4;
                break;
            }
            default:
                out += e;
            }
        }
        return error(u"unterminated string"_s);
    }

    Result<QList<GraphQLField>> selectionSet()
    {
        if (!eat(u'{'))
            return error(u"expected '{'"_s);
        QList<GraphQLField> fields;
        while (!eat(u'}')) {
            if (m_pos >= m_text.size())
                return error(u"expected '}'"_s);
            if (skip(), m_text.mid(m_pos, 3) == u"..."_s) {
                m_pos += 3;
                const QString word = name();
                if (word == u"on"_s || word.isEmpty()) {
                    if (word == u"on"_s)
                        name();
                    directives();
                    auto inner = selectionSet();
                    if (!inner)
                        return inner;
                    fields += *inner;
                } else {
                    directives();
                }
                continue;
            }
            GraphQLField field;
            field.name = name();
            if (field.name.isEmpty())
                return error(u"expected a field name"_s);
            field.alias = field.name;
            if (eat(u':')) {
                field.name = name();
            }
            if (skip(), peek() == u'(') {
                auto args = arguments();
                if (!args)
                    return std::unexpected(args.error());
                field.arguments = *args;
            }
            directives();
            if (skip(), peek() == u'{') {
                auto inner = selectionSet();
                if (!inner)
                    return inner;
                field.selection = *inner;
            }
            fields.append(field);
        }
        return fields;
    }

    const QString &m_text;
    QJsonObject m_variables;
    qsizetype m_pos = 0;
};

} // namespace

Result<QList<GraphQLField>> readGraphQLOperation(const QString &document,
                                                 const QJsonObject &variables,
                                                 const QString &operationName)
{
    Reader reader(document, variables);
    return reader.operation(operationName);
}

} // namespace Casefile::Sandbox
