#include "core/analysis/analysisutil.h"
#include "core/analysis/markdown.h"

#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Casefile;

class TestMarkdown final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void render_data();
    void render();
    void hostile_data();
    void hostile();
    void hugeInput();
    void invalidUtf8();
    void escapeRoundTrip_data();
    void escapeRoundTrip();
};

void TestMarkdown::render_data()
{
    QTest::addColumn<QString>("markdown");
    QTest::addColumn<QString>("contains");
    QTest::newRow("heading") << u"### What we found"_s << u"<h3>What we found</h3>"_s;
    QTest::newRow("strong") << u"a **bold** b"_s << u"a <strong>bold</strong> b"_s;
    QTest::newRow("em") << u"an *emph* word"_s << u"an <em>emph</em> word"_s;
    QTest::newRow("nested") << u"**bold *and em* here**"_s
                            << u"<strong>bold <em>and em</em> here</strong>"_s;
    QTest::newRow("snake_case stays") << u"org_acme and tls_error"_s << u"org_acme and tls_error"_s;
    QTest::newRow("code") << u"set `request_timeout` now"_s << u"<code>request_timeout</code>"_s;
    QTest::newRow("code keeps html escaped") << u"`<b>`"_s << u"<code>&lt;b&gt;</code>"_s;
    QTest::newRow("list") << u"- one\n- two"_s << u"<ul>\n<li>one</li>\n<li>two</li>\n</ul>"_s;
    QTest::newRow("ordered") << u"1. one\n2. two"_s << u"<ol>\n<li>one</li>"_s;
    QTest::newRow("fence") << u"```json\n{\"a\": 1}\n```"_s
                           << u"<pre><code>{&quot;a&quot;: 1}\n</code></pre>"_s;
    QTest::newRow("link as text")
        << u"see [docs](https://example.com/x)"_s
        << u"see docs (<span class=\"link\">https://example.com/x</span>)"_s;
    QTest::newRow("escaped punctuation") << u"\\*not em\\*"_s << u"*not em*"_s;
    QTest::newRow("quote") << u"> quoted"_s << u"<blockquote>\n<p>quoted</p>\n</blockquote>"_s;
    QTest::newRow("paragraphs") << u"a\n\nb"_s << u"<p>a</p>\n<p>b</p>"_s;
}

void TestMarkdown::render()
{
    QFETCH(QString, markdown);
    QFETCH(QString, contains);
    const QString html = renderMarkdownToSafeHtml(markdown);
    QVERIFY2(html.contains(contains), qPrintable(html));
}

void TestMarkdown::hostile_data()
{
    QTest::addColumn<QString>("markdown");
    QTest::addColumn<QString>("forbidden");
    QTest::newRow("script") << u"<script>alert(1)</script>"_s << u"<script"_s;
    QTest::newRow("img onerror") << u"<img src=x onerror=alert(1)>"_s << u"<img"_s;
    QTest::newRow("markdown image") << u"![x](https://evil.example/p.png)"_s << u"<img"_s;
    QTest::newRow("image url not shown as resource")
        << u"![x](https://evil.example/p.png)"_s << u"src="_s;
    QTest::newRow("javascript link") << u"[click](javascript:alert(1))"_s << u"javascript:"_s;
    QTest::newRow("data link") << u"[click](data:text/html;base64,xx)"_s << u"data:"_s;
    QTest::newRow("no anchors at all") << u"[a](https://x.example)"_s << u"<a "_s;
    QTest::newRow("attribute breakout")
        << u"[a](https://x.example/\"onmouseover=\"x)"_s << u"\"onmouseover"_s;
    QTest::newRow("html in heading") << u"# <iframe src=x>"_s << u"<iframe"_s;
    QTest::newRow("html in code fence")
        << u"```\n</code></pre><script>x</script>\n```"_s << u"<script"_s;
    QTest::newRow("html in list") << u"- <style>body{}</style>"_s << u"<style"_s;
    QTest::newRow("entity smuggling") << u"&lt;script&gt;"_s << u"&lt;script&gt;<"_s;
    QTest::newRow("unbalanced emphasis") << u"***a **b *c"_s << u"<strong><em>"_s;
}

void TestMarkdown::hostile()
{
    QFETCH(QString, markdown);
    QFETCH(QString, forbidden);
    const QString html = renderMarkdownToSafeHtml(markdown);
    QVERIFY2(!html.contains(forbidden, Qt::CaseInsensitive), qPrintable(html));
    // every tag in the output is one of ours
    static const QRegularExpression tag(u"<(/?)([a-zA-Z0-9]+)"_s);
    static const QStringList allowed = {u"p"_s,   u"h1"_s,  u"h2"_s,     u"h3"_s, u"h4"_s,
                                        u"h5"_s,  u"h6"_s,  u"strong"_s, u"em"_s, u"code"_s,
                                        u"pre"_s, u"ul"_s,  u"ol"_s,     u"li"_s, u"blockquote"_s,
                                        u"hr"_s,  u"span"_s};
    auto it = tag.globalMatch(html);
    while (it.hasNext()) {
        const QString name = it.next().captured(2).toLower();
        QVERIFY2(allowed.contains(name), qPrintable(name + u" in "_s + html));
    }
}

void TestMarkdown::hugeInput()
{
    QString big;
    for (int i = 0; i < 20000; ++i)
        big += u"*a [b `c _d **e <f> "_s;
    big += QString(50000, u'[');
    big += QString(50000, u'`');
    const QString html = renderMarkdownToSafeHtml(big);
    QVERIFY(!html.isEmpty());
    QVERIFY(!html.contains(u"<f>"_s));
}

void TestMarkdown::invalidUtf8()
{
    const QByteArray bytes("ok \xff\xfe bad \xc3 <b>", 16);
    const QString text = QString::fromUtf8(bytes);
    const QString html = renderMarkdownToSafeHtml(text);
    QVERIFY(html.contains(u"ok"_s));
    QVERIFY(!html.contains(u"<b>"_s));
    QString lone;
    lone.append(QChar(0xD800));
    lone.append(u"x"_s);
    const QString html2 = renderMarkdownToSafeHtml(lone);
    QVERIFY(!html2.contains(QChar(0xD800)));
}

void TestMarkdown::escapeRoundTrip_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("html") << u"<script>alert(1)</script>"_s;
    QTest::newRow("markdown") << u"# not a heading *not em* [not](a link) `no code`"_s;
    QTest::newRow("list start") << u"- not a list"_s;
    QTest::newRow("numbered") << u"1. not a list"_s;
    QTest::newRow("newlines") << u"line\n# heading\n- item"_s;
}

void TestMarkdown::escapeRoundTrip()
{
    // untrusted text escaped into a reply renders as one plain paragraph
    QFETCH(QString, text);
    const QString html = renderMarkdownToSafeHtml(Analysis::escapeMarkdown(text));
    QVERIFY2(html.startsWith(u"<p>"_s), qPrintable(html));
    for (const QString &t :
         {u"<h1"_s, u"<em"_s, u"<code"_s, u"<li"_s, u"<script"_s, u"<ul"_s, u"<ol"_s})
        QVERIFY2(!html.contains(t), qPrintable(html));
}

QTEST_GUILESS_MAIN(TestMarkdown)
#include "tst_markdown.moc"
