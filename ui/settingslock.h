#pragma once

#include <QString>

// Recovery from a settings lock file left empty by a killed process.
//
// QSettings guards every write of its INI file with QLockFile(<file>.lock). A process killed
// between creating that lock file and writing its pid into it leaves an empty lock whose owner
// cannot be identified; QLockFile then waits until the file is 30 s old before it calls it
// stale, so the next Captioneer would freeze its GUI thread for up to 30 s at its first
// settings write. A live owner fills the file within microseconds of creating it, so an empty
// or unreadable lock older than `minimumAgeMs` is abandoned and safe to remove.

// Removes the lock file of the settings file `settingsPath` when it is abandoned as above.
// Returns true when a lock file was removed. A lock with a readable owner is left to QLockFile's
// own stale detection (which checks that the owner still runs).
bool removeAbandonedSettingsLock(const QString &settingsPath, int minimumAgeMs = 2000);

// removeAbandonedSettingsLock() for the application's default QSettings file (native format,
// user scope). Call after the organization and application names are set, before any QSettings
// write.
bool removeAbandonedApplicationSettingsLock();
