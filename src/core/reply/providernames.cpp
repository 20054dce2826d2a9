#include "core/reply/providernames.h"

#include <QHash>
#include <QRegularExpression>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace Casefile::Reply {

namespace {

// The provider ids of the gateway, the status pages and the ticket parser, as people write
// them (data table).
const QHash<QString, QString> &displayNames()
{
    static const QHash<QString, QString> names{
        {u"openai"_s, u"OpenAI"_s},
        {u"anthropic"_s, u"Anthropic"_s},
        {u"google"_s, u"Google"_s},
        {u"vertex-ai"_s, u"Google Vertex AI"_s},
        {u"mistral"_s, u"Mistral"_s},
        {u"mistral-ai"_s, u"Mistral"_s},
        {u"cohere"_s, u"Cohere"_s},
        {u"azure-openai"_s, u"Azure OpenAI"_s},
        {u"bedrock"_s, u"AWS Bedrock"_s},
        {u"groq"_s, u"Groq"_s},
        {u"deepseek"_s, u"DeepSeek"_s},
        {u"together-ai"_s, u"Together AI"_s},
        {u"perplexity-ai"_s, u"Perplexity"_s},
        {u"fireworks-ai"_s, u"Fireworks AI"_s},
    };
    return names;
}

const QRegularExpression &providerWord()
{
    static const QRegularExpression re = [] {
        QStringList ids = displayNames().keys();
        // The longest first, so that "azure-openai" is one word, not "azure-" and "openai".
        std::sort(ids.begin(), ids.end(), [](const QString &a, const QString &b) {
            return a.size() != b.size() ? a.size() > b.size() : a < b;
        });
        for (QString &id : ids)
            id = QRegularExpression::escape(id);
        return QRegularExpression(u"(?<![\\w/:.@`'-])("_s + ids.join(u'|') +
                                  u")(?![\\w/:@`'-]|\\.\\w)"_s);
    }();
    return re;
}

} // namespace

QString providerDisplayName(const QString &id)
{
    return displayNames().value(id, id);
}

QString withProviderNames(const QString &text)
{
    QString out;
    qsizetype at = 0;
    for (auto it = providerWord().globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        out += QStringView(text).mid(at, m.capturedStart(1) - at);
        out += providerDisplayName(m.captured(1));
        at = m.capturedEnd(1);
    }
    out += QStringView(text).mid(at);
    return out;
}

} // namespace Casefile::Reply
