#include "connectors/clickhouse/clickhousesql.h"

#include <QRegularExpression>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Casefile::Connectors {

namespace ClickHouseSql {

namespace {
void appendHex(QString &out, char16_t c)
{
    out += u"\\x"_s + QString::number(int(c), 16).rightJustified(2, u'0').toUpper();
}
} // namespace

QString quote(const QString &value)
{
    // A literal is the escaped value between single quotes; the escapes are the same as for
    // a server-side parameter value.
    return u'\'' + escapeParameterValue(value) + u'\'';
}

QString escapeParameterValue(const QString &value)
{
    QString out;
    out.reserve(value.size());
    for (const QChar qc : value) {
        const char16_t c = qc.unicode();
        switch (c) {
        case u'\\':
            out += u"\\\\"_s;
            break;
        case u'\n':
            out += u"\\n"_s;
            break;
        case u'\r':
            out += u"\\r"_s;
            break;
        case u'\t':
            out += u"\\t"_s;
            break;
        case u'\0':
            out += u"\\0"_s;
            break;
        case u'\b':
            out += u"\\b"_s;
            break;
        case u'\f':
            out += u"\\f"_s;
            break;
        case u'\'':
            out += u"\\'"_s;
            break;
        default:
            if (c < 0x20 || c == 0x7F)
                appendHex(out, c);
            else
                out += qc;
        }
    }
    return out;
}

bool isIdentifier(const QString &text)
{
    static const QRegularExpression re(u"^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?$"_s);
    return re.match(text).hasMatch();
}

bool isSafeExpression(const QString &text)
{
    static const QRegularExpression allowed(u"^[A-Za-z0-9_ .,()+\\-*/]+$"_s);
    static const QRegularExpression keywords(
        u"\\b(select|from|union|insert|alter|drop|create|attach|detach|kill|system|optimize|"
        u"truncate|rename|grant|revoke|set|format|settings|into|with)\\b"_s,
        QRegularExpression::CaseInsensitiveOption);
    if (text.trimmed().isEmpty() || text.size() > 500 || !allowed.match(text).hasMatch())
        return false;
    if (text.contains(u"--"_s) || text.contains(u"/*"_s) || text.contains(u"*/"_s))
        return false;
    if (keywords.match(text).hasMatch())
        return false;
    int depth = 0;
    for (const QChar c : text) {
        depth += c == u'(' ? 1 : c == u')' ? -1 : 0;
        if (depth < 0)
            return false;
    }
    return depth == 0;
}

} // namespace ClickHouseSql

QString SqlBuilder::string(const QString &value)
{
    if (!m_useParameters)
        return ClickHouseSql::quote(value);
    const QString name = u"p%1"_s.arg(m_parameters.size() + 1);
    m_parameters.append({name, ClickHouseSql::escapeParameterValue(value)});
    return u"{%1:String}"_s.arg(name);
}

QString SqlBuilder::time(const QDateTime &time)
{
    return u"toDateTime(%1)"_s.arg(time.toSecsSinceEpoch());
}

namespace {
// The parts of a key expression at top-level commas: "org_id, ts, cityHash64(a, b)" →
// ["org_id", "ts", "cityHash64(a, b)"]; a whole key in brackets ("(org_id, ts)") is opened.
QStringList splitKey(QString key)
{
    key = key.trimmed();
    if (key.startsWith(u'(') && key.endsWith(u')')) {
        int depth = 0;
        bool wraps = true;
        for (qsizetype i = 0; i < key.size() - 1; ++i) {
            depth += key.at(i) == u'(' ? 1 : key.at(i) == u')' ? -1 : 0;
            if (depth == 0) {
                wraps = false;
                break;
            }
        }
        if (wraps)
            key = key.mid(1, key.size() - 2);
    }
    QStringList parts;
    QString current;
    int depth = 0;
    for (const QChar c : key) {
        depth += c == u'(' ? 1 : c == u')' ? -1 : 0;
        if (c == u',' && depth == 0) {
            parts << current.trimmed();
            current.clear();
        } else {
            current += c;
        }
    }
    if (!current.trimmed().isEmpty())
        parts << current.trimmed();
    return parts;
}

// A mapped field as the server writes it: the mapping parenthesises expressions.
QString bare(QString field)
{
    if (field.startsWith(u'(') && field.endsWith(u')'))
        field = field.mid(1, field.size() - 2);
    return field.trimmed();
}

// The column name of a mapped field ("logs.ts" → "ts"); empty for an expression.
QString columnName(const QString &field)
{
    const QString b = bare(field);
    if (!ClickHouseSql::isIdentifier(b))
        return {};
    return b.contains(u'.') ? b.section(u'.', 1) : b;
}
} // namespace

