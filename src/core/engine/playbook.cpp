#include "core/engine/playbook.h"

#include "core/analysis/analyzers.h"
#include "core/engine/jsonlocator.h"
#include "core/operations.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>

#include <nlohmann/json.hpp>

#include <cctype>
#include <functional>

using namespace Qt::StringLiterals;
using Json = nlohmann::json;

namespace Casefile {

QString PlaybookDiagnostic::toString() const
{
    QString out = file;
    if (line > 0)
        out += u':' + QString::number(line) + u':' + QString::number(column);
    out += u": "_s;
    if (!jsonPath.isEmpty())
        out += jsonPath + u": "_s;
    return out + message;
}

const PlaybookStep *Playbook::step(const QString &id) const
{
    for (const PlaybookStep &s : steps) {
        if (s.id == id)
            return &s;
    }
    return nullptr;
}

const QStringList &knownTemplateNames()
{
    static const QStringList names{u"org"_s,
                                   u"org_name"_s,
                                   u"window.from"_s,
                                   u"window.to"_s,
                                   u"anchor"_s,
                                   u"provider"_s,
                                   u"model"_s,
                                   u"route"_s,
                                   u"endpoint"_s,
                                   u"sdk"_s,
                                   u"keywords"_s,
                                   u"ticket.id"_s,
                                   u"ticket.subject"_s,
                                   u"ticket.requester_domain"_s,
                                   u"ticket.org"_s};
    return names;
}

namespace {

const QRegularExpression &templatePattern()
{
    static const QRegularExpression re(u"\\{\\{\\s*([A-Za-z0-9_.\\-]+)\\s*\\}\\}"_s);
    return re;
}

const QRegularExpression &wholeTemplatePattern()
{
    static const QRegularExpression re(u"^\\{\\{\\s*([A-Za-z0-9_.\\-]+)\\s*\\}\\}$"_s);
    return re;
}

QString templateText(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::String:
        return v.toString();
    case QJsonValue::Double: {
        const double d = v.toDouble();
        return d == static_cast<double>(static_cast<qint64>(d)) ? QString::number(qint64(d))
                                                                : QString::number(d);
    }
    case QJsonValue::Bool:
        return v.toBool() ? u"true"_s : u"false"_s;
    case QJsonValue::Array: {
        QStringList parts;
        for (const QJsonValue &item : v.toArray())
            parts.append(templateText(item));
        return parts.join(u' ');
    }
    default:
        return {};
    }
}

void collectTemplateNames(const QJsonValue &value, QStringList *out)
{
    if (value.isString()) {
        auto it = templatePattern().globalMatch(value.toString());
        while (it.hasNext())
            out->append(it.next().captured(1));
    } else if (value.isArray()) {
        for (const QJsonValue &item : value.toArray())
            collectTemplateNames(item, out);
    } else if (value.isObject()) {
        const QJsonObject o = value.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            collectTemplateNames(it.value(), out);
    }
}

QJsonValue toQJson(const Json &j)
{
    switch (j.type()) {
    case Json::value_t::null:
        return QJsonValue(QJsonValue::Null);
    case Json::value_t::boolean:
        return j.get<bool>();
    case Json::value_t::number_integer:
        return static_cast<qint64>(j.get<std::int64_t>());
    case Json::value_t::number_unsigned:
        return static_cast<double>(j.get<std::uint64_t>());
    case Json::value_t::number_float:
        return j.get<double>();
    case Json::value_t::string:
        return QString::fromStdString(j.get<std::string>());
    case Json::value_t::array: {
        QJsonArray a;
        for (const Json &item : j)
            a.append(toQJson(item));
        return a;
    }
    case Json::value_t::object: {
        QJsonObject o;
        for (auto it = j.begin(); it != j.end(); ++it)
            o.insert(QString::fromStdString(it.key()), toQJson(it.value()));
        return o;
    }
    default:
        return QJsonValue(QJsonValue::Null);
    }
}

QString str(const std::string &s)
{
    return QString::fromStdString(s);
}

// Collects diagnostics for one file, locating JSON paths in its text.
class Checker
{
public:
    Checker(const QByteArray &text, const QString &file)
        : m_locator(text)
        , m_file(file)
    {}

