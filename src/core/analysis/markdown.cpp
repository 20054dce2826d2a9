#include "core/analysis/markdown.h"

#include <QHash>
#include <QList>
#include <QStringList>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Casefile {

QString escapeHtml(QStringView text)
{
    QString out;
    out.reserve(text.size() + text.size() / 8);
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        switch (c.unicode()) {
        case u'&':
            out += u"&amp;"_s;
            break;
        case u'<':
            out += u"&lt;"_s;
            break;
        case u'>':
            out += u"&gt;"_s;
            break;
        case u'"':
            out += u"&quot;"_s;
            break;
        case u'\'':
            out += u"&#39;"_s;
            break;
        case 0:
            out += QChar(0xFFFD);
            break;
        default:
            if (c.isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
                out += c;
                out += text.at(++i);
            } else if (c.isSurrogate()) {
                out += QChar(0xFFFD); // broken UTF-16 from broken UTF-8
            } else {
                out += c;
            }
        }
    }
    return out;
}

QString safeHtmlToPlainText(const QString &html)
{
    static const QStringList blocks{u"p"_s,  u"h1"_s,    u"h2"_s,        u"h3"_s,  u"h4"_s,
                                    u"h5"_s, u"h6"_s,    u"li"_s,        u"pre"_s, u"blockquote"_s,
                                    u"br"_s, u"hr"_s,    u"ul"_s,        u"ol"_s,  u"div"_s,
                                    u"tr"_s, u"table"_s, u"code-block"_s};
    static const QHash<QString, QString> entities{{u"amp"_s, u"&"_s},  {u"lt"_s, u"<"_s},
                                                  {u"gt"_s, u">"_s},   {u"quot"_s, u"\""_s},
                                                  {u"apos"_s, u"'"_s}, {u"nbsp"_s, u" "_s}};
    QString text;
    text.reserve(html.size());
    const qsizetype n = html.size();
    bool inPre = false;
    for (qsizetype i = 0; i < n; ++i) {
        const QChar c = html.at(i);
        if (c == u'<') {
            const qsizetype end = html.indexOf(u'>', i + 1);
            if (end < 0)
                break;
            QString tag = html.mid(i + 1, end - i - 1).trimmed().toLower();
            const bool closing = tag.startsWith(u'/');
            if (closing)
                tag.remove(0, 1);
            tag = tag.section(u' ', 0, 0).remove(u'/');
            if (tag == u"pre"_s)
                inPre = !closing;
            if (blocks.contains(tag))
                text += u'\n';
            i = end;
            continue;
        }
        if (c == u'&') {
            const qsizetype end = html.indexOf(u';', i + 1);
            if (end > i && end - i <= 10) {
                const QString name = html.mid(i + 1, end - i - 1);
                if (name.startsWith(u'#')) {
                    bool ok = false;
                    const uint code = name.startsWith(u"#x"_s, Qt::CaseInsensitive)
                                          ? name.mid(2).toUInt(&ok, 16)
                                          : name.mid(1).toUInt(&ok, 10);
                    if (ok && code > 0 && code <= 0x10FFFF) {
                        const char32_t cp = code;
                        text += QString::fromUcs4(&cp, 1);
                        i = end;
                        continue;
                    }
                } else if (const auto it = entities.constFind(name); it != entities.cend()) {
                    text += *it;
                    i = end;
                    continue;
                }
            }
        }
        text += (c == u'\n' && !inPre) ? QChar(u' ') : c;
    }
    QStringList lines;
    for (const QString &line : text.split(u'\n')) {
        const QString t = line.simplified();
        if (!t.isEmpty())
            lines.append(t);
    }
    return lines.join(u'\n');
}