bool TableLayout::isMergeTree() const
{
    return known && engine.contains(u"MergeTree"_s);
}

QStringList TableLayout::sortingColumns() const
{
    return splitKey(sortingKey);
}

bool TableLayout::sortedByOrgThenTime(const QString &org, const QString &ts) const
{
    const QStringList key = sortingColumns();
    return key.size() >= 2 && key.at(0) == bare(org) && key.at(1) == bare(ts);
}

bool TableLayout::isStoredColumn(const QString &sql) const
{
    const QString column = columnName(sql);
    return !column.isEmpty() && columns.contains(column);
}

bool TableLayout::isKeyColumn(const QString &sql) const
{
    static const QRegularExpression identifier(u"[A-Za-z_][A-Za-z0-9_]*"_s);
    const QString column = columnName(sql);
    if (column.isEmpty() || !columns.contains(column))
        return false;
    for (const QString &key : {sortingKey, partitionKey}) {
        for (auto it = identifier.globalMatch(key); it.hasNext();) {
            if (it.next().captured() == column)
                return true;
        }
    }
    return false;
}

QString TableLayout::partitionDateColumn(const QString &ts) const
{
    static const QRegularExpression identifier(u"[A-Za-z_][A-Za-z0-9_]*"_s);
    const QString tsColumn = columnName(ts);
    QString found;
    for (auto it = identifier.globalMatch(partitionKey); it.hasNext();) {
        const QString name = it.next().captured();
        if (name == tsColumn)
            return {}; // the partition key follows ts: its bounds already skip partitions
        if (found.isEmpty() && columns.value(name) == u"Date"_s)
            found = name;
    }
    return found;
}

QString TableLayout::orgQueryNote(const QString &table, const QString &org, const QString &ts) const
{
    if (!isMergeTree() || sortedByOrgThenTime(org, ts))
        return {};
    const QString key = sortingKey.isEmpty() ? u"nothing"_s : u"(%1)"_s.arg(sortingKey);
    return u"Table %1 is sorted by %2, so a query for one organisation reads more than that "
           u"organisation's rows in the window; ORDER BY (%3, %4) keeps it to them (see the "
           u"ClickHouse table layout guide)"_s.arg(table, key, bare(org), bare(ts));
}

QString WindowConditions::clauses(const TableLayout &layout) const
{
    QStringList prewhere;
    QStringList where;
    for (const auto &[field, sql] : conditions) {
        if (layout.isMergeTree() && layout.isKeyColumn(field))
            prewhere << sql;
        else
            where << sql;
    }
    QString out;
    if (!prewhere.isEmpty())
        out += u" PREWHERE "_s + prewhere.join(u" AND "_s);
    if (!where.isEmpty())
        out += u" WHERE "_s + where.join(u" AND "_s);
    return out;
}

namespace ClickHouseSql {

QStringList timeBounds(const QString &ts, const QDateTime &from, const QDateTime &to)
{
    return {ts + u" >= "_s + SqlBuilder::time(from), ts + u" < "_s + SqlBuilder::time(to)};
}

QStringList dateBounds(const QString &column, const QDateTime &from, const QDateTime &to)
{
    // Which day a second falls on depends on the time zone the Date column was filled in (the
    // server's, the writer's): a day of slack on each side keeps every row of the window.
    const qint64 last = std::max(from.toSecsSinceEpoch(), to.toSecsSinceEpoch() - 1);
    return {column + u" >= subtractDays(toDate("_s + SqlBuilder::time(from) + u"), 1)"_s,
            column + u" <= addDays(toDate(toDateTime(%1)), 1)"_s.arg(last)};
}

QString sampleClause(const TableLayout &layout, qint64 rows)
{
    if (!layout.canSample() || rows <= 0)
        return {};
    return u" SAMPLE %1"_s.arg(rows);
}

QString fittingBucket(const QString &countLabels, qint64 windowSeconds, const QList<int> &steps,
                      int rowLimit)
{
    QStringList candidates;
    for (int step : steps)
        candidates.append(QString::number(step));
    // A window of w seconds not aligned to the bucket touches intDiv(w, s) + 1 buckets.
    const QString window = QString::number(std::max<qint64>(windowSeconds, 1));
    return u"WITH "_s + countLabels + u" AS cf_labels, arrayFirst(s -> (intDiv("_s + window +
           u", s) + 1) * cf_labels <= "_s + QString::number(rowLimit) + u", ["_s +
           candidates.join(u", "_s) + u"]) AS cf_fit, if(cf_fit = 0, "_s +
           QString::number(std::max<qint64>(windowSeconds, 1) + 1) + u", cf_fit) AS cf_bucket "_s;
}

} // namespace ClickHouseSql