    void error(const QString &path, const QString &message)
    {
        const JsonLocator::Position p = m_locator.find(path);
        m_diagnostics.append(PlaybookDiagnostic{m_file, p.line, p.column, path, message});
    }

    // Typed accessors: report a type error and return the fallback.
    std::optional<QString> string(const Json &obj, const char *key, const QString &path,
                                  bool required)
    {
        if (!obj.contains(key)) {
            if (required)
                error(path, u"missing required field '%1'"_s.arg(QLatin1StringView(key)));
            return std::nullopt;
        }
        const Json &v = obj.at(key);
        if (!v.is_string()) {
            error(path + u'.' + QLatin1StringView(key), u"must be a string"_s);
            return std::nullopt;
        }
        return str(v.get<std::string>());
    }

    QStringList stringList(const Json &obj, const char *key, const QString &path)
    {
        QStringList out;
        if (!obj.contains(key))
            return out;
        const Json &v = obj.at(key);
        const QString here = path + u'.' + QLatin1StringView(key);
        if (!v.is_array()) {
            error(here, u"must be an array of strings"_s);
            return out;
        }
        int i = 0;
        for (const Json &item : v) {
            if (!item.is_string())
                error(here + u'[' + QString::number(i) + u']', u"must be a string"_s);
            else
                out.append(str(item.get<std::string>()));
            ++i;
        }
        return out;
    }

    std::optional<double> number(const Json &obj, const char *key, const QString &path, double min,
                                 double max, bool integer)
    {
        if (!obj.contains(key))
            return std::nullopt;
        const Json &v = obj.at(key);
        const QString here = path + u'.' + QLatin1StringView(key);
        if (!v.is_number() || (integer && !v.is_number_integer())) {
            error(here, integer ? u"must be a whole number"_s : u"must be a number"_s);
            return std::nullopt;
        }
        const double d = v.get<double>();
        if (d < min || d > max) {
            error(here, u"%1 is out of range (%2 to %3)"_s.arg(
                            QString::number(d), QString::number(min), QString::number(max)));
            return std::nullopt;
        }
        return d;
    }

    void unknownKeys(const Json &obj, const QString &path,
                     std::initializer_list<const char *> known)
    {
        for (auto it = obj.begin(); it != obj.end(); ++it) {
            const std::string &k = it.key();
            if (!k.empty() && (k.front() == '_' || k.rfind("x-", 0) == 0))
                continue; // comments and extensions
            bool ok = false;
            for (const char *name : known)
                ok = ok || k == name;
            if (!ok)
                error(path + u'.' + str(k), u"unknown field '%1'"_s.arg(str(k)));
        }
    }

