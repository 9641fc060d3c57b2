#pragma once

#include "result.h"

#include <QString>

// A clear error for a media file FFmpeg could not open: missing, a folder, empty, cancelled, or
// not media (FFmpeg's reason in the detail). Sets Error::file.
Error mediaOpenError(const QString &path, int averror);
