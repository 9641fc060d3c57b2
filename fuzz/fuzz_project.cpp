#include "fuzzcues.h"

#include "dashscopetaskstore.h"
#include "projectformat.h"
#include "subtitlefile.h"

using namespace Qt::StringLiterals;

// The project-file loader (projectformat.h: .captioneer projects and the JSON cue export), the
// format detection in front of it, and the pending DashScope tasks a project keeps in its provider
// metadata (dashscopetaskstore.h). Whatever the bytes: no crash, cues with 0 <= start <= end, and
// a project that loaded saves and loads again to the same cues.
extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes = fuzzBytes(data, size);
    if (const Result<ProjectData> project = parseProject(bytes)) {
        checkCueTimes(project->cues);
        const Result<ProjectData> again = parseProject(serializeProject(*project));
        FUZZ_CHECK(again.ok());
        FUZZ_CHECK(again->cues == project->cues);
        FUZZ_CHECK(again->nextId == project->nextId);
        for (const DashScopePendingTask &task : DashScopeTaskStore::read(project->providerMeta))
            FUZZ_CHECK(task.isValid());
    } else {
        FUZZ_CHECK(!project.error().message.isEmpty());
    }
    if (const Result<Cues> cues = parseCuesJson(bytes)) {
        checkCueTimes(*cues);
        const Result<Cues> again = parseCuesJson(serializeCuesJson(*cues));
        FUZZ_CHECK(again.ok());
        FUZZ_CHECK(again->size() == cues->size());
    }
    checkParsedFile(bytes, {}, u"fuzz.captioneer"_s);
    return 0;
}