    // Parses the text; on a syntax error records it with line and column.
    std::optional<Json> parse(const QByteArray &text)
    {
        try {
            return Json::parse(text.constBegin(), text.constEnd(), nullptr, true, true);
        } catch (const Json::parse_error &e) {
            // e.byte is 1-based and points at the character that made parsing fail.
            qsizetype offset = e.byte > 0 ? qsizetype(e.byte) - 1 : 0;
            offset = std::min(offset, text.size());
            // nlohmann points at the last character it read; point at the token's start.
            const QString reason = QString::fromUtf8(e.what());
            if (reason.contains(u"unexpected string literal"_s) && offset < text.size() &&
                text.at(offset) == '"') {
                qsizetype open = offset - 1;
                while (open > 0 && !(text.at(open) == '"' && text.at(open - 1) != '\\'))
                    --open;
                offset = std::max<qsizetype>(0, open);
            } else if (reason.contains(u"invalid literal"_s) ||
                       reason.contains(u"invalid number"_s)) {
                while (offset > 0 &&
                       (std::isalnum(static_cast<unsigned char>(text.at(offset - 1))) ||
                        text.at(offset - 1) == '-' || text.at(offset - 1) == '.'))
                    --offset;
            }
            const JsonLocator::Position p = m_locator.positionOfOffset(offset);
            QString what = QString::fromUtf8(e.what());
            // "[json.exception.parse_error.101] parse error at line 3, column 5: syntax error
            // while parsing object - unexpected '}'; expected string literal" -> the reason.
            const qsizetype colon = what.indexOf(u": "_s);
            if (colon >= 0)
                what = what.mid(colon + 2);
            what.replace(u"syntax error while parsing "_s, u"syntax error in "_s);
            m_diagnostics.append(PlaybookDiagnostic{m_file, p.line, p.column, {}, what});
        } catch (const std::exception &e) {
            m_diagnostics.append(PlaybookDiagnostic{
                m_file, 1, 1, {}, u"cannot read: "_s + QString::fromUtf8(e.what())});
        }
        return std::nullopt;
    }

    std::optional<PlaybookStep> step(const Json &j, const QString &path)
    {
        if (!j.is_object()) {
            error(path, u"a step must be an object"_s);
            return std::nullopt;
        }
        const int before = int(m_diagnostics.size());
        unknownKeys(j, path,
                    {"id", "connector", "operation", "title", "args", "depends_on", "timeout_s",
                     "retries", "required", "skip_unless", "if_connected"});
        PlaybookStep s;
        static const QRegularExpression idPattern(u"^[A-Za-z0-9_\\-]{1,64}$"_s);
        if (auto id = string(j, "id", path, true)) {
            s.id = *id;
            if (!idPattern.match(s.id).hasMatch())
                error(path + u".id"_s,
                      u"step id '%1' may use only letters, digits, '_' and '-'"_s.arg(s.id));
        }
        if (auto c = string(j, "connector", path, true)) {
            s.connector = *c;
            if (!Operations::connectors().contains(s.connector))
                error(path + u".connector"_s,
                      u"unknown connector '%1' (known: %2)"_s.arg(
                          s.connector, Operations::connectors().join(u", "_s)));
        }
        if (auto o = string(j, "operation", path, true)) {
            s.operation = *o;
            const QStringList ops = Operations::names(s.connector);
            if (!ops.isEmpty() && !ops.contains(s.operation))
                error(path + u".operation"_s, u"unknown operation '%1' of %2 (known: %3)"_s.arg(
                                                  s.operation, s.connector, ops.join(u", "_s)));
        }
        s.title = string(j, "title", path, false).value_or(s.id);
        if (j.contains("args")) {
            if (!j.at("args").is_object())
                error(path + u".args"_s, u"must be an object"_s);
            else
                s.args = toQJson(j.at("args")).toObject();
        }
        if (const Operations::Operation *op = Operations::find(s.connector, s.operation)) {
            checkRequiredArguments(*op, s, path);
            checkArguments(*op, s.args, path + u".args"_s);
        }
        s.dependsOn = stringList(j, "depends_on", path);
        s.skipUnless = stringList(j, "skip_unless", path);
        for (int i = 0; i < s.skipUnless.size(); ++i) {
            // a known parameter, or another step's output (an implied dependency)
            const QStringList parts = s.skipUnless.at(i).split(u'.');
            if (parts.size() == 3 && parts.at(0) == u"steps"_s && !parts.at(1).isEmpty() &&
                !parts.at(2).isEmpty()) {
                if (!s.dependsOn.contains(parts.at(1)))
                    s.dependsOn.append(parts.at(1));
            } else if (!knownTemplateNames().contains(s.skipUnless.at(i))) {
                error(path + u".skip_unless["_s + QString::number(i) + u']',
                      u"unknown parameter '%1'"_s.arg(s.skipUnless.at(i)));
            }
        }
        if (auto t = number(j, "timeout_s", path, 1, 600, false))
            s.timeoutS = int(std::ceil(*t));
        if (auto r = number(j, "retries", path, 0, 5, true))
            s.retries = int(*r);
        if (j.contains("required")) {
            if (!j.at("required").is_boolean())
                error(path + u".required"_s, u"must be true or false"_s);
            else
                s.required = j.at("required").get<bool>();
        }
        if (j.contains("if_connected")) {
            if (!j.at("if_connected").is_boolean())
                error(path + u".if_connected"_s, u"must be true or false"_s);
            else
                s.ifConnected = j.at("if_connected").get<bool>();
        }
        // Template names: known parameters, or another step's outputs (an implied dependency).
        const QStringList names = templateNames(QJsonValue(s.args));
        for (const QString &name : names) {
            if (name.startsWith(u"steps."_s)) {
                const QStringList parts = name.split(u'.');
                if (parts.size() < 3 || parts.at(1).isEmpty() || parts.at(2).isEmpty()) {
                    error(path + u".args"_s,
                          u"template '{{%1}}' must name a step and an output: steps.<id>.<output>"_s
                              .arg(name));
                } else if (!s.dependsOn.contains(parts.at(1))) {
                    s.dependsOn.append(parts.at(1));
                }
            } else if (!knownTemplateNames().contains(name)) {
                error(path + u".args"_s,
                      u"unknown template name '{{%1}}' (known: %2, steps.<id>.<output>)"_s.arg(
                          name, knownTemplateNames().join(u", "_s)));
            }
        }
        if (int(m_diagnostics.size()) != before)
            return std::nullopt;
        return s;
    }

