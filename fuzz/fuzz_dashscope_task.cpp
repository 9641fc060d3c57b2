#include "fuzzcheck.h"

#include "dashscopeparsers.h"

// DashScope's async-task replies (submit and poll, both result shapes) and the temporary-storage
// upload policy (dashscopeparsers.h). Whatever the bytes: no crash, an error with a message or a
// value the clients can use.
extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray body = fuzzBytes(data, size);
    if (const Result<DashScopeTask> task = parseDashScopeTask(body)) {
        FUZZ_CHECK(!task->taskId.isEmpty() || !task->status.isEmpty());
        (void)isTerminal(task->state);
    } else {
        FUZZ_CHECK(task.error().code == ErrorCode::ParseError);
        FUZZ_CHECK(!task.error().message.isEmpty());
    }
    if (const Result<DashScopeUploadPolicy> policy = parseDashScopeUploadPolicy(body)) {
        FUZZ_CHECK(!policy->uploadHost.isEmpty());
        FUZZ_CHECK(policy->expireInSeconds >= 0 && policy->maxFileSizeMb >= 0);
    } else {
        FUZZ_CHECK(!policy.error().message.isEmpty());
    }
    return 0;
}
