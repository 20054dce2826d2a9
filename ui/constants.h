#pragma once

#include <QString>

// Ids, roles and settings keys of the workbench, in one place.
namespace Casefile {

namespace UiRoles {
// Item data roles shared by the workbench's models (beyond Qt::UserRole).
inline constexpr int SortRole = 0x0100 + 1;   // Qt::UserRole + 1: raw value for sorting
inline constexpr int IdRole = 0x0100 + 2;     // the row's id (ticket id, step id, ...)
inline constexpr int StatusRole = 0x0100 + 3; // a status enum as int
inline constexpr int SearchRole = 0x0100 + 4; // lowercase haystack for the search box
} // namespace UiRoles

namespace SettingsKeys {
inline constexpr auto Geometry = "mainWindow/geometry";
inline constexpr auto State = "mainWindow/state";
inline constexpr auto MainSplitter = "mainWindow/splitter";
inline constexpr auto ViewSplitter = "investigationView/splitter";
inline constexpr auto EditorSplitter = "diagnosisEditor/splitter";
inline constexpr auto RecentProfiles = "profiles/recent";
inline constexpr auto LastProfile = "profiles/last";
inline constexpr auto DarkPalette = "view/dark";
inline constexpr auto RefreshMinutes = "queue/refreshMinutes";
} // namespace SettingsKeys

} // namespace Casefile