    // Every argument the operation requires is given, literal or templated.
    void checkRequiredArguments(const Operations::Operation &op, const PlaybookStep &step,
                                const QString &path)
    {
        for (const Operations::Argument &argument : op.arguments) {
            if (!argument.required || step.args.contains(argument.name))
                continue;
            error(step.args.isEmpty() ? path : path + u".args"_s,
                  u"%1step '%2' calls %3.%4 without its required argument '%5'"_s.arg(
                      m_playbook.isEmpty() ? QString() : u"playbook '%1': "_s.arg(m_playbook),
                      step.id, op.connector, op.name, argument.name));
        }
    }

    // The playbook (or shared steps) the diagnostics are about, named in some messages.
    void setPlaybook(const QString &name) { m_playbook = name; }

    // Literal argument values of the types the operation takes (docs/operations.md); templated
    // ones are known only at run time. Other arguments are ignored, as connectors ignore them.
    void checkArguments(const Operations::Operation &op, const QJsonObject &args,
                        const QString &path)
    {
        for (auto it = args.begin(); it != args.end(); ++it) {
            const Operations::Argument *argument = op.argument(it.key());
            if (!argument)
                continue;
            if (auto problem = Operations::checkValue(*argument, it.value()))
                error(path + u'.' + it.key(),
                      u"argument '%1' of %2 %3"_s.arg(it.key(), op.name, *problem));
        }
    }

    QList<PlaybookDiagnostic> takeDiagnostics() { return std::move(m_diagnostics); }
    bool hasErrors() const { return !m_diagnostics.isEmpty(); }

private:
    JsonLocator m_locator;
    QString m_file;
    QString m_playbook;
    QList<PlaybookDiagnostic> m_diagnostics;
};

} // namespace

QStringList templateNames(const QJsonValue &value)
{
    QStringList out;
    collectTemplateNames(value, &out);
    out.removeDuplicates();
    return out;
}