namespace {

constexpr int MaxDelimiters = 2000; // keeps pathological emphasis input linear

struct Token
{
    QString html;  // rendered text, or the literal delimiter run when unmatched
    QChar delim;   // '*' or '_' for a delimiter run, else null
    int count = 0; // 1 or 2
    bool canOpen = false;
    bool canClose = false;
};

// Closing markers are looked for only this far ahead, so input like "[[[[..." or "`a `b `c"
// stays linear.
constexpr qsizetype MaxLookahead = 4096;

qsizetype findAhead(QStringView text, QStringView what, qsizetype from)
{
    if (from >= text.size())
        return -1;
    const qsizetype found = text.mid(from, MaxLookahead).indexOf(what);
    return found < 0 ? -1 : from + found;
}

qsizetype findAhead(QStringView text, QChar what, qsizetype from)
{
    return findAhead(text, QStringView(&what, 1), from);
}

bool isAsciiPunct(QChar c)
{
    // CommonMark's escapable set: all ASCII punctuation and symbols (QChar::isPunct misses
    // '`', '<', '|', '~', ...)
    const char16_t u = c.unicode();
    return (u >= 0x21 && u <= 0x2F) || (u >= 0x3A && u <= 0x40) || (u >= 0x5B && u <= 0x60) ||
           (u >= 0x7B && u <= 0x7E);
}

bool isSchemeSafe(const QString &url)
{
    const QString u = url.trimmed().toLower();
    return u.startsWith(u"http://") || u.startsWith(u"https://") || u.startsWith(u"mailto:");
}

// Inline Markdown of one paragraph/heading/list item to HTML.
QString renderInline(QStringView text, int depth = 0)
{
    QList<Token> tokens;
    QString plain;
    const auto flushPlain = [&] {
        if (!plain.isEmpty()) {
            tokens.append(Token{escapeHtml(plain), {}, 0, false, false});
            plain.clear();
        }
    };
    int delimiters = 0;
    const qsizetype n = text.size();
    for (qsizetype i = 0; i < n; ++i) {
        const QChar c = text.at(i);
        if (c == u'\\' && i + 1 < n && isAsciiPunct(text.at(i + 1))) {
            plain += text.at(++i);
            continue;
        }
        if (c == u'`') {
            qsizetype run = 1;
            while (i + run < n && text.at(i + run) == u'`')
                ++run;
            const QString fence(run, u'`');
            const qsizetype close = findAhead(text, fence, i + run);
            if (close > 0) {
                flushPlain();
                QStringView code = text.mid(i + run, close - i - run);
                if (code.size() > 2 && code.startsWith(u' ') && code.endsWith(u' '))
                    code = code.mid(1, code.size() - 2);
                tokens.append(
                    Token{u"<code>"_s + escapeHtml(code) + u"</code>"_s, {}, 0, false, false});
                i = close + run - 1;
            } else {
                plain += fence;
                i += run - 1;
            }
            continue;
        }
        if ((c == u'[' || (c == u'!' && i + 1 < n && text.at(i + 1) == u'[')) && depth < 2) {
            const bool image = c == u'!';
            const qsizetype open = image ? i + 1 : i;
            const qsizetype close = findAhead(text, u']', open + 1);
            if (close > 0 && close + 1 < n && text.at(close + 1) == u'(') {
                const qsizetype end = findAhead(text, u')', close + 2);
                if (end > 0) {
                    flushPlain();
                    const QStringView label = text.mid(open + 1, close - open - 1);
                    const QString url = text.mid(close + 2, end - close - 2).trimmed().toString();
                    QString html;
                    if (image) {
                        html = u"[image: "_s + escapeHtml(label) + u']';
                    } else {
                        html = renderInline(label, depth + 1);
                        // the address is shown, never followed by the renderer
                        if (isSchemeSafe(url) && url != label)
                            html += u" (<span class=\"link\">"_s + escapeHtml(url) + u"</span>)"_s;
                    }
                    tokens.append(Token{html, {}, 0, false, false});
                    i = end;
                    continue;
                }
            }
        }
        if ((c == u'*' || c == u'_') && delimiters < MaxDelimiters) {
            qsizetype run = 1;
            while (i + run < n && text.at(i + run) == c)
                ++run;
            const QChar before = i > 0 ? text.at(i - 1) : u' ';
            const QChar after = i + run < n ? text.at(i + run) : u' ';
            const bool leftFlanking = !after.isSpace();
            const bool rightFlanking = !before.isSpace();
            bool canOpen = leftFlanking;
            bool canClose = rightFlanking;
            if (c == u'_') { // intraword underscores (snake_case) are text
                canOpen = canOpen && !before.isLetterOrNumber();
                canClose = canClose && !after.isLetterOrNumber();
            }
            if (run <= 2 && (canOpen || canClose)) {
                flushPlain();
                tokens.append(Token{QString(run, c), c, int(run), canOpen, canClose});
                ++delimiters;
            } else {
                plain += QString(run, c);
            }
            i += run - 1;
            continue;
        }
        plain += c;
    }
    flushPlain();

    // match closers with the nearest compatible opener; openers in between stay literal, so
    // the output is always well nested
    QList<int> stack;
    QList<QString> openTag(tokens.size());
    QList<QString> closeTag(tokens.size());
    for (int i = 0; i < tokens.size(); ++i) {
        const Token &t = tokens.at(i);
        if (t.delim.isNull())
            continue;
        if (t.canClose) {
            int found = -1;
            for (int s = int(stack.size()) - 1; s >= 0 && s >= int(stack.size()) - 64; --s) {
                const Token &o = tokens.at(stack.at(s));
                if (o.delim == t.delim && o.count == t.count) {
                    found = s;
                    break;
                }
            }
            if (found >= 0) {
                const int opener = stack.at(found);
                const QString tag = t.count == 2 ? u"strong"_s : u"em"_s;
                openTag[opener] = u'<' + tag + u'>';
                closeTag[i] = u"</"_s + tag + u'>';
                stack.resize(found);
                continue;
            }
        }
        if (t.canOpen)
            stack.append(i);
    }
    QString out;
    for (int i = 0; i < tokens.size(); ++i) {
        if (!openTag.at(i).isEmpty())
            out += openTag.at(i);
        else if (!closeTag.at(i).isEmpty())
            out += closeTag.at(i);
        else
            out += tokens.at(i).delim.isNull() ? tokens.at(i).html : escapeHtml(tokens.at(i).html);
    }
    return out;
}

bool isRule(QStringView line)
{
    const QString t = line.trimmed().toString().remove(u' ');
    if (t.size() < 3)
        return false;
    const QChar c = t.at(0);
    return (c == u'-' || c == u'*' || c == u'_') && t.count(c) == t.size();
}

int headingLevel(QStringView line)
{
    int level = 0;
    while (level < line.size() && line.at(level) == u'#')
        ++level;
    if (level == 0 || level > 6)
        return 0;
    return (level == line.size() || line.at(level) == u' ') ? level : 0;
}

// "- item", "* item", "+ item" -> 1; "12. item" / "12) item" -> 2; else 0. `content` gets
// the item text.
int listItem(QStringView line, QStringView &content)
{
    const QStringView t = line.trimmed();
    if (t.size() >= 2 && (t.at(0) == u'-' || t.at(0) == u'*' || t.at(0) == u'+') &&
        t.at(1) == u' ') {
        content = t.mid(2);
        return 1;
    }
    qsizetype d = 0;
    while (d < t.size() && d < 9 && t.at(d).isDigit())
        ++d;
    if (d > 0 && d + 1 < t.size() && (t.at(d) == u'.' || t.at(d) == u')') && t.at(d + 1) == u' ') {
        content = t.mid(d + 2);
        return 2;
    }
    return 0;
}

} // namespace

