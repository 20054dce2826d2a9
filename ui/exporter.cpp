#include "ui/exporter.h"

#include "core/analysis/markdown.h"
#include "core/investigationjson.h"
#include "core/time.h"

#include <QFile>
#include <QFileInfo>
#include <QPrinter>
#include <QRegularExpression>
#include <QSaveFile>
#include <QTextDocument>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Casefile {

namespace {

// The queries behind the evidence, each in a code block whose fence no run of backticks in
// the text can close early.
QString queriesMarkdown(const Investigation &inv)
{
    QString md;
    for (const Evidence &e : inv.evidence) {
        if (e.query.isEmpty())
            continue;
        qsizetype longest = 0;
        qsizetype run = 0;
        for (const QChar c : e.query) {
            run = c == u'`' ? run + 1 : 0;
            longest = std::max(longest, run);
        }
        const QString fence(std::max<qsizetype>(3, longest + 1), u'`');
        md += u"\n%1 (%2):\n\n%3\n%4\n%3\n"_s.arg(e.title, e.id, fence, e.query);
    }
    return md.isEmpty() ? md : u"\n## Queries\n"_s + md;
}

} // namespace

QString investigationReportMarkdown(const Investigation &inv)
{
    QString md;
    md += u"# Ticket %1: %2\n\n"_s.arg(inv.ticket.id, inv.ticket.subject);
    md += u"- Organisation: %1\n"_s.arg(inv.ticket.orgName.isEmpty() ? inv.ticket.orgId
                                                                     : inv.ticket.orgName);
    md += u"- Playbook: %1\n"_s.arg(inv.playbook.name.isEmpty() ? u"none"_s : inv.playbook.name);
    if (inv.window.isValid()) {
        md += u"- Window: %1 – %2\n"_s.arg(toIsoUtc(inv.window.from), toIsoUtc(inv.window.to));
    }
    md += u"- Started: %1, took %2 ms\n\n"_s.arg(toIsoUtc(inv.startedAt)).arg(inv.durationMs);
    if (inv.rootCause) {
        md += u"## Root cause\n\n**%1** (confidence %2 %): %3\n\n"_s.arg(inv.rootCause->category)
                  .arg(qRound(inv.rootCause->confidence * 100))
                  .arg(inv.rootCause->summary);
        if (!inv.rootCause->refs.isEmpty())
            md += u"Refs: `%1`\n\n"_s.arg(inv.rootCause->refs.join(u"`, `"_s));
    }
    if (!inv.findings.isEmpty()) {
        md += u"## Findings\n\n"_s;
        for (const Finding &f : inv.findings)
            md += u"- %1 (%2 %)\n"_s.arg(f.summary).arg(qRound(f.confidence * 100));
        md += u'\n';
    }
    if (!inv.rejected.isEmpty()) {
        md += u"## Rejected hypotheses\n\n"_s;
        for (const RejectedHypothesis &r : inv.rejected)
            md += u"- %1: %2\n"_s.arg(r.category, r.reason);
        md += u'\n';
    }
    md += u"## Steps\n\n"_s;
    for (const StepRecord &s : inv.steps) {
        md += u"- %1 (%2): %3, %4 ms%5\n"_s
                  .arg(s.title.isEmpty() ? s.id : s.title, s.connector, stepStatusName(s.status))
                  .arg(s.durationMs)
                  .arg(s.error.isEmpty() ? QString() : u" — "_s + s.error);
    }
    if (!inv.notChecked.isEmpty())
        md += u"\nNot checked: %1\n"_s.arg(inv.notChecked.join(u"; "_s));
    md += queriesMarkdown(inv);
    md += u"\n## Diagnosis\n\n"_s + inv.diagnosisMarkdown + u'\n';
    return md;
}

QString investigationReportHtml(const Investigation &inv)
{
    return u"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>%1</title></head><body>\n"_s
               .arg(escapeHtml(u"Ticket %1"_s.arg(inv.ticket.id))) +
           renderMarkdownToSafeHtml(investigationReportMarkdown(inv)) + u"\n</body></html>\n"_s;
}

std::optional<ExportFormat> exportFormatForPath(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == "md"_L1 || suffix == "markdown"_L1)
        return ExportFormat::Markdown;
    if (suffix == "html"_L1 || suffix == "htm"_L1)
        return ExportFormat::Html;
    if (suffix == "pdf"_L1)
        return ExportFormat::Pdf;
    if (suffix == "json"_L1)
        return ExportFormat::Json;
    return std::nullopt;
}

QString suggestedExportName(const Investigation &investigation)
{
    QString id = investigation.ticket.id;
    id.replace(QRegularExpression(u"[^A-Za-z0-9_-]"_s), u"_"_s);
    const QDateTime when = investigation.startedAt.isValid() ? investigation.startedAt
                                                             : QDateTime::currentDateTimeUtc();
    return u"casefile-ticket-%1-%2.md"_s.arg(id.isEmpty() ? u"investigation"_s : id,
                                             when.toUTC().toString(u"yyyy-MM-dd"_s));
}

QString withExportExtension(const QString &path, const QString &selectedFilter)
{
    if (path.isEmpty() || exportFormatForPath(path))
        return path;
    const QRegularExpressionMatch m =
        QRegularExpression(u"\\*\\.([A-Za-z0-9]+)"_s).match(selectedFilter);
    return path + u'.' + (m.hasMatch() ? m.captured(1) : u"md"_s);
}

static Result<void> writeFile(const QString &path, const QByteArray &bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        return fail(Error::Code::Storage, u"Could not write %1: %2"_s.arg(
                                              QFileInfo(path).fileName(), file.errorString()));
    }
    return {};
}

Result<void> exportInvestigation(const Investigation &inv, ExportFormat format, const QString &path)
{
    switch (format) {
    case ExportFormat::Markdown:
        return writeFile(path, investigationReportMarkdown(inv).toUtf8());
    case ExportFormat::Html:
        return writeFile(path, investigationReportHtml(inv).toUtf8());
    case ExportFormat::Json:
        return writeFile(path, investigationToJsonBytes(inv));
    case ExportFormat::Pdf: {
        QTextDocument document;
        document.setHtml(renderMarkdownToSafeHtml(investigationReportMarkdown(inv)));
        QPrinter printer(QPrinter::HighResolution);
        printer.setOutputFormat(QPrinter::PdfFormat);
        printer.setOutputFileName(path);
        printer.setDocName(u"Ticket %1"_s.arg(inv.ticket.id));
        document.print(&printer);
        if (!QFileInfo(path).isFile() || QFileInfo(path).size() == 0)
            return fail(Error::Code::Storage,
                        u"Could not write the PDF %1."_s.arg(QFileInfo(path).fileName()));
        return {};
    }
    }
    return fail(Error::Code::Unsupported, u"Unknown export format."_s);
}

Result<Investigation> importInvestigation(const QString &path)
{
    QFile file(path);
    const QString name = QFileInfo(path).fileName();
    if (!file.open(QIODevice::ReadOnly))
        return fail(Error::Code::NotFound,
                    u"Could not open %1: %2"_s.arg(name, file.errorString()));
    if (file.size() > 256LL * 1024 * 1024)
        return fail(Error::Code::InvalidInput,
                    u"%1 is too large to be an investigation."_s.arg(name));
    auto inv = investigationFromJsonBytes(file.readAll());
    if (!inv) {
        return fail(Error::Code::InvalidInput,
                    u"%1 is not a Casefile investigation: %2"_s.arg(name, inv.error().message),
                    inv.error().detail);
    }
    return inv;
}

} // namespace Casefile