QJsonValue renderTemplates(const QJsonValue &value, const QJsonObject &values)
{
    if (value.isString()) {
        const QString text = value.toString();
        const auto whole = wholeTemplatePattern().match(text);
        if (whole.hasMatch()) {
            const QJsonValue v = values.value(whole.captured(1));
            return v.isUndefined() || v.isNull() ? QJsonValue(QString()) : v;
        }
        if (!text.contains(u"{{"_s))
            return text;
        QString out;
        qsizetype last = 0;
        auto it = templatePattern().globalMatch(text);
        while (it.hasNext()) {
            const auto m = it.next();
            out += QStringView(text).mid(last, m.capturedStart() - last);
            out += templateText(values.value(m.captured(1)));
            last = m.capturedEnd();
        }
        out += QStringView(text).mid(last);
        return out;
    }
    if (value.isArray()) {
        QJsonArray out;
        for (const QJsonValue &item : value.toArray())
            out.append(renderTemplates(item, values));
        return out;
    }
    if (value.isObject()) {
        QJsonObject out;
        const QJsonObject o = value.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            out.insert(it.key(), renderTemplates(it.value(), values));
        return out;
    }
    return value;
}

SharedStepsParseResult parseSharedSteps(const QByteArray &text, const QString &fileName)
{
    SharedStepsParseResult result;
    Checker check(text, fileName);
    const std::optional<Json> doc = check.parse(text);
    if (!doc) {
        result.diagnostics = check.takeDiagnostics();
        return result;
    }
    const QString root = u"$"_s;
    if (!doc->is_object()) {
        check.error(root, u"a shared steps file must be a JSON object"_s);
        result.diagnostics = check.takeDiagnostics();
        return result;
    }
    check.unknownKeys(*doc, root, {"format", "name", "description", "steps"});
    if (auto format = check.string(*doc, "format", root, true);
        format && *format != QLatin1StringView(Playbook::StepsFormatId)) {
        check.error(u"$.format"_s, u"expected \"%1\", found \"%2\""_s.arg(
                                       QLatin1StringView(Playbook::StepsFormatId), *format));
    }
    result.name = check.string(*doc, "name", root, true).value_or(QString());
    check.setPlaybook(result.name);
    if (!doc->contains("steps") || !doc->at("steps").is_array()) {
        check.error(root, u"missing required array 'steps'"_s);
    } else {
        QSet<QString> seen;
        int i = 0;
        for (const Json &s : doc->at("steps")) {
            const QString path = u"$.steps["_s + QString::number(i++) + u']';
            if (auto step = check.step(s, path)) {
                if (seen.contains(step->id))
                    check.error(path + u".id"_s, u"duplicate step id '%1'"_s.arg(step->id));
                seen.insert(step->id);
                step->includedFrom = result.name;
                result.steps.append(*step);
            }
        }
    }
    result.diagnostics = check.takeDiagnostics();
    if (!result.diagnostics.isEmpty())
        result.steps.clear();
    return result;
}