QString renderMarkdownToSafeHtml(const QString &markdown)
{
    QString source = markdown;
    source.replace(u"\r\n"_s, u"\n"_s);
    source.replace(u'\r', u'\n');
    const QStringList lines = source.split(u'\n');
    QString out;
    QStringList paragraph;
    int listKind = 0; // 0 none, 1 ul, 2 ol
    bool inQuote = false;

    const auto closeParagraph = [&] {
        if (!paragraph.isEmpty()) {
            out += u"<p>"_s + renderInline(paragraph.join(u'\n')) + u"</p>\n"_s;
            paragraph.clear();
        }
    };
    const auto closeList = [&] {
        if (listKind == 1)
            out += u"</ul>\n"_s;
        else if (listKind == 2)
            out += u"</ol>\n"_s;
        listKind = 0;
    };
    const auto closeQuote = [&] {
        if (inQuote) {
            closeParagraph();
            out += u"</blockquote>\n"_s;
            inQuote = false;
        }
    };

    for (qsizetype li = 0; li < lines.size(); ++li) {
        QStringView line = lines.at(li);
        const QStringView trimmed = line.trimmed();
        if (trimmed.startsWith(u"```") || trimmed.startsWith(u"~~~")) {
            closeParagraph();
            closeList();
            closeQuote();
            const QString fence = trimmed.left(3).toString();
            QString code;
            ++li;
            while (li < lines.size() && !QStringView(lines.at(li)).trimmed().startsWith(fence)) {
                code += lines.at(li) + u'\n';
                ++li;
            }
            out += u"<pre><code>"_s + escapeHtml(code) + u"</code></pre>\n"_s;
            continue;
        }
        if (trimmed.isEmpty()) {
            closeParagraph();
            closeList();
            closeQuote();
            continue;
        }
        if (trimmed.startsWith(u'>')) {
            closeList();
            if (!inQuote) {
                closeParagraph();
                out += u"<blockquote>\n"_s;
                inQuote = true;
            }
            QStringView rest = trimmed.mid(1);
            if (rest.startsWith(u' '))
                rest = rest.mid(1);
            paragraph.append(rest.toString());
            continue;
        }
        closeQuote();
        if (const int level = headingLevel(trimmed)) {
            closeParagraph();
            closeList();
            const QString tag = u'h' + QString::number(level);
            out += u'<' + tag + u'>' + renderInline(trimmed.mid(level).trimmed()) + u"</"_s + tag +
                   u">\n"_s;
            continue;
        }
        if (isRule(trimmed) && paragraph.isEmpty()) {
            closeList();
            out += u"<hr/>\n"_s;
            continue;
        }
        QStringView content;
        if (const int kind = listItem(line, content)) {
            closeParagraph();
            if (kind != listKind) {
                closeList();
                out += kind == 1 ? u"<ul>\n"_s : u"<ol>\n"_s;
                listKind = kind;
            }
            out += u"<li>"_s + renderInline(content) + u"</li>\n"_s;
            continue;
        }
        if (listKind != 0 && (line.startsWith(u"  ") || line.startsWith(u'\t'))) {
            // continuation of the last item: append into it
            const qsizetype at = out.lastIndexOf(u"</li>\n"_s);
            if (at >= 0) {
                out.insert(at, u' ' + renderInline(trimmed));
                continue;
            }
        }
        closeList();
        paragraph.append(trimmed.toString());
    }
    closeParagraph();
    closeList();
    closeQuote();
    return out;
}

} // namespace Casefile
