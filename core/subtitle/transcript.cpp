#include "transcript.h"

#include <algorithm>

bool Transcript::hasWords() const
{
    return std::any_of(segments.cbegin(), segments.cend(),
                       [](const TranscriptSegment &s) { return !s.words.isEmpty(); });
}
