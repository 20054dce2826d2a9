#pragma once

#include "core/domain.h"
#include "core/result.h"

#include <QByteArray>
#include <QString>

namespace Casefile {

// Exports of one investigation for people who do not run Casefile. Pure functions of the
// investigation, safe on any thread; files are written with QSaveFile (all or nothing).
enum class ExportFormat { Markdown, Html, Pdf, Json };

QString investigationReportMarkdown(const Investigation &investigation);
QString investigationReportHtml(const Investigation &investigation); // safe renderer only
Result<void> exportInvestigation(const Investigation &investigation, ExportFormat format,
                                 const QString &path);
std::optional<ExportFormat> exportFormatForPath(const QString &path);
// "casefile-ticket-1042-2026-11-20.md": the file name the export dialog suggests.
QString suggestedExportName(const Investigation &investigation);
// The path with the extension of the chosen filter ("Markdown (*.md)") when it has none we
// know (a name typed without ".md").
QString withExportExtension(const QString &path, const QString &selectedFilter); // by suffix

// Reads a result document (contracts/investigation-result.md); a bad file is an error that
// names the file and what is wrong.
Result<Investigation> importInvestigation(const QString &path);

} // namespace Casefile
