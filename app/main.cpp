#include "app/cli/cli.h"

#include <QCoreApplication>

#include <cstdio>

#ifdef CASEFILE_BUILD_GUI
#include "app/desktop/desktop.h"
#endif

// A subcommand or --version runs headless on QCoreApplication (no display, no keychain
// prompt); anything else opens the desktop workbench.
int main(int argc, char *argv[])
{
    if (Casefile::Cli::isHeadless(argc, argv)) {
        QCoreApplication app(argc, argv);
        QCoreApplication::setApplicationName(QStringLiteral("casefile"));
        QCoreApplication::setApplicationVersion(QStringLiteral(CASEFILE_VERSION));
        return Casefile::Cli::run(argc, argv);
    }
#ifdef CASEFILE_BUILD_GUI
    return Casefile::runDesktop(argc, argv);
#else
    std::fputs("casefile: this build has no desktop GUI; use a command: tickets, investigate, "
               "playbooks or --version\n",
               stderr);
    return 2;
#endif
}