namespace {
const QStringList &gatewayFields()
{
    static const QStringList f = {u"ts"_s,
                                  u"request_id"_s,
                                  u"trace_id"_s,
                                  u"org_id"_s,
                                  u"api_key_id"_s,
                                  u"config_id"_s,
                                  u"route"_s,
                                  u"provider"_s,
                                  u"model"_s,
                                  u"status"_s,
                                  u"error_code"_s,
                                  u"latency_ms"_s,
                                  u"provider_latency_ms"_s,
                                  u"attempts"_s,
                                  u"fallback_used"_s,
                                  u"cache_status"_s,
                                  u"prompt_tokens"_s,
                                  u"completion_tokens"_s,
                                  u"cached_tokens"_s,
                                  u"cost_usd"_s,
                                  u"sdk"_s,
                                  u"metadata"_s};
    return f;
}
const QStringList &webhookFields()
{
    static const QStringList f = {u"ts"_s,       u"delivery_id"_s, u"org_id"_s,
                                  u"endpoint"_s, u"event"_s,       u"status"_s,
                                  u"error"_s,    u"attempt"_s,     u"latency_ms"_s};
    return f;
}
} // namespace

FieldMapping::FieldMapping()
{
    const QString g = QLatin1StringView(GatewayRequests);
    const QString w = QLatin1StringView(WebhookDeliveries);
    m_tables.insert(g, g);
    m_tables.insert(w, w);
    for (const QString &f : gatewayFields())
        m_fields.insert(g + u'.' + f, f);
    for (const QString &f : webhookFields())
        m_fields.insert(w + u'.' + f, f);
}

const QStringList &FieldMapping::optionalFields()
{
    static const QStringList f = {u"ttft_ms"_s};
    return f;
}

QStringList FieldMapping::fields(const QString &logicalTable)
{
    return logicalTable == QLatin1StringView(WebhookDeliveries) ? webhookFields() : gatewayFields();
}

Result<FieldMapping> FieldMapping::fromJson(const QJsonObject &mapping)
{
    FieldMapping m;
    const QString g = QLatin1StringView(GatewayRequests);
    const QString w = QLatin1StringView(WebhookDeliveries);
    for (auto it = mapping.begin(); it != mapping.end(); ++it) {
        const QString key = it.key();
        const QString value = it.value().toString().trimmed();
        if (key == g || key == w) {
            if (!ClickHouseSql::isIdentifier(value)) {
                return fail(
                    Error::Code::InvalidInput,
                    u"ClickHouse mapping: table \"%1\" must be a table name (db.table), not \"%2\""_s
                        .arg(key, value));
            }
            m.m_tables.insert(key, value);
            continue;
        }
        QString table;
        QString field = key;
        if (key.contains(u'.')) {
            table = key.section(u'.', 0, 0);
            field = key.section(u'.', 1);
        }
        // the optional fields of the schema may be mapped too (readers accept their absence)
        const bool inGateway =
            gatewayFields().contains(field) || FieldMapping::optionalFields().contains(field);
        const bool inWebhook = webhookFields().contains(field);
        if ((table.isEmpty() && !inGateway && !inWebhook) || (table == g && !inGateway) ||
            (table == w && !inWebhook) || (!table.isEmpty() && table != g && table != w)) {
            return fail(
                Error::Code::InvalidInput,
                u"ClickHouse mapping: \"%1\" is not a logical field of the request-log schema"_s
                    .arg(key));
        }
        if (!ClickHouseSql::isSafeExpression(value)) {
            return fail(
                Error::Code::InvalidInput,
                u"ClickHouse mapping: \"%1\" must be a column or a simple expression, not \"%2\""_s
                    .arg(key, value));
        }
        const QString sql = ClickHouseSql::isIdentifier(value) ? value : u"("_s + value + u")"_s;
        if (table.isEmpty()) {
            m.m_fields.insert((inGateway ? g : w) + u'.' + field, sql);
        } else {
            m.m_fields.insert(table + u'.' + field, sql);
        }
    }
    return m;
}

QString FieldMapping::table(const QString &logicalTable) const
{
    return m_tables.value(logicalTable, logicalTable);
}

QString FieldMapping::field(const QString &logicalTable, const QString &logicalField) const
{
    return m_fields.value(logicalTable + u'.' + logicalField, logicalField);
}

} // namespace Casefile::Connectors
