#pragma once

class QApplication;

namespace Casefile {

// The workbench's light and dark palettes (Fusion style, so they look the same everywhere).
void applyPalette(QApplication &app, bool dark);

} // namespace Casefile
