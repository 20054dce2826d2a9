#pragma once

namespace Casefile {

// The desktop workbench: creates the QApplication, parses `--profile PROFILE` (and
// `--screenshots DIR`: open, investigate the first ticket, save PNGs of the main views and
// exit), shows the main window and runs the event loop. Returns the exit code.
int runDesktop(int argc, char **argv);

} // namespace Casefile