namespace {

// The playbook's own fields: name, title, description, patterns, signals, parameters,
// includes and analyzers.
void readPlaybookFields(Checker &check, const Json &doc, Playbook &pb)
{
    const QString root = u"$"_s;
    check.unknownKeys(doc, root,
                      {"format", "name", "title", "description", "patterns", "signals",
                       "parameters", "include", "steps", "analyzers"});
    if (auto format = check.string(doc, "format", root, true);
        format && *format != QLatin1StringView(Playbook::FormatId)) {
        check.error(u"$.format"_s, u"expected \"%1\", found \"%2\""_s.arg(
                                       QLatin1StringView(Playbook::FormatId), *format));
    }
    static const QRegularExpression namePattern(u"^[a-z0-9][a-z0-9_\\-]{0,63}$"_s);
    if (auto name = check.string(doc, "name", root, true)) {
        if (!namePattern.match(*name).hasMatch())
            check.error(u"$.name"_s,
                        u"a playbook name uses lowercase letters, digits, '-' and '_'"_s);
        else
            pb.name = *name;
        check.setPlaybook(*name);
    }
    pb.title = check.string(doc, "title", root, false).value_or(pb.name);
    pb.description = check.string(doc, "description", root, false).value_or(QString());
    pb.patterns = check.stringList(doc, "patterns", root);
    if (doc.contains("signals")) {
        const Json &sig = doc.at("signals");
        if (!sig.is_object()) {
            check.error(u"$.signals"_s, u"must be an object"_s);
        } else {
            check.unknownKeys(sig, u"$.signals"_s, {"keywords", "negative", "weight"});
            pb.keywords = check.stringList(sig, "keywords", u"$.signals"_s);
            pb.negative = check.stringList(sig, "negative", u"$.signals"_s);
            pb.weight = check.number(sig, "weight", u"$.signals"_s, 0, 10, false).value_or(1.0);
        }
    }
    if (doc.contains("parameters")) {
        const Json &par = doc.at("parameters");
        if (!par.is_object()) {
            check.error(u"$.parameters"_s, u"must be an object"_s);
        } else {
            check.unknownKeys(par, u"$.parameters"_s, {"window_hours_before", "needs"});
            pb.windowHoursBefore =
                int(check.number(par, "window_hours_before", u"$.parameters"_s, 1, 24 * 62, true)
                        .value_or(24));
            pb.needs = check.stringList(par, "needs", u"$.parameters"_s);
            for (int i = 0; i < pb.needs.size(); ++i) {
                if (!knownTemplateNames().contains(pb.needs.at(i)))
                    check.error(u"$.parameters.needs["_s + QString::number(i) + u']',
                                u"unknown parameter '%1'"_s.arg(pb.needs.at(i)));
            }
        }
    }
    pb.includes = check.stringList(doc, "include", root);
    pb.analyzers = check.stringList(doc, "analyzers", root);
    for (int i = 0; i < pb.analyzers.size(); ++i) {
        if (!knownAnalyzers().contains(pb.analyzers.at(i)))
            check.error(u"$.analyzers["_s + QString::number(i) + u']',
                        u"unknown analyzer '%1' (known: %2)"_s.arg(pb.analyzers.at(i),
                                                                   knownAnalyzers().join(u", "_s)));
    }
}

// A playbook's steps with where each was defined (for messages).
struct ResolvedSteps
{
    QList<PlaybookStep> steps;
    QMap<QString, QString> path; // id -> JSON path that defines it

