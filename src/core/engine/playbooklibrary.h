#pragma once

#include "core/engine/playbook.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace Casefile {

// The playbooks a workspace can run: the built-ins (Qt resources ":/playbooks/*.json" and
// ":/playbooks/shared/*.json") plus user folders, which add playbooks or override built-ins
// by name. An invalid file is listed in diagnostics() and never hides a valid playbook of
// the same name.
//
// A value type: build it once (load() reads files), then share it read-only across threads.
class PlaybookLibrary
{
public:
    PlaybookLibrary() = default;

    // Built-ins, then the user folder (userDirectory()) unless `includeUserDirectory` is
    // false, then each of `extraDirs` in order (later ones win).
    static PlaybookLibrary load(const QStringList &extraDirs = {},
                                bool includeUserDirectory = true);
    // The user folder: AppConfigLocation + "/playbooks".
    static QString userDirectory();

    // Adds the playbooks and shared steps of one folder (its "shared/" sub-folder holds
    // shared steps). `builtIn` marks them as shipped with the app.
    void addDirectory(const QString &dir, bool builtIn = false);
    // Adds one playbook from text; returns its diagnostics (empty when it was added).
    QList<PlaybookDiagnostic> addPlaybook(const QByteArray &text, const QString &fileName,
                                          bool builtIn = false);

    QStringList names() const; // sorted
    const Playbook *find(const QString &name) const;
    QList<Playbook> playbooks() const; // sorted by name
    QList<PlaybookDiagnostic> diagnostics() const;
    const SharedSteps &sharedSteps() const { return m_shared; }

    // Validates one playbook's text against the built-in shared steps (for the editor).
    static QList<PlaybookDiagnostic> validate(const QByteArray &text, const QString &fileName);

private:
    void addSharedDirectory(const QString &dir);

    QList<Playbook> m_playbooks;
    SharedSteps m_shared;
    QList<PlaybookDiagnostic> m_diagnostics;
};

} // namespace Casefile
