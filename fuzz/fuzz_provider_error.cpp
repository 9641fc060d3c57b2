#include "fuzzcheck.h"

#include "providererror.h"

using namespace Qt::StringLiterals;

// Error answers of every provider (providererror.h): OpenAI {"error":{...}}, DashScope
// {code,message,request_id}, SiliconFlow objects and bare strings, HTML pages, plain text, with
// Retry-After / retry-after-ms / x-request-id headers. The input is "<header lines>\n\n<body>":
// the first byte picks the HTTP status. Whatever the bytes: no crash, a message naming the
// provider, and a retry delay that is -1 (none) or a delay in ms.
extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    static const int kStatuses[] = {400, 401, 402, 403, 404, 408, 409, 413,
                                    415, 429, 500, 502, 503, 504, 200, 0};
    const int status = kStatuses[data[0] % std::size(kStatuses)];
    const QByteArray input = fuzzBytes(data + 1, size - 1);
    const qsizetype split = input.indexOf("\n\n");
    const QByteArray head = split < 0 ? QByteArray() : input.left(split);
    const QByteArray body = split < 0 ? input : input.mid(split + 2);
    RawHeaders headers;
    for (const QByteArray &line : head.split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
    }
    const Error e = providerHttpError(u"Fuzz Provider"_s, status, body, headers);
    FUZZ_CHECK(e.message.contains(u"Fuzz Provider"_s));
    FUZZ_CHECK(e.httpStatus == status);
    FUZZ_CHECK(e.retryAfterMs >= -1);
    const qint64 after = retryAfterFromHeaders(headers);
    FUZZ_CHECK(after >= -1);
    return 0;
}