    // A step replaces the one with the same id, or comes last.
    void put(const PlaybookStep &step, const QString &definedAt)
    {
        const qsizetype existing =
            std::find_if(steps.cbegin(), steps.cend(),
                         [&](const PlaybookStep &x) { return x.id == step.id; }) -
            steps.cbegin();
        if (existing < steps.size())
            steps[existing] = step;
        else
            steps.append(step);
        path.insert(step.id, definedAt);
    }
};

// Included steps first, in include order; own steps override them by id.
ResolvedSteps resolveSteps(Checker &check, const Json &doc, const Playbook &pb,
                           const SharedSteps &shared)
{
    ResolvedSteps resolved;
    for (int i = 0; i < pb.includes.size(); ++i) {
        const QString inc = pb.includes.at(i);
        const QString path = u"$.include["_s + QString::number(i) + u']';
        if (!shared.contains(inc)) {
            check.error(
                path, u"unknown shared steps '%1' (available: %2)"_s.arg(
                          inc, shared.keys().isEmpty() ? u"none"_s : shared.keys().join(u", "_s)));
            continue;
        }
        for (const PlaybookStep &s : shared.value(inc))
            resolved.put(s, path);
    }
    QSet<QString> ownIds;
    if (!doc.contains("steps")) {
        if (pb.includes.isEmpty())
            check.error(u"$"_s, u"missing required array 'steps'"_s);
    } else if (!doc.at("steps").is_array()) {
        check.error(u"$.steps"_s, u"must be an array of steps"_s);
    } else {
        int i = 0;
        for (const Json &s : doc.at("steps")) {
            const QString path = u"$.steps["_s + QString::number(i++) + u']';
            auto step = check.step(s, path);
            if (!step)
                continue;
            if (ownIds.contains(step->id)) {
                check.error(path + u".id"_s, u"duplicate step id '%1'"_s.arg(step->id));
                continue;
            }
            ownIds.insert(step->id);
            resolved.put(*step, path);
        }
    }
    return resolved;
}

// Every dependency names another existing step.
void checkDependenciesExist(Checker &check, const ResolvedSteps &resolved,
                            const QMap<QString, const PlaybookStep *> &byId)
{
    for (const PlaybookStep &s : resolved.steps) {
        for (int d = 0; d < s.dependsOn.size(); ++d) {
            const QString &dep = s.dependsOn.at(d);
            if (byId.contains(dep) && dep != s.id)
                continue;
            const QString base = resolved.path.value(s.id);
            const bool own = base.startsWith(u"$.steps"_s);
            const QString where = own ? base + u".depends_on"_s : base;
            const QString prefix = own ? QString() : u"shared step '%1': "_s.arg(s.id);
            if (dep == s.id)
                check.error(where, prefix + u"step '%1' depends on itself"_s.arg(s.id));
            else
                check.error(where, prefix + u"depends on unknown step '%1'"_s.arg(dep));
        }
    }
}

// Reports the first dependency cycle found by a depth-first walk.
void checkNoCycles(Checker &check, const ResolvedSteps &resolved,
                   const QMap<QString, const PlaybookStep *> &byId)
{
    enum class Mark { None, Visiting, Done };
    QMap<QString, Mark> marks;
    QStringList trail;
    bool reported = false;
    std::function<void(const QString &)> visit = [&](const QString &id) {
        if (reported)
            return;
        marks[id] = Mark::Visiting;
        trail.append(id);
        for (const QString &dep : byId.value(id)->dependsOn) {
            if (marks.value(dep) == Mark::Visiting) {
                const QStringList cycle = trail.mid(trail.indexOf(dep)) << dep;
                const QString base = resolved.path.value(id);
                check.error(base.startsWith(u"$.steps"_s) ? base + u".depends_on"_s : base,
                            u"dependency cycle: %1"_s.arg(cycle.join(u" -> "_s)));
                reported = true;
                return;
            }
            if (marks.value(dep) == Mark::None)
                visit(dep);
            if (reported)
                return;
        }
        trail.removeLast();
        marks[id] = Mark::Done;
    };
    for (const PlaybookStep &s : resolved.steps) {
        if (marks.value(s.id) == Mark::None)
            visit(s.id);
    }
}

} // namespace

PlaybookParseResult parsePlaybook(const QByteArray &text, const QString &fileName,
                                  const SharedSteps &shared)
{
    PlaybookParseResult result;
    Checker check(text, fileName);
    const std::optional<Json> doc = check.parse(text);
    if (!doc) {
        result.diagnostics = check.takeDiagnostics();
        return result;
    }
    if (!doc->is_object()) {
        check.error(u"$"_s, u"a playbook must be a JSON object"_s);
        result.diagnostics = check.takeDiagnostics();
        return result;
    }
    Playbook pb;
    pb.file = fileName;
    readPlaybookFields(check, *doc, pb);
    const ResolvedSteps resolved = resolveSteps(check, *doc, pb, shared);
    if (!check.hasErrors() && resolved.steps.isEmpty())
        check.error(u"$"_s, u"the playbook has no steps"_s);

    // Dependencies: every name must exist; no cycles.
    QMap<QString, const PlaybookStep *> byId;
    for (const PlaybookStep &s : resolved.steps)
        byId.insert(s.id, &s);
    checkDependenciesExist(check, resolved, byId);
    if (!check.hasErrors())
        checkNoCycles(check, resolved, byId);

    result.diagnostics = check.takeDiagnostics();
    if (result.diagnostics.isEmpty()) {
        pb.steps = resolved.steps;
        result.playbook = pb;
    }
    return result;
}

} // namespace Casefile
