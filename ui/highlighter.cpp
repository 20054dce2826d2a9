#include "ui/highlighter.h"

#include <QTextDocument>

#ifdef CASEFILE_HAVE_KSYNTAXHIGHLIGHTING
#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/SyntaxHighlighter>
#include <KSyntaxHighlighting/Theme>
#endif

using namespace Qt::StringLiterals;

namespace Casefile {

static QTextCharFormat colored(QColor color, bool bold = false, bool italic = false)
{
    QTextCharFormat f;
    f.setForeground(color);
    if (bold)
        f.setFontWeight(QFont::Bold);
    f.setFontItalic(italic);
    return f;
}

JsonHighlighter::JsonHighlighter(QTextDocument *document)
    : QSyntaxHighlighter(document)
    , m_key(uR"("(?:[^"\\]|\\.)*"(?=\s*:))"_s)
    , m_string(uR"("(?:[^"\\]|\\.)*")"_s)
    , m_number(uR"(-?\b\d+(?:\.\d+)?(?:[eE][+-]?\d+)?\b)"_s)
    , m_literal(uR"(\b(?:true|false|null)\b)"_s)
    , m_keyFormat(colored(QColor(0x1f, 0x5f, 0xa8), true))
    , m_stringFormat(colored(QColor(0x2e, 0x7d, 0x32)))
    , m_numberFormat(colored(QColor(0xad, 0x14, 0x57)))
    , m_literalFormat(colored(QColor(0x6a, 0x1b, 0x9a), true))
{}

void JsonHighlighter::highlightBlock(const QString &text)
{
    const auto apply = [&](const QRegularExpression &re, const QTextCharFormat &format) {
        for (auto it = re.globalMatch(text); it.hasNext();) {
            const auto m = it.next();
            setFormat(int(m.capturedStart()), int(m.capturedLength()), format);
        }
    };
    apply(m_number, m_numberFormat);
    apply(m_literal, m_literalFormat);
    // Strings last: a number inside a string is part of the string.
    apply(m_string, m_stringFormat);
    apply(m_key, m_keyFormat);
}

SqlHighlighter::SqlHighlighter(QTextDocument *document)
    : QSyntaxHighlighter(document)
    , m_keyword(
          uR"(\b(?:SELECT|FROM|WHERE|AND|OR|NOT|GROUP|BY|ORDER|HAVING|LIMIT|AS|ON|JOIN|LEFT|RIGHT|INNER|OUTER|IN|IS|NULL|COUNT|SUM|AVG|MIN|MAX|CASE|WHEN|THEN|ELSE|END|SETTINGS|WITH|DISTINCT|BETWEEN|LIKE|UNION|ALL|DESC|ASC|FORMAT)\b)"_s,
          QRegularExpression::CaseInsensitiveOption)
    , m_string(uR"('(?:[^'\\]|\\.)*')"_s)
    , m_number(uR"(\b\d+(?:\.\d+)?\b)"_s)
    , m_comment(uR"(--[^\n]*)"_s)
    , m_keywordFormat(colored(QColor(0x1f, 0x5f, 0xa8), true))
    , m_stringFormat(colored(QColor(0x2e, 0x7d, 0x32)))
    , m_numberFormat(colored(QColor(0xad, 0x14, 0x57)))
    , m_commentFormat(colored(QColor(0x75, 0x75, 0x75), false, true))
{}

void SqlHighlighter::highlightBlock(const QString &text)
{
    const auto apply = [&](const QRegularExpression &re, const QTextCharFormat &format) {
        for (auto it = re.globalMatch(text); it.hasNext();) {
            const auto m = it.next();
            setFormat(int(m.capturedStart()), int(m.capturedLength()), format);
        }
    };
    apply(m_keyword, m_keywordFormat);
    apply(m_number, m_numberFormat);
    apply(m_string, m_stringFormat);
    apply(m_comment, m_commentFormat);
}

void attachHighlighter(QTextDocument *document, const QString &language)
{
    if (!document)
        return;
#ifdef CASEFILE_HAVE_KSYNTAXHIGHLIGHTING
    static KSyntaxHighlighting::Repository repository;
    const auto definition = repository.definitionForName(language);
    if (definition.isValid()) {
        auto *highlighter = new KSyntaxHighlighting::SyntaxHighlighter(document);
        highlighter->setTheme(repository.defaultTheme(KSyntaxHighlighting::Repository::LightTheme));
        highlighter->setDefinition(definition);
        return;
    }
#endif
    if (language.compare("SQL"_L1, Qt::CaseInsensitive) == 0)
        new SqlHighlighter(document);
    else
        new JsonHighlighter(document);
}

} // namespace Casefile
