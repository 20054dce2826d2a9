#include "core/engine/playbooklibrary.h"

#include "core/corelogging.h"
#include "core/result.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Casefile {

namespace {

constexpr qint64 MaxPlaybookBytes = 1024 * 1024; // a playbook is small; refuse anything huge

std::optional<QByteArray> readSmallFile(const QString &path, QList<PlaybookDiagnostic> *diags)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        diags->append(PlaybookDiagnostic{path, 0, 0, {}, u"cannot open: "_s + file.errorString()});
        return std::nullopt;
    }
    if (file.size() > MaxPlaybookBytes) {
        diags->append(PlaybookDiagnostic{path, 0, 0, {}, u"file is larger than 1 MiB"_s});
        return std::nullopt;
    }
    return file.readAll();
}

QStringList jsonFiles(const QString &dir)
{
    QStringList out;
    const QDir d(dir);
    for (const QString &name : d.entryList({u"*.json"_s}, QDir::Files, QDir::Name))
        out.append(d.filePath(name));
    return out;
}

} // namespace

QString PlaybookLibrary::userDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation) + u"/playbooks"_s;
}

PlaybookLibrary PlaybookLibrary::load(const QStringList &extraDirs, bool includeUserDirectory)
{
    PlaybookLibrary library;
    library.addDirectory(u":/playbooks"_s, true);
    if (includeUserDirectory && QDir(userDirectory()).exists())
        library.addDirectory(userDirectory());
    for (const QString &dir : extraDirs)
        library.addDirectory(dir);
    return library;
}

void PlaybookLibrary::addSharedDirectory(const QString &dir)
{
    for (const QString &path : jsonFiles(dir)) {
        const auto text = readSmallFile(path, &m_diagnostics);
        if (!text)
            continue;
        SharedStepsParseResult parsed = parseSharedSteps(*text, path);
        if (!parsed.diagnostics.isEmpty()) {
            m_diagnostics.append(parsed.diagnostics);
            continue;
        }
        m_shared.insert(parsed.name, parsed.steps);
    }
}

void PlaybookLibrary::addDirectory(const QString &dir, bool builtIn)
{
    if (!QDir(dir).exists()) {
        if (!builtIn)
            m_diagnostics.append(PlaybookDiagnostic{dir, 0, 0, {}, u"folder does not exist"_s});
        return;
    }
    addSharedDirectory(dir + u"/shared"_s);
    for (const QString &path : jsonFiles(dir)) {
        const auto text = readSmallFile(path, &m_diagnostics);
        if (text)
            addPlaybook(*text, path, builtIn);
    }
}

QList<PlaybookDiagnostic> PlaybookLibrary::addPlaybook(const QByteArray &text,
                                                       const QString &fileName, bool builtIn)
{
    PlaybookParseResult parsed = parsePlaybook(text, fileName, m_shared);
    if (!parsed.playbook) {
        m_diagnostics.append(parsed.diagnostics);
        return parsed.diagnostics;
    }
    Playbook pb = *parsed.playbook;
    pb.builtIn = builtIn;
    const auto it = std::find_if(m_playbooks.begin(), m_playbooks.end(),
                                 [&](const Playbook &p) { return p.name == pb.name; });
    if (it != m_playbooks.end()) {
        qCDebug(lcCore) << "playbook" << pb.name << "from" << fileName << "overrides" << it->file;
        *it = pb;
    } else {
        m_playbooks.append(pb);
    }
    std::sort(m_playbooks.begin(), m_playbooks.end(),
              [](const Playbook &a, const Playbook &b) { return a.name < b.name; });
    return {};
}

QStringList PlaybookLibrary::names() const
{
    QStringList out;
    for (const Playbook &p : m_playbooks)
        out.append(p.name);
    return out;
}

const Playbook *PlaybookLibrary::find(const QString &name) const
{
    for (const Playbook &p : m_playbooks) {
        if (p.name == name)
            return &p;
    }
    return nullptr;
}

QList<Playbook> PlaybookLibrary::playbooks() const
{
    return m_playbooks;
}

QList<PlaybookDiagnostic> PlaybookLibrary::diagnostics() const
{
    return m_diagnostics;
}

QList<PlaybookDiagnostic> PlaybookLibrary::validate(const QByteArray &text, const QString &fileName)
{
    PlaybookLibrary builtIns;
    builtIns.addSharedDirectory(u":/playbooks/shared"_s);
    return parsePlaybook(text, fileName, builtIns.m_shared).diagnostics;
}

} // namespace Casefile
